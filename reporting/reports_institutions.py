"""Graduation, and BAB 4 of the LP2KD: village institutions (TKPK partners) and the semester close."""

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format

from beneficiaries.models import Graduation, HouseholdStatus, Person
from programs.models import PeriodApproval
from programs.targeting import GRADUATION_TARGET
from villages.models import District, Institution, InstitutionKind

from .reports_data import counted, grouped
from .reports_models import Report
from .reports_scope import Units, in_scope, period_interventions
from .reports_tables import INTEGER, Column, Table, column_sums, number


def graduation_table(report: Report, units: Units) -> Table:
    graduations = in_scope(Graduation.objects, report, "household__village__district").filter(
        graduated_on__range=(report.period_start, report.period_end)
    )
    unit = f"household__village__{units.lookup}"
    households = grouped(graduations, unit, n=Count("household", distinct=True))
    persons = in_scope(Person.objects, report, "household__village__district")
    in_period = counted(persons.filter(household__in=graduations.values("household")), unit)
    cumulative = counted(persons.filter(household__status=HouseholdStatus.GRADUATED), unit)
    columns = [
        Column("Kode"), Column(units.title), Column("Keluarga graduasi dalam periode", INTEGER),
        Column("Jiwa dalam keluarga tersebut", INTEGER), Column("Jiwa keluar dari kemiskinan (kumulatif)", INTEGER),
    ]  # fmt: skip
    rows = [
        [code, name, households.get(pk, {}).get("n", 0), in_period.get((pk,), 0), cumulative.get((pk,), 0)]
        for pk, code, name in units.rows
    ]
    note = f"Target Provinsi Lampung: {number(GRADUATION_TARGET)} jiwa keluar dari kemiskinan."
    return Table("Graduasi", "Graduasi (keluar dari kemiskinan)", columns, rows, column_sums(rows, columns, "Jumlah"),
                 note)  # fmt: skip


def institution_table(report: Report, units: Units) -> Table:
    unit = f"village__{units.lookup}"
    kinds = counted(in_scope(Institution.objects, report, "village__district").active(), unit, "kind")
    through = counted(period_interventions(report).filter(institution__isnull=False), unit)
    columns = [
        Column("Kode"), Column(units.title), *[Column(kind.label, INTEGER) for kind in InstitutionKind],
        Column("Kegiatan melalui kelembagaan", INTEGER),
    ]  # fmt: skip
    rows = [
        [code, name, *[kinds.get((pk, kind), 0) for kind in InstitutionKind.values], through.get((pk,), 0)]
        for pk, code, name in units.rows
    ]
    return Table("Kelembagaan", "Kelembagaan desa mitra TKPK (aktif)", columns, rows,
                 column_sums(rows, columns, "Jumlah"))  # fmt: skip


def report_semesters(report: Report) -> list[int]:
    return [report.semester] if report.semester else [1, 2]


def approvals_of(report: Report) -> list[tuple[District, int, PeriodApproval | None]]:
    """For each district of the report and each semester it covers: the approval standing now, if any."""
    districts = in_scope(District.objects, report, "pk").order_by("code")
    semesters = report_semesters(report)
    standing = {
        (a.district_id, a.semester): a
        for a in PeriodApproval.objects.standing()
        .filter(year=report.year, semester__in=semesters, district__in=districts)
        .select_related("approved_by")
    }
    return [(d, s, standing.get((d.pk, s))) for d in districts for s in semesters]


def approver(approval: PeriodApproval) -> str:
    return approval.approved_by.get_full_name() or approval.approved_by.username


def approved_on(approval: PeriodApproval) -> str:
    return date_format(timezone.localtime(approval.approved_at), "j F Y H:i")


def approval_table(report: Report) -> Table:
    columns = [Column("Kabupaten/Kota"), Column("Periode"), Column("Status"), Column("Disetujui oleh"),
               Column("Tanggal persetujuan")]  # fmt: skip
    rows = [
        [district.name, f"Semester {'I' if semester == 1 else 'II'} {report.year}",
         "Disetujui (dikunci)" if approval else "Belum disetujui",
         approver(approval) if approval else "", approved_on(approval) if approval else ""]
        for district, semester, approval in approvals_of(report)
    ]  # fmt: skip
    note = "Data intervensi periode yang disetujui dikunci: hanya admin Bappeda yang dapat mengubahnya."
    return Table("Persetujuan Periode", "Persetujuan (penutupan) semester", columns, rows, None, note)


def approval_statement(report: Report) -> str:
    """One sentence for the cover: whether the report's period was approved, by whom and when."""
    approvals = approvals_of(report)
    done = [a for _, _, a in approvals if a]
    if report.district_id and len(done) == len(approvals):
        who = "; ".join(f"{a.period_label} disetujui oleh {approver(a)} pada {approved_on(a)}" for a in done)
        return f"Periode laporan ini telah disetujui: {who}."
    if report.district_id:
        return "Periode laporan ini belum disetujui seluruhnya; data masih dapat berubah."
    return f"{len(done)} dari {len(approvals)} periode kabupaten/kota dalam laporan ini telah disetujui (lihat BAB 4)."
