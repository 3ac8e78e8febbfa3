"""Synthetic BNBA data for demos, tests and benchmarks: invented people, generated NIKs.

Rows come in the portal template's layout. NIKs are valid and agree with each person's birth date,
sex and (mostly) their kecamatan; desil is skewed to the poorest deciles as in the real registry.
"""

import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from villages.models import Village

from .validators import compose_nik

HEADER = ["No KK", "NIK", "Nama", "Jenis Kelamin", "Hubungan Keluarga", "Tempat Lahir", "Tanggal Lahir",
          "Kode Desa", "Alamat", "Dusun", "RT", "RW", "Status Kawin", "Pendidikan", "Pekerjaan", "Disabilitas",
          "Desil"]  # fmt: skip
MEN = ["Agus", "Budi", "Joko", "Slamet", "Wayan", "Made", "Hendra", "Rudi", "Eko", "Bambang", "Suryadi", "Andi",
       "Rahmat", "Yusuf", "Dedi", "Iwan", "Ahmad", "Sutrisno", "Nyoman", "Heri"]  # fmt: skip
WOMEN = ["Siti", "Sri", "Dewi", "Wati", "Yuni", "Ratna", "Ketut", "Nur", "Rina", "Sari", "Endang", "Lestari",
         "Fitri", "Ani", "Murni", "Wulan", "Kartini", "Yanti", "Rohmah", "Tuti"]  # fmt: skip
FAMILY = ["Saputra", "Wijaya", "Susanto", "Hidayat", "Rahayu", "Pratama", "Kurniawan", "Setiawan", "Nugroho",
          "Permana", "Lubis", "Harahap", "Sembiring", "Siregar", "Gunawan", "Maulana", "Hasanah", "Utami"]  # fmt: skip
JOBS = ["Petani", "Buruh tani", "Nelayan", "Pedagang", "Buruh harian lepas", "Mengurus rumah tangga",
        "Tidak bekerja", "Peternak", "Tukang"]  # fmt: skip
EDUCATION = ["SD", "SD", "SMP", "SMA", "Tidak/Belum Sekolah"]
DESIL_WEIGHTS = [30, 22, 16, 12, 8, 5, 3, 2, 1, 1]


class SyntheticRegistry:
    """Yields households as rows; the same seed always gives the same people."""

    def __init__(self, villages: list[tuple[str, str]], *, seed: int = 2026, today: date | None = None):
        self.villages = villages  # (village code, kecamatan code)
        self.rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
        self.today = today or date(2026, 1, 1)
        self.serials: dict[str, int] = {}

    @classmethod
    def for_villages(cls, queryset=None, **kwargs) -> "SyntheticRegistry":
        villages = (queryset or Village.objects.all()).order_by("code").values_list("code", "subdistrict__code")
        return cls(list(villages), **kwargs)

    def _serial(self, prefix: str) -> int:
        self.serials[prefix] = self.serials.get(prefix, 0) + 1
        return self.serials[prefix]

    def _born(self, min_age: int, max_age: int) -> date:
        return self.today - timedelta(days=self.rng.randint(min_age * 365, max_age * 365))

    def _nik(self, kecamatan: str, born: date, sex: str) -> str:
        if self.rng.random() < 0.1:  # registered elsewhere in Lampung before moving here
            kecamatan = self.rng.choice(self.villages)[1]
        probe = compose_nik(kecamatan_code=kecamatan, birth_date=born, sex=sex, serial=0)[:12]
        return compose_nik(kecamatan_code=kecamatan, birth_date=born, sex=sex, serial=self._serial(probe))

    def households(self, count: int) -> Iterator[list[list]]:
        for _ in range(count):
            yield self._household()

    def _household(self) -> list[list]:
        rng = self.rng
        village, kecamatan = rng.choice(self.villages)
        issued = self._born(0, 15)
        prefix = f"{kecamatan.replace('.', '')}{issued:%d%m%y}"
        no_kk = f"{prefix}{self._serial(prefix):04d}"
        family, desil = rng.choice(FAMILY), rng.choices(range(1, 11), weights=DESIL_WEIGHTS)[0]
        place = {
            "address": f"Jl. {rng.choice(FAMILY)} No. {rng.randint(1, 120)}",
            "dusun": f"Dusun {rng.randint(1, 6)}",
            "rt": f"{rng.randint(1, 12):03d}",
            "rw": f"{rng.randint(1, 5):03d}",
        }
        members = [("L", "Kepala Keluarga", self._born(25, 70), "Kawin")]
        if rng.random() < 0.85:
            members.append(("P", "Istri", self._born(22, 65), "Kawin"))
        members += [(rng.choice("LP"), "Anak", self._born(0, 20), "Belum Kawin") for _ in range(rng.randint(0, 4))]
        return [self._row(no_kk, kecamatan, village, place, family, desil, member) for member in members]

    def _row(self, no_kk, kecamatan, village, place, family, desil, member) -> list:
        sex, relationship, born, marital = member
        name = f"{self.rng.choice(MEN if sex == 'L' else WOMEN)} {family}"
        adult = (self.today - born).days > 18 * 365
        return [
            no_kk, self._nik(kecamatan, born, sex), name, sex, relationship, "Lampung", born.strftime("%d/%m/%Y"),
            village, place["address"], place["dusun"], place["rt"], place["rw"], marital,
            self.rng.choice(EDUCATION) if adult else "SD", self.rng.choice(JOBS) if adult else "Pelajar",
            "Ya" if self.rng.random() < 0.03 else "Tidak", desil,
        ]  # fmt: skip


def write_csv(path: Path, registry: SyntheticRegistry, households: int) -> int:
    """Write ``households`` synthetic households to a CSV in the template layout; the person count."""
    persons = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for rows in registry.households(households):
            writer.writerows(rows)
            persons += len(rows)
    return persons
