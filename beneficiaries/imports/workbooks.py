"""The xlsx files the import pages offer: the template to fill in, and a batch's problems."""

import io

import xlsxwriter

from ..models import DesilSource, Education, ImportBatch, MaritalStatus, Relationship
from .columns import COLUMNS

TEXT_COLUMNS = {"no_kk", "nik", "village_code", "rt", "rw"}


def template_workbook() -> bytes:
    """One header row with NIK and No KK formatted as text, an example row, and a sheet of rules."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        bold, text = book.add_format({"bold": True, "bg_color": "#D9EAD3"}), book.add_format({"num_format": "@"})
        data = book.add_worksheet("Data")
        for position, column in enumerate(COLUMNS):
            data.set_column(position, position, 18, text if column.field in TEXT_COLUMNS else None)
            data.write_string(0, position, column.label, bold)
            data.write_string(1, position, column.example)
        data.freeze_panes(1, 0)
        _rules_sheet(book.add_worksheet("Petunjuk"), bold)
    return buffer.getvalue()


def _rules_sheet(sheet, bold) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 90)
    for position, heading in enumerate(["Kolom", "Wajib", "Keterangan"]):
        sheet.write_string(0, position, heading, bold)
    for row, column in enumerate(COLUMNS, start=1):
        sheet.write_string(row, 0, column.label)
        sheet.write_string(row, 1, "Ya" if column.required else "")
        sheet.write_string(row, 2, column.help)
    row = len(COLUMNS) + 2
    for title, choices in (
        ("Hubungan Keluarga", Relationship),
        ("Status Kawin", MaritalStatus),
        ("Pendidikan", Education),
        ("Sumber Desil", DesilSource),
    ):
        sheet.write_string(row, 0, title, bold)
        sheet.write_string(row, 2, ", ".join(str(label) for label in choices.labels))
        row += 1
    notes = [
        "Baris contoh (baris 2 di lembar Data) boleh dihapus; baris kosong dilewati.",
        "Kolom NIK, No KK dan Kode Desa berformat Teks: jangan diubah menjadi Angka, Excel akan menghapus digit.",
        "Satu baris per orang. Anggota satu keluarga memakai No KK yang sama dan tepat satu Kepala Keluarga.",
        "Tanggal: dd/mm/yyyy, dd-mm-yyyy atau yyyy-mm-dd. Jenis kelamin: L/P. Desil: 1 sampai 10.",
    ]
    for note in notes:
        sheet.write_string(row + 1, 0, note)
        row += 1


def problems_workbook(batch: ImportBatch) -> bytes:
    """Every problem of the batch, one per row; strings are always written as strings, never formulas."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False}) as book:
        sheet = book.add_worksheet("Masalah")
        bold = book.add_format({"bold": True})
        for position, (heading, width) in enumerate([("Baris", 8), ("Kolom", 22), ("Jenis", 12), ("Pesan", 100)]):
            sheet.write_string(0, position, heading, bold)
            sheet.set_column(position, position, width)
        problems = batch.problems.order_by("row", "pk").values_list("row", "column", "level", "message")
        for number, (row, column, level, message) in enumerate(problems.iterator(chunk_size=5000), start=1):
            sheet.write_string(number, 0, str(row) if row else "berkas")
            sheet.write_string(number, 1, column)
            sheet.write_string(number, 2, "Kesalahan" if level == "error" else "Peringatan")
            sheet.write_string(number, 3, message)
    return buffer.getvalue()
