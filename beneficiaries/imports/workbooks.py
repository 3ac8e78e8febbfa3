"""The xlsx files the import pages offer: the template to fill in, and the list of a batch's problems."""

import io

import xlsxwriter

from desakumaju.lib.spreadsheets import column_letter

from ..models import DesilSource, DisabilityKind, Education, ImportBatch, MaritalStatus, Occupation, Relationship
from .columns import TEMPLATE_COLUMNS

TEXT_COLUMNS = {"no_kk", "nik", "village_code", "rt", "rw"}
TEMPLATE_ROWS = 5000  # rows of the Data sheet that get the drop-down lists and the text format
DROP_DOWNS = {
    "sex": ["L", "P"],
    "relationship": [str(label) for label in Relationship.labels],
    "marital_status": [str(label) for label in MaritalStatus.labels],
    "education": [str(label) for label in Education.labels],
    "occupation": [str(label) for label in Occupation.labels],
    "has_disability": ["Tidak", "Ya", *(str(label) for label in DisabilityKind.labels)],
    "desil": [str(desil) for desil in range(1, 11)],
    "desil_source": [str(label) for label in DesilSource.labels],
}


def template_workbook() -> bytes:
    """One header row with NIK and No KK formatted as text, drop-down lists for the coded columns (from a
    hidden sheet of choices), an example row, and a sheet of rules."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        bold, text = book.add_format({"bold": True, "bg_color": "#D9EAD3"}), book.add_format({"num_format": "@"})
        data = book.add_worksheet("Data")
        _rules_sheet(book.add_worksheet("Petunjuk"), bold)
        choices = book.add_worksheet("Pilihan")
        choices.hide()
        for position, column in enumerate(TEMPLATE_COLUMNS):
            data.set_column(position, position, 18, text if column.field in TEXT_COLUMNS else None)
            data.write_string(0, position, column.label, bold)
            data.write_string(1, position, column.example)
            if column.field in DROP_DOWNS:
                _drop_down(data, choices, position, column)
        data.freeze_panes(1, 0)
    return buffer.getvalue()


def _drop_down(data, choices, position: int, column) -> None:
    options = DROP_DOWNS[column.field]
    choices.write_string(0, position, column.label)
    for row, option in enumerate(options, start=1):
        choices.write_string(row, position, option)
    letter = column_letter(position)
    data.data_validation(1, position, TEMPLATE_ROWS, position, {
        "validate": "list", "source": f"=Pilihan!${letter}$2:${letter}${len(options) + 1}",
        "error_type": "warning", "error_title": column.label,
        "error_message": "Pilih dari daftar, atau tulis nilai yang dikenal portal (lihat lembar Petunjuk).",
    })  # fmt: skip


def _rules_sheet(sheet, bold) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 90)
    for position, heading in enumerate(["Kolom", "Wajib", "Keterangan"]):
        sheet.write_string(0, position, heading, bold)
    for row, column in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.write_string(row, 0, column.label)
        sheet.write_string(row, 1, "Ya" if column.required else "")
        sheet.write_string(row, 2, column.help)
    row = len(TEMPLATE_COLUMNS) + 2
    for title, choices in (
        ("Hubungan Keluarga", Relationship),
        ("Status Kawin", MaritalStatus),
        ("Pendidikan", Education),
        ("Pekerjaan", Occupation),
        ("Disabilitas (jenis)", DisabilityKind),
        ("Sumber Desil", DesilSource),
    ):
        sheet.write_string(row, 0, title, bold)
        sheet.write_string(row, 2, ", ".join(str(label) for label in choices.labels))
        row += 1
    notes = [
        "Baris contoh (baris 2 di lembar Data) boleh dihapus; baris kosong dilewati.",
        "Kolom NIK, No KK dan Kode Desa berformat Teks: jangan diubah menjadi Angka, Excel akan menghapus digit.",
        "Satu baris per orang. Anggota satu keluarga memakai No KK yang sama dan tepat satu Kepala Keluarga.",
        "Tanggal: dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd atau dengan nama bulan (17 Agustus 1975). Jenis kelamin: L/P. "
        "Desil: 1 sampai 10.",
        "Berkas P3KE individu, ekspor DTKS, berkas .xls/.ods/.csv/.txt juga diterima apa adanya.",
    ]
    for note in notes:
        sheet.write_string(row + 1, 0, note)
        row += 1


def problems_workbook(batch: ImportBatch) -> bytes:
    """Every problem of the batch, one per row (batches validated before the problems file existed)."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False}) as book:
        write_problem_list(book, batch)
    return buffer.getvalue()


def write_problem_list(book, batch: ImportBatch) -> None:
    """A sheet "Masalah" listing every problem; strings are always written as strings, never formulas."""
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
