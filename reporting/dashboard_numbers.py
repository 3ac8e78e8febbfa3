"""The numbers of one region of the dashboard, additive so that villages add up to kecamatan,
kabupaten/kota and the province (a person lives in one village, an intervention happens in one)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from beneficiaries.models import HouseholdStatus
from programs.targeting import GRADUATION_TARGET, LOCUS_FLOOR

DESILS = range(1, 11)


@dataclass
class Work:
    """Interventions (not cancelled), their recipient rows and their budget."""

    interventions: int = 0
    recipients: int = 0
    planned: int = 0
    realised: int = 0

    def add(self, other: "Work") -> None:
        self.interventions += other.interventions
        self.recipients += other.recipients
        self.planned += other.planned
        self.realised += other.realised

    @property
    def realised_percent(self) -> float | None:
        return 100 * self.realised / self.planned if self.planned else None


def _works():
    return defaultdict(Work)


@dataclass
class Numbers:
    """What the dashboard shows for a region. Desil index 0 stands for "no desil yet"."""

    households: list[int] = field(default_factory=lambda: [0] * 11)  # active households by desil
    persons: list[int] = field(default_factory=lambda: [0] * 11)  # members of active households by desil
    graduated_households: int = 0
    graduated_persons: int = 0
    reached: int = 0  # distinct persons reached in the year (filters applied)
    reached_desil1: int = 0
    locus: int = 0
    locus_met: int = 0  # locus villages with at least LOCUS_FLOOR persons reached
    work: Work = field(default_factory=Work)  # the selected year (and semester)
    by_cluster: dict = field(default_factory=_works)
    by_agency: dict = field(default_factory=_works)
    by_commodity: dict = field(default_factory=_works)
    trend: dict = field(default_factory=_works)  # (year, semester) → Work, every year

    def add(self, other: "Numbers") -> None:
        for index in range(11):
            self.households[index] += other.households[index]
            self.persons[index] += other.persons[index]
        for name in ("graduated_households", "graduated_persons", "reached", "reached_desil1", "locus", "locus_met"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.work.add(other.work)
        for name in ("by_cluster", "by_agency", "by_commodity", "trend"):
            mine = getattr(self, name)
            for key, work in getattr(other, name).items():
                mine[key].add(work)

    @property
    def active_households(self) -> int:
        return sum(self.households)

    @property
    def active_persons(self) -> int:
        return sum(self.persons)

    @property
    def poor_households(self) -> int:
        """Active households at or below the desil that counts as poor (GRADUATION_DESIL_THRESHOLD)."""
        return sum(self.households[1 : settings.GRADUATION_DESIL_THRESHOLD + 1])

    @property
    def desil1_share(self) -> float | None:
        """Desil-1 households as a percentage of the active households that have a desil."""
        ranked = sum(self.households[1:])
        return 100 * self.households[1] / ranked if ranked else None

    @property
    def desil1_reached_percent(self) -> float | None:
        return 100 * self.reached_desil1 / self.persons[1] if self.persons[1] else None

    @property
    def graduation_percent(self) -> float:
        return 100 * self.graduated_persons / GRADUATION_TARGET

    @property
    def locus_below(self) -> int:
        return self.locus - self.locus_met

    def indicators(self) -> dict:
        """The map's switchable indicators, as plain numbers for JSON."""
        return {
            "poor": self.poor_households,
            "desil1_share": round(self.desil1_share or 0, 1),
            "reached": self.reached,
            "graduated": self.graduated_persons,
            "realised": self.work.realised,
        }


def total(numbers) -> Numbers:
    result = Numbers()
    for each in numbers:
        result.add(each)
    return result


def add_registry_row(numbers: Numbers, *, desil, status, households: int, persons: int) -> None:
    if status == HouseholdStatus.ACTIVE:
        numbers.households[desil or 0] += households
        numbers.persons[desil or 0] += persons
    elif status == HouseholdStatus.GRADUATED:
        numbers.graduated_households += households
        numbers.graduated_persons += persons


def add_reach_row(numbers: Numbers, *, desil, persons: int) -> None:
    numbers.reached += persons
    if desil == 1:
        numbers.reached_desil1 += persons


def mark_locus(numbers: Numbers) -> None:
    """For one village designated locus this year: count it, and whether it met the floor."""
    numbers.locus += 1
    numbers.locus_met += numbers.reached >= LOCUS_FLOOR
