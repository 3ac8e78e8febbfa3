"""factory_boy factories for tests: synthetic regions, agencies, users and BNBA (never real people)."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from beneficiaries.models import DesilRecord, DesilSource, Household, Person, Relationship
from beneficiaries.validators import compose_nik
from programs.models import Agency, AgencyLevel, Assignment, Intervention, Program, ProgramKind, Recipient
from villages.models import District, Subdistrict, Village, VillageKind, VillageYear

TEST_PASSWORD = "uji-portal-desaku-2026"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"18.{n % 89 + 10:02d}")
    name = factory.LazyAttribute(lambda o: f"Kabupaten Uji {o.code}")
    kind = "kabupaten"


class SubdistrictFactory(DjangoModelFactory):
    class Meta:
        model = Subdistrict
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.district.code}.{n % 89 + 10:02d}")
    name = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class VillageFactory(DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("code",)

    subdistrict = factory.SubFactory(SubdistrictFactory)
    district = factory.SelfAttribute("subdistrict.district")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.subdistrict.code}.{2001 + n % 7998:04d}")
    name = factory.Sequence(lambda n: f"Sukamaju Uji {n}")
    kind = VillageKind.DESA
    postal_code = "35362"


class VillageYearFactory(DjangoModelFactory):
    class Meta:
        model = VillageYear

    village = factory.SubFactory(VillageFactory)
    year = 2026


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dinas Uji {n} Provinsi Lampung")
    short_name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    level = AgencyLevel.PROVINCE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Pengguna"
    last_name = factory.Sequence(lambda n: f"Uji {n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# Invented names, combined by sequence: Indonesian-sounding, never a real person's full name.
MALE_NAMES = ["Wiryo", "Sutaryo", "Bagas", "Darmaji", "Rusmanto", "Tegar", "Jumadi", "Kuswoyo"]
FEMALE_NAMES = ["Sumirah", "Ratnaningsih", "Wulansari", "Painem", "Lestiani", "Marsinah", "Yuliastri"]
FAMILY_NAMES = ["Pranajaya", "Sukmawirya", "Tirtalaga", "Wanasraya", "Haryalaksa", "Margadipa"]


def _kecamatan_digits(household) -> str:
    return household.village.subdistrict.code.replace(".", "")


def _invented_name(sex: str, n: int) -> str:
    given = (FEMALE_NAMES if sex == "P" else MALE_NAMES)[n % 7]
    return f"{given} {FAMILY_NAMES[n % len(FAMILY_NAMES)]}"


class HouseholdFactory(DjangoModelFactory):
    """A family card with no members (add them with PersonFactory); No KK starts with its kecamatan."""

    class Meta:
        model = Household

    village = factory.SubFactory(VillageFactory)
    no_kk = factory.LazyAttributeSequence(
        lambda o, n: f"{o.village.subdistrict.code.replace('.', '')}{n // 9999 % 10**6:06d}{n % 9999 + 1:04d}"
    )
    address = factory.Sequence(lambda n: f"Jl. Uji Nomor {n + 1}")
    dusun = "Dusun Sidorejo"
    rt = "001"
    rw = "002"


class PersonFactory(DjangoModelFactory):
    """A member whose NIK agrees with their sex, birth date and the kecamatan of their household."""

    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    sex = factory.Sequence(lambda n: "LP"[n % 2])
    name = factory.LazyAttributeSequence(lambda o, n: _invented_name(o.sex, n))
    birth_place = "Natar"
    birth_date = factory.Sequence(lambda n: date(1960 + n % 45, n % 12 + 1, n % 28 + 1))
    nik = factory.LazyAttributeSequence(
        lambda o, n: compose_nik(
            kecamatan_code=_kecamatan_digits(o.household), birth_date=o.birth_date, sex=o.sex, serial=n % 9999 + 1
        )
    )
    relationship = Relationship.CHILD
    marital_status = "belum_kawin"
    education = "sma"
    occupation = "petani"


class DesilRecordFactory(DjangoModelFactory):
    class Meta:
        model = DesilRecord

    household = factory.SubFactory(HouseholdFactory)
    desil = 1
    source = DesilSource.DTSEN
    as_of = factory.Sequence(lambda n: date(2025, 1, 1) + timedelta(days=n))


class ProgramKindFactory(DjangoModelFactory):
    class Meta:
        model = ProgramKind
        django_get_or_create = ("code",)

    code = "bsps-rtlh"
    name = "Bantuan stimulan perumahan swadaya (BSPS/RTLH)"
    cluster = 1


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program Uji {n}")
    code = factory.Sequence(lambda n: f"1.06.02.2.01.{n:04d}")
    fiscal_year = 2026
    kind = factory.SubFactory(ProgramKindFactory)
    cluster = factory.SelfAttribute("kind.cluster")
    lead_agency = factory.SubFactory(AgencyFactory)
    target_kind = "household"
    target_count = 100
    budget_ceiling = 1_000_000_000
    funding_source = "apbd_provinsi"
    is_desaku_maju = True


class InterventionFactory(DjangoModelFactory):
    class Meta:
        model = Intervention

    program = factory.SubFactory(ProgramFactory)
    agency = factory.SelfAttribute("program.lead_agency")
    village = factory.SubFactory(VillageFactory)
    description = "Bantuan uji"
    quantity = 1
    unit = "paket"
    planned_budget = 25_000_000
    planned_date = date(2026, 3, 1)
    created_by = factory.SubFactory(UserFactory, role=Role.BAPPEDA_ADMIN)
    updated_by = factory.SelfAttribute("created_by")


class AssignmentFactory(DjangoModelFactory):
    """A new assignment of the program's lead agency in one village, due in semester 1 of its year."""

    class Meta:
        model = Assignment

    program = factory.SubFactory(ProgramFactory)
    agency = factory.SelfAttribute("program.lead_agency")
    village = factory.SubFactory(VillageFactory)
    description = "Bantuan benih jagung uji"
    target_recipients = 20
    due_year = factory.SelfAttribute("program.fiscal_year")
    due_semester = 1
    assigned_by = factory.SubFactory(UserFactory, role=Role.BAPPEDA_ADMIN)


class RecipientFactory(DjangoModelFactory):
    """A recipient of an intervention: pass ``person=`` or ``household=`` (exactly one)."""

    class Meta:
        model = Recipient

    intervention = factory.SubFactory(InterventionFactory)
    added_by = factory.SelfAttribute("intervention.created_by")
