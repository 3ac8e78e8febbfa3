"""Everything an LP2KD report says, gathered once and written twice (xlsx and PDF)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from programs.models import Cluster
from programs.targeting import GRADUATION_TARGET

from . import reports_data, reports_institutions, reports_programs
from .reports_charts import Chart, bar_chart
from .reports_models import Report
from .reports_scope import units_of
from .reports_tables import Table, number, percent, rupiah, share

CHAPTERS = {
    "bab2": "BAB 2 Profil Kemiskinan Daerah",
    "bab3": "BAB 3 Kebijakan Penanggulangan Kemiskinan: Program, Kegiatan dan Anggaran",
    "bab4": "BAB 4 Kelembagaan (TKPK) dan Persetujuan Periode",
}


@dataclass
class ReportContent:
    report: Report
    generated_at: datetime
    statement: str
    chapters: dict[str, list[Table]] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    summary: list[tuple[str, str]] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [table for tables in self.chapters.values() for table in tables]

    @property
    def chapter_list(self) -> list[tuple[str, list[Table]]]:
        return [(CHAPTERS[key], tables) for key, tables in self.chapters.items()]


def collect(report: Report, on_progress: Callable[[int, str], None] = lambda percent, step: None) -> ReportContent:
    """Aggregate the report's tables in the database, telling ``on_progress`` how far it got."""
    units = units_of(report)
    content = ReportContent(report, timezone.now(), reports_institutions.approval_statement(report))
    on_progress(5, "Profil wilayah")
    regions = reports_data.region_table(report, units)
    on_progress(15, "Registri per desil")
    desil = reports_data.desil_table(report, units)
    on_progress(30, "Program dan kegiatan")
    programs = reports_programs.program_table(report)
    clusters = reports_programs.cluster_table(report)
    by_region = reports_programs.region_cluster_table(report, units)
    on_progress(45, "Desa lokus")
    locus = reports_programs.locus_table(report)
    on_progress(60, "Graduasi dan kelembagaan")
    graduation = reports_institutions.graduation_table(report, units)
    institutions = reports_institutions.institution_table(report, units)
    approvals = reports_institutions.approval_table(report)
    content.chapters = {
        "bab2": [regions, desil],
        "bab3": [programs, clusters, by_region, locus, graduation],
        "bab4": [institutions, approvals],
    }
    content.charts = _charts(desil, clusters, locus)
    content.summary = _summary(desil, clusters, locus, graduation)
    return content


def _charts(desil: Table, clusters: Table, locus: Table) -> dict[str, Chart]:
    per_desil = reports_data.desil_totals(desil)
    meeting = sum(1 for row in locus.rows if row[-1] == "Ya")
    return {
        "desil": bar_chart(
            "Keluarga per desil", [f"Desil {d}" for d in per_desil], {"Keluarga": list(per_desil.values())}
        ),
        "budget": bar_chart(
            "Anggaran rencana dan realisasi per klaster",
            [f"Klaster {c}" for c in Cluster.values],
            {"Rencana": [row[3] for row in clusters.rows], "Realisasi": [row[4] for row in clusters.rows]},
            money=True,
        ),
        "locus": bar_chart(
            "Desa lokus", ["Memenuhi minimal 20", "Belum"], {"Desa": [meeting, len(locus.rows) - meeting]}
        ),
    }


def _summary(desil: Table, clusters: Table, locus: Table, graduation: Table) -> list[tuple[str, str]]:
    households, persons = desil.total[-2], desil.total[-1]
    graduated = graduation.total[-1]
    meeting = sum(1 for row in locus.rows if row[-1] == "Ya")
    return [
        ("Keluarga miskin (aktif)", number(households)),
        ("Jiwa", number(persons)),
        ("Keluarga desil 1", number(desil.total[2])),
        ("Kegiatan", number(clusters.total[1])),
        ("Penerima", number(clusters.total[2])),
        ("Anggaran rencana", rupiah(clusters.total[3])),
        ("Realisasi anggaran", f"{rupiah(clusters.total[4])} ({percent(share(clusters.total[4], clusters.total[3]))})"),
        ("Desa lokus memenuhi minimal 20 warga", f"{number(meeting)} dari {number(len(locus.rows))}"),
        ("Jiwa keluar dari kemiskinan", f"{number(graduated)} (target provinsi {number(GRADUATION_TARGET)})"),
    ]
