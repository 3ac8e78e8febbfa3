"""The words and codes district files use for coded fields, and the portal code each one means.

Keys are normalised (``columns.normalise``: lower case, letters and digits only), so "TAMAT SD /
SEDERAJAT", "Tamat SD/Sederajat" and "tamat sd sederajat" are one key. Spellings come from the
Dukcapil forms (Permendagri 109/2019: pendidikan, status perkawinan, SHDK, jenis pekerjaan), the
P3KE individu distribution files and the DTKS/BDT exports; see docs/bnba-import.md for the sources.
"""

from ..models import DisabilityKind, Education, MaritalStatus, Occupation, Relationship


def _key(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isascii() and character.isalnum())


def _with_own_words(words: dict, choices) -> dict:
    """Every code's own value and label are read too (what the template's drop-down lists offer)."""
    own = {_key(str(label)): value for value, label in choices.choices} | {_key(v): v for v in choices.values}
    return own | words


SEXES = {
    **dict.fromkeys(("l", "lk", "laki", "lakilaki", "laki2", "lelaki", "pria", "male", "m", "1"), "L"),
    **dict.fromkeys(("p", "pr", "pere", "perempuan", "wanita", "female", "f", "2"), "P"),
}

# Relationship words. Numeric codes differ between lists, see RELATIONSHIP_CODES.
RELATIONSHIPS = _with_own_words(
    {
        **dict.fromkeys(("kepalakeluarga", "kepala", "kk", "kepalarumahtangga", "krt", "kepalakel"), Relationship.HEAD),
        **dict.fromkeys(("istri", "isteri", "suami", "istrisuami", "suamiistri", "pasangan"), Relationship.SPOUSE),
        **dict.fromkeys(("anak", "anakkandung", "anakangkat", "anaktiri", "anakkandungtiriangkat"), Relationship.CHILD),
        **dict.fromkeys(("menantu",), Relationship.CHILD_IN_LAW),
        **dict.fromkeys(("cucu",), Relationship.GRANDCHILD),
        **dict.fromkeys(("orangtua", "ortu", "ayah", "ibu", "bapak"), Relationship.PARENT),
        **dict.fromkeys(("mertua",), Relationship.PARENT_IN_LAW),
        **dict.fromkeys(("orangtuamertua", "ortumertua"), Relationship.PARENT_OR_IN_LAW),
        **dict.fromkeys(("famililain", "familylain", "famili", "saudara"), Relationship.OTHER_FAMILY),
        **dict.fromkeys(("lainnya", "lain", "pembantu", "pembanturuta", "pembanturumahtangga"), Relationship.OTHER),
    },
    Relationship,
)
DUKCAPIL, DTKS = "dukcapil", "dtks"
# SHDK codes of the family card (Dukcapil, Permendagri 19/2010 and 109/2019; 10 was "Pembantu" before
# 109/2019 folded it into "Lainnya"), and the household-roster codes of DTKS/BDT (BPS, PBDT 2015).
# They agree on 1 and 2 and disagree from 3: a bare number is read only when the file says which list.
RELATIONSHIP_CODES = {
    DUKCAPIL: {
        "1": Relationship.HEAD, "2": Relationship.SPOUSE, "3": Relationship.SPOUSE, "4": Relationship.CHILD,
        "5": Relationship.CHILD_IN_LAW, "6": Relationship.GRANDCHILD, "7": Relationship.PARENT,
        "8": Relationship.PARENT_IN_LAW, "9": Relationship.OTHER_FAMILY, "10": Relationship.OTHER,
        "11": Relationship.OTHER,
    },
    DTKS: {
        "1": Relationship.HEAD, "2": Relationship.SPOUSE, "3": Relationship.CHILD, "4": Relationship.CHILD_IN_LAW,
        "5": Relationship.GRANDCHILD, "6": Relationship.PARENT_OR_IN_LAW, "7": Relationship.OTHER,
        "8": Relationship.OTHER,
    },
}  # fmt: skip

MARITAL = _with_own_words(
    {
        **dict.fromkeys(
            ("belumkawin", "belummenikah", "belumnikah", "lajang", "bujang", "single"), MaritalStatus.SINGLE
        ),
        **dict.fromkeys(
            ("kawin", "menikah", "nikah", "kawintercatat", "kawinbelumtercatat", "kawintidaktercatat", "kawinsiri"),
            MaritalStatus.MARRIED,
        ),
        **dict.fromkeys(
            ("ceraihidup", "ceraihiduptercatat", "ceraihidupbelumtercatat", "ceraihiduptidaktercatat"),
            MaritalStatus.DIVORCED,
        ),
        **dict.fromkeys(("ceraimati", "ceraimatitercatat", "ceraimatibelumtercatat"), MaritalStatus.WIDOWED),
        # "Duda"/"janda" and a bare "cerai" say the marriage ended, not whether by divorce or death.
        **dict.fromkeys(("cerai", "duda", "janda", "dudajanda", "jandaduda"), MaritalStatus.SEPARATED),
    },
    MaritalStatus,
)

EDUCATION = _with_own_words(
    {
        **dict.fromkeys(
            (
                "tidakbelumsekolah",
                "tidaksekolah",
                "belumsekolah",
                "tidakbelumpernahsekolah",
                "tidakpernahsekolah",
                "tidaktamatsd",
                "belumtamatsd",
                "belumtamatsdsederajat",
                "tidaktamatsdsederajat",
                "tidakpunyaijazah",
                "tidakpunyaijazahsd",
                "tidakbersekolah",
                "tidakbelumtamatsd",
                "paud",
                "tk",
            ),
            Education.NONE,
        ),
        **dict.fromkeys(
            (
                "sd",
                "sdsederajat",
                "sdmi",
                "mi",
                "tamatsd",
                "tamatsdsederajat",
                "paketa",
                "sdmisederajat",
                "sekolahdasar",
            ),
            Education.SD,
        ),
        **dict.fromkeys(
            (
                "smp",
                "smpsederajat",
                "sltp",
                "sltpsederajat",
                "smpmts",
                "mts",
                "paketb",
                "tamatsmp",
                "tamatsltp",
                "smpmtssederajat",
                "sekolahmenengahpertama",
            ),
            Education.SMP,
        ),
        **dict.fromkeys(
            (
                "sma",
                "smasederajat",
                "slta",
                "sltasederajat",
                "smk",
                "ma",
                "smasmkma",
                "smasmk",
                "smkma",
                "paketc",
                "tamatsma",
                "tamatslta",
                "smasmkmasederajat",
                "sekolahmenengahatas",
            ),
            Education.SMA,
        ),
        **dict.fromkeys(
            (
                "diploma",
                "d1",
                "d2",
                "d3",
                "diplomai",
                "diplomaii",
                "diplomaiii",
                "diplomaiiii",
                "d1d2",
                "d1d2d3",
                "akademidiplomaiiismuda",
                "akademidiplomaiiisarjanamuda",
                "akademi",
                "sarjanamuda",
                "diplomaiiii",
            ),
            Education.DIPLOMA,
        ),
        **dict.fromkeys(
            ("s1", "d4", "d4s1", "diplomaiv", "diplomaivs1", "diplomaivstratai", "stratai", "strata1", "sarjana"),
            Education.BACHELOR,
        ),
        **dict.fromkeys(
            ("s2", "s3", "s2s3", "strataii", "strataiii", "strata2", "strata3", "magister", "doktor", "pascasarjana"),
            Education.POSTGRADUATE,
        ),
    },
    Education,
)

OCCUPATIONS = _with_own_words(
    {
        **dict.fromkeys(
            ("belumtidakbekerja", "tidakbekerja", "belumbekerja", "tidakbelumbekerja", "pengangguran", "tidakada"),
            Occupation.NONE,
        ),
        **dict.fromkeys(("mengurusrumahtangga", "ibururumahtangga", "irt", "rumahtangga"), Occupation.HOUSEKEEPING),
        **dict.fromkeys(("pelajarmahasiswa", "pelajar", "mahasiswa", "siswa", "sekolah"), Occupation.STUDENT),
        **dict.fromkeys(("pensiunan", "purnawirawan"), Occupation.RETIRED),
        **dict.fromkeys(
            ("petanipekebun", "petani", "pekebun", "berkebun", "bertani", "petanipenggarap", "petanisawah"),
            Occupation.FARMER,
        ),
        **dict.fromkeys(
            ("buruhtaniperkebunan", "buruhtani", "buruhkebun", "buruhperkebunan", "buruhtanikebun"),
            Occupation.FARM_LABOURER,
        ),
        **dict.fromkeys(("peternak", "beternak", "buruhpeternakan"), Occupation.LIVESTOCK),
        **dict.fromkeys(
            ("nelayanperikanan", "nelayan", "pembudidayaikan", "buruhnelayanperikanan", "buruhnelayan"),
            Occupation.FISHER,
        ),
        **dict.fromkeys(
            ("buruhharianlepas", "buruh", "buruhharian", "buruhserabutan", "serabutan"), Occupation.LABOURER
        ),
        **dict.fromkeys(("pedagang", "perdagangan", "berdagang", "pedagangkeliling", "warung"), Occupation.TRADER),
        **dict.fromkeys(("wiraswasta", "wirausaha", "usahasendiri", "pengusaha", "umkm"), Occupation.SELF_EMPLOYED),
        **dict.fromkeys(
            (
                "karyawanswasta",
                "karyawanbumn",
                "karyawanbumd",
                "karyawanhonorer",
                "karyawan",
                "honorer",
                "swasta",
                "pegawaiswasta",
                "perangkatdesa",
            ),
            Occupation.EMPLOYEE,
        ),
        **dict.fromkeys(
            (
                "pegawainegerisipil",
                "pegawainegerisipilpns",
                "pns",
                "asn",
                "pppk",
                "tni",
                "polri",
                "tentaranasionalindonesia",
                "tentaranasionalindonesiatni",
                "kepolisianri",
                "kepolisianripolri",
            ),
            Occupation.CIVIL_SERVANT,
        ),
        **dict.fromkeys(
            (
                "sopir",
                "supir",
                "tukangbatu",
                "tukangkayu",
                "tukangjahit",
                "tukangcukur",
                "tukanglistrik",
                "tukang",
                "tukanglaspandaibesi",
                "ojek",
                "tukangojek",
                "pembanturumahtangga",
                "industri",
                "konstruksi",
                "transportasi",
                "montir",
                "mekanik",
            ),
            Occupation.SERVICES,
        ),
        **dict.fromkeys(("lainnya", "lain"), Occupation.OTHER),
    },
    Occupation,
)

# Disability: what each phrasing says. An unknown phrasing is a warning and stays empty, never yes.
NO_DISABILITY = {
    "tidak", "t", "tdk", "0", "false", "n", "no", "tidakada", "bukan", "tidakcacat", "bukandisabilitas",
    "tidakdisabilitas", "nondisabilitas", "bukanpenyandangdisabilitas", "tidakpenyandangdisabilitas", "normal",
    "sehat", "tidakmenyandang", "tidakmemiliki", "tidakpunya", "bukandifabel", "tidakadadisabilitas",
}  # fmt: skip
# Dashes and other punctuation normalise to "", which is read as "not stated" unless written as "-".
NO_DISABILITY_SYMBOLS = {"-", "--", "—"}
DISABILITY_KINDS = _with_own_words({
    **dict.fromkeys(("ya", "y", "ada", "1", "true", "yes", "disabilitas", "penyandangdisabilitas", "cacat",
                     "difabel"), ""),
    **dict.fromkeys(("tunadaksa", "cacattubuh", "cacatfisik", "disabilitasfisik", "lumpuh", "tunadaksacacattubuh"),
                    DisabilityKind.PHYSICAL),
    **dict.fromkeys(("tunanetra", "buta", "disabilitasnetra", "disabilitassensoriknetra"), DisabilityKind.VISUAL),
    **dict.fromkeys(("tunarungu", "tuli", "disabilitasrungu", "disabilitassensorikrungu"), DisabilityKind.HEARING),
    **dict.fromkeys(("tunawicara", "bisu", "disabilitaswicara", "disabilitassensorikwicara"), DisabilityKind.SPEECH),
    **dict.fromkeys(("tunarunguwicara", "tunarungudanwicara", "bisutuli", "tulibisu"), DisabilityKind.HEARING_SPEECH),
    **dict.fromkeys(("tunagrahita", "disabilitasintelektual", "cacatmental", "retardasimental",
                     "keterbelakanganmental"),
                    DisabilityKind.INTELLECTUAL),
    **dict.fromkeys(("tunalaras", "disabilitasmental", "odgj", "gangguanjiwa", "mantanpenderitagangguanjiwa",
                     "disabilitaspsikososial", "autis", "autisme"), DisabilityKind.MENTAL),
    **dict.fromkeys(("tunaganda", "disabilitasganda", "cacatganda", "cacatfisikdanmental", "disabilitasmultiganda"),
                    DisabilityKind.MULTIPLE),
}, DisabilityKind)  # fmt: skip
