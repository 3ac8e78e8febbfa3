from .graduation import Graduation, GraduationSource
from .imports import BatchStatus, ImportBatch, ImportProblem, PersonMove, ProblemLevel, StagedRow
from .registry import (
    DesilRecord,
    DesilSource,
    Education,
    Household,
    HouseholdStatus,
    MaritalStatus,
    Person,
    Relationship,
    Sex,
    mask_identity_number,
)

__all__ = [
    "BatchStatus",
    "DesilRecord",
    "DesilSource",
    "Education",
    "Graduation",
    "GraduationSource",
    "Household",
    "HouseholdStatus",
    "ImportBatch",
    "ImportProblem",
    "MaritalStatus",
    "Person",
    "PersonMove",
    "ProblemLevel",
    "Relationship",
    "Sex",
    "StagedRow",
    "mask_identity_number",
]
