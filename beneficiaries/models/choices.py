"""The coded values of the registry: what each code means, in the words users read."""

from django.db import models


class DesilSource(models.TextChoices):
    DTKS = "dtks", "DTKS"
    P3KE = "p3ke", "P3KE"
    DTSEN = "dtsen", "DTSEN"
    LOCAL = "lokal", "Verifikasi lokal"


class HouseholdStatus(models.TextChoices):
    ACTIVE = "aktif", "Aktif"
    GRADUATED = "graduasi", "Keluar dari kemiskinan"
    MOVED = "pindah", "Pindah"
    DECEASED = "meninggal", "Meninggal"
    INACTIVE = "nonaktif", "Tidak aktif"
    # A household found to be the same family as another (known by its P3KE id, then by its No KK).
    MERGED = "digabung", "Digabung ke keluarga lain"


class Sex(models.TextChoices):
    MALE = "L", "Laki-laki"
    FEMALE = "P", "Perempuan"


class Relationship(models.TextChoices):
    HEAD = "kepala", "Kepala keluarga"
    SPOUSE = "pasangan", "Istri/suami"
    CHILD = "anak", "Anak"
    CHILD_IN_LAW = "menantu", "Menantu"
    GRANDCHILD = "cucu", "Cucu"
    PARENT = "orang_tua", "Orang tua"
    PARENT_IN_LAW = "mertua", "Mertua"
    PARENT_OR_IN_LAW = "ortumertua", "Orang tua/mertua"
    OTHER_FAMILY = "famili", "Famili lain"
    OTHER = "lainnya", "Lainnya"


class MaritalStatus(models.TextChoices):
    SINGLE = "belum_kawin", "Belum kawin"
    MARRIED = "kawin", "Kawin"
    DIVORCED = "cerai_hidup", "Cerai hidup"
    WIDOWED = "cerai_mati", "Cerai mati"
    # Duda/janda: the marriage ended, the file does not say whether by divorce or by death.
    SEPARATED = "cerai", "Cerai (hidup/mati tidak dirinci)"


class Education(models.TextChoices):
    NONE = "tidak_sekolah", "Tidak/belum sekolah"
    SD = "sd", "SD/sederajat"
    SMP = "smp", "SMP/sederajat"
    SMA = "sma", "SMA/sederajat"
    DIPLOMA = "diploma", "Diploma I–III"
    BACHELOR = "s1", "Diploma IV/S1"
    POSTGRADUATE = "s2_s3", "S2/S3"


class Occupation(models.TextChoices):
    """Main occupation, grouped as the poverty programmes need it (Dukcapil's 89 kinds map onto these)."""

    NONE = "tidak_bekerja", "Belum/tidak bekerja"
    HOUSEKEEPING = "rumah_tangga", "Mengurus rumah tangga"
    STUDENT = "pelajar", "Pelajar/mahasiswa"
    RETIRED = "pensiunan", "Pensiunan"
    FARMER = "petani", "Petani/pekebun"
    FARM_LABOURER = "buruh_tani", "Buruh tani/perkebunan"
    LIVESTOCK = "peternak", "Peternak"
    FISHER = "nelayan", "Nelayan/pembudidaya ikan"
    LABOURER = "buruh", "Buruh harian lepas"
    TRADER = "pedagang", "Pedagang"
    SELF_EMPLOYED = "wiraswasta", "Wiraswasta"
    EMPLOYEE = "karyawan", "Karyawan swasta/honorer"
    CIVIL_SERVANT = "pns", "PNS/TNI/Polri"
    SERVICES = "jasa", "Sopir, tukang dan jasa lainnya"
    OTHER = "lainnya", "Lainnya"


class DisabilityKind(models.TextChoices):
    PHYSICAL = "fisik", "Tuna daksa (fisik)"
    VISUAL = "netra", "Tuna netra"
    HEARING = "rungu", "Tuna rungu"
    SPEECH = "wicara", "Tuna wicara"
    HEARING_SPEECH = "rungu_wicara", "Tuna rungu wicara"
    INTELLECTUAL = "intelektual", "Tuna grahita (intelektual)"
    MENTAL = "mental", "Tuna laras / disabilitas mental"
    MULTIPLE = "ganda", "Disabilitas ganda"
