from .choices import (
    DesilSource,
    DisabilityKind,
    Education,
    HouseholdStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Sex,
)
from .graduation import Graduation, GraduationSource
from .imports import (
    BatchKind,
    BatchStatus,
    ImportBatch,
    ImportProblem,
    PersonMove,
    ProblemLevel,
    StagedRanking,
    StagedRow,
)
from .registry import DesilRecord, Household, Person, mask_identity_number

__all__ = [
    "BatchKind",
    "BatchStatus",
    "DesilRecord",
    "DesilSource",
    "DisabilityKind",
    "Education",
    "Graduation",
    "GraduationSource",
    "Household",
    "HouseholdStatus",
    "ImportBatch",
    "ImportProblem",
    "MaritalStatus",
    "Occupation",
    "Person",
    "PersonMove",
    "ProblemLevel",
    "Relationship",
    "Sex",
    "StagedRanking",
    "StagedRow",
    "mask_identity_number",
]
