"""The data inventory (SECURITY-CHECKLIST DOC-01): every field of every model, tagged with the kind of personal
data it holds, with how long its rows are kept. ``tests/test_data_inventory.py`` fails when a model or a field
is missing here, and when docs/privacy/data-inventory.md is not what ``render()`` writes from it
(``manage.py data_inventory`` rewrites it). The change trail's event models copy their tracked model's fields
and are kept as long as the trail (see docs/privacy/ropa.md).

Tags (UU PDP 27/2022):
* ``identitas``: NIK and No KK, or a file holding them;
* ``spesifik``: specific personal data (Pasal 4 ayat 2): health (disability), and the welfare rank (desil),
  which says how poor a family is;
* ``pribadi``: other personal data of beneficiaries and complainants (name, birth, address, family ties …);
* ``pengguna``: data about portal users (staff): names, e-mail, who did what, from which address;
* ``-``: no personal data.
"""

from dataclasses import dataclass, field

from django.utils import translation

LEVELS = {
    "identitas": "Nomor identitas (NIK, No. KK)",
    "spesifik": "Data pribadi spesifik (kesehatan/disabilitas, desil kesejahteraan)",
    "pribadi": "Data pribadi umum penerima manfaat atau pelapor",
    "pengguna": "Data pengguna portal (petugas)",
    "-": "Bukan data pribadi",
}
TRAIL = "selama jejak audit (tidak dihapus; lihat ropa.md)"
REGISTRY = "selama program berjalan; keluarga tidak dihapus, keluar lewat status (lihat ropa.md)"


@dataclass(frozen=True)
class Entry:
    kept: str
    identitas: tuple = ()
    spesifik: tuple = ()
    pribadi: tuple = ()
    pengguna: tuple = ()
    none: tuple = field(default=())

    def tags(self) -> dict[str, str]:
        levels = {"identitas": self.identitas, "spesifik": self.spesifik, "pribadi": self.pribadi,
                  "pengguna": self.pengguna, "-": self.none}  # fmt: skip
        return {name: level for level, names in levels.items() for name in names}


INVENTORY = {
    "accounts.User": Entry(
        "selama akun ada (dinonaktifkan, tidak dihapus)",
        pengguna=("username", "first_name", "last_name", "email", "password", "last_login", "date_joined"),
        none=("session_generation", "id", "is_superuser", "is_staff", "is_active", "role", "district", "agency"),
    ),
    "villages.District": Entry("data rujukan", none=("id", "code", "name", "kind")),
    "villages.Subdistrict": Entry("data rujukan", none=("id", "code", "name", "district")),
    "villages.Village": Entry(
        "data rujukan", none=("id", "code", "name", "kind", "postal_code", "subdistrict", "district")
    ),
    "villages.Commodity": Entry("data rujukan", none=("id", "code", "name")),
    "villages.VillageYear": Entry("data rujukan", none=("id", "village", "year", "idm_status", "is_locus")),
    "villages.Institution": Entry("data rujukan", none=("id", "village", "kind", "name", "active")),
    "beneficiaries.Household": Entry(
        REGISTRY,
        identitas=(
            "p3ke_family_id",
            "no_kk",
        ),
        spesifik=("desil", "desil_source", "desil_as_of"),
        pribadi=("village", "address", "dusun", "rt", "rw", "status", "status_date", "status_reason"),
        none=("id", "import_batch", "created_at", "updated_at"),
    ),
    "beneficiaries.Person": Entry(
        REGISTRY,
        identitas=("nik",),
        spesifik=(
            "disability_kind",
            "has_disability",
        ),
        pribadi=(
            "household",
            "name",
            "sex",
            "birth_place",
            "birth_date",
            "relationship",
            "marital_status",
            "education",
            "occupation",
        ),
        none=("id", "import_batch", "created_at", "updated_at"),
    ),
    "beneficiaries.DesilRecord": Entry(
        REGISTRY,
        spesifik=("desil", "source", "as_of"),
        pribadi=("household",),
        pengguna=("recorded_by",),
        none=("id", "import_batch", "recorded_at"),
    ),
    "beneficiaries.Graduation": Entry(
        REGISTRY,
        spesifik=("desil_before", "desil_after"),
        pribadi=("household", "graduated_on", "source", "reason", "evidence", "evidence_name"),
        pengguna=("recorded_by",),
        none=("id", "evidence_extension", "import_batch", "recorded_at"),
    ),
    "beneficiaries.ImportBatch": Entry(
        "berkas: RETENTION_UPLOAD_DAYS; catatan unggahan: tetap (jejak impor)",
        identitas=(
            "problems_file",
            "file",
        ),
        pengguna=("original_name", "uploaded_by", "imported_by"),
        none=(
            "kind",
            "sheet_name",
            "queued_at",
            "id",
            "status",
            "file_type",
            "sha256",
            "size",
            "district",
            "desil_source",
            "desil_as_of",
            "created_at",
            "validated_at",
            "started_at",
            "imported_at",
            "attempts",
            "total_rows",
            "progress",
            "summary",
            "message",
        ),
    ),
    "beneficiaries.PersonMove": Entry(
        REGISTRY,
        pribadi=("person", "from_household", "to_household"),
        pengguna=("moved_by",),
        none=("id", "batch", "moved_at"),
    ),
    "beneficiaries.ImportProblem": Entry(
        "RETENTION_PROBLEMS_DAYS (pesan tidak pernah memuat NIK)",
        none=("id", "batch", "row", "column", "message", "level"),
    ),
    "beneficiaries.StagedRanking": Entry(
        "sampai unggahannya selesai (dihapus penyapu impor dalam beberapa menit)",
        spesifik=("desil", "source", "as_of"),
        pribadi=("household_id",),
        none=("id", "batch", "row"),
    ),
    "beneficiaries.StagedRow": Entry(
        "sampai unggahannya selesai (dihapus penyapu impor dalam beberapa menit)",
        identitas=("p3ke_family_id", "family", "nik", "no_kk"),
        spesifik=("disability_kind", "has_disability", "desil", "desil_source", "desil_as_of"),
        pribadi=(
            "village_id",
            "name",
            "sex",
            "birth_place",
            "birth_date",
            "relationship",
            "marital_status",
            "education",
            "occupation",
            "address",
            "dusun",
            "rt",
            "rw",
        ),
        none=("id", "batch", "row", "is_household_row"),
    ),
    "programs.Agency": Entry("data rujukan", none=("id", "name", "short_name", "level", "district", "active")),
    "programs.PeriodApproval": Entry(
        "tetap (persetujuan laporan)",
        pengguna=("approved_by", "unlocked_by"),
        none=("id", "district", "year", "semester", "approved_at", "note", "unlocked_at", "unlock_reason"),
    ),
    "programs.Intervention": Entry(
        "tetap (data program)",
        pengguna=("created_by", "updated_by"),
        none=(
            "id",
            "program",
            "agency",
            "village",
            "institution",
            "commodity",
            "description",
            "quantity",
            "unit",
            "planned_budget",
            "realised_spending",
            "overspend_note",
            "planned_date",
            "actual_date",
            "status",
            "cancel_reason",
            "created_at",
            "updated_at",
        ),
    ),
    "programs.Recipient": Entry(
        REGISTRY,
        pribadi=("person", "household", "received_on"),
        pengguna=("added_by",),
        none=("id", "intervention", "added_at"),
    ),
    "programs.StatusChange": Entry(
        "tetap (riwayat intervensi)",
        pengguna=("changed_by",),
        none=("id", "intervention", "from_status", "to_status", "note", "changed_at"),
    ),
    "programs.Evidence": Entry(
        "tetap (bukti pelaksanaan; foto dapat memuat penerima)",
        pribadi=("file", "original_name"),
        pengguna=("uploaded_by",),
        none=("id", "intervention", "extension", "size", "uploaded_at"),
    ),
    "programs.Assignment": Entry(
        "tetap (data program)",
        pengguna=("assigned_by", "accepted_by", "cancelled_by", "updated_by"),
        none=(
            "id",
            "program",
            "agency",
            "village",
            "commodity",
            "description",
            "target_recipients",
            "due_year",
            "due_semester",
            "status",
            "assigned_at",
            "accepted_at",
            "intervention",
            "notes",
            "cancel_reason",
            "cancelled_at",
            "updated_at",
        ),
    ),
    "programs.ProgramKind": Entry("data rujukan", none=("id", "code", "name", "cluster")),
    "programs.Program": Entry(
        "tetap (data program)",
        none=(
            "id",
            "name",
            "code",
            "fiscal_year",
            "kind",
            "cluster",
            "lead_agency",
            "target_kind",
            "target_count",
            "budget_ceiling",
            "funding_source",
            "is_desaku_maju",
        ),
    ),
    "complaints.Ticket": Entry(
        "tetap (pengaduan dan jawabannya)",
        identitas=("nik",),
        pribadi=("description", "reporter_name", "contact"),
        pengguna=("assignee",),
        none=(
            "id",
            "code",
            "category",
            "village",
            "status",
            "agency",
            "intervention",
            "due_at",
            "created_at",
            "closed_at",
        ),
    ),
    "complaints.TicketEvent": Entry(
        "tetap (riwayat pengaduan)",
        pribadi=("text",),
        pengguna=("actor",),
        none=("id", "ticket", "kind", "from_status", "to_status", "at"),
    ),
    "complaints.Attachment": Entry(
        "tetap (lampiran pengaduan)",
        pribadi=("file", "original_name"),
        none=("id", "ticket", "extension", "size", "uploaded_at"),
    ),
    "complaints.CorrectionProposal": Entry(
        "tetap (usulan koreksi)",
        pribadi=("household", "person", "old_values", "new_values"),
        pengguna=("proposed_by", "decided_by"),
        none=("id", "ticket", "status", "proposed_at", "decided_at"),
    ),
    "complaints.RecordChange": Entry(
        "tetap (riwayat koreksi)",
        pribadi=("household", "person", "old_value", "new_value"),
        pengguna=("proposed_by", "approved_by"),
        none=("id", "proposal", "ticket", "field_label", "applied_at"),
    ),
    "reporting.DashboardStamp": Entry("sementara (cache)", none=("district", "token")),
    "reporting.Report": Entry(
        "berkas: RETENTION_REPORT_DAYS (angka agregat, tanpa nama)",
        pengguna=("requested_by",),
        none=(
            "id",
            "kind",
            "year",
            "district",
            "scope_code",
            "requested_at",
            "status",
            "progress",
            "step",
            "message",
            "attempts",
            "started_at",
            "finished_at",
            "xlsx_file",
            "pdf_file",
        ),
    ),
    "records.AccessRecord": Entry(
        TRAIL,
        pribadi=("household_id", "person_id", "subject_hash", "subject_count", "reason"),
        pengguna=("user", "role", "district", "address", "path"),
        none=("id", "action", "object_type", "object_id", "purpose", "created_at"),
    ),
    "records.AccessSubject": Entry(TRAIL, pribadi=("household_id",), none=("id", "access")),
    "records.Alert": Entry(
        TRAIL, pengguna=("user", "message"), none=("id", "rule", "observed", "threshold", "window_start", "created_at")
    ),
    "records.ExportJob": Entry(
        "berkas: RETENTION_EXPORT_HOURS; catatan: tetap (jejak ekspor)",
        identitas=("file",),
        pengguna=("user", "params", "purpose", "reason"),
        none=(
            "id",
            "list_name",
            "file_format",
            "filename",
            "full_identity_numbers",
            "status",
            "expected_rows",
            "rows_written",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
        ),
    ),
    "records.BulkLookup": Entry(
        TRAIL,
        pengguna=("user", "role"),
        none=("id", "kind", "count", "created_at"),
    ),
    "records.ExportRecord": Entry(
        TRAIL,
        pengguna=("user", "role", "district", "reason"),
        none=("id", "list_name", "file_format", "query", "row_count", "full_identity_numbers", "purpose", "created_at"),
    ),
    "records.PurgeRecord": Entry(
        TRAIL, none=("id", "kind", "object_type", "object_id", "count", "size", "kept_for", "created_at")
    ),
}


def inventoried_models() -> list:
    """Every model the inventory must cover: the portal's apps, the trail's event models aside."""
    from django.apps import apps

    from .history import change_models

    labels = ("accounts", "villages", "beneficiaries", "programs", "complaints", "reporting", "records")
    events = set(change_models())
    return [m for label in labels for m in apps.get_app_config(label).get_models() if m not in events]


def render() -> str:
    """docs/privacy/data-inventory.md."""
    from django.apps import apps

    lines = [
        "# Inventaris data (dibuat dari kode)", "",
        "Dibuat oleh `manage.py data_inventory` dari `records/inventory.py`; jangan diubah dengan tangan. "
        "Setiap kolom setiap model diberi tanda jenis data pribadinya; uji `tests/test_data_inventory.py` gagal bila "
        "ada model atau kolom baru tanpa tanda. Model jejak perubahan (`records.*Change`) menyalin kolom model yang "
        "dilacaknya dan disimpan selama jejak audit.", "",
        "| Tanda | Arti |", "| --- | --- |", *(f"| `{level}` | {meaning} |" for level, meaning in LEVELS.items()), "",
    ]  # fmt: skip
    with translation.override("id"):
        for label, entry in INVENTORY.items():
            lines += _model_section(apps.get_model(label), label, entry)
    return "\n".join(lines)


def _model_section(model, label: str, entry: Entry) -> list[str]:
    lines = [f"## {label} — {model._meta.verbose_name}", "", f"Disimpan: {entry.kept}.", ""]
    personal = [(name, level) for name, level in entry.tags().items() if level != "-"]
    if personal:
        lines += ["| Kolom | Label | Tanda |", "| --- | --- | --- |"]
        lines += [f"| `{name}` | {model._meta.get_field(name).verbose_name} | `{level}` |" for name, level in personal]
        lines.append("")
    plain = [name for name, level in entry.tags().items() if level == "-"]
    return [*lines, f"Bukan data pribadi: {', '.join(f'`{name}`' for name in plain) or '—'}.", ""]
