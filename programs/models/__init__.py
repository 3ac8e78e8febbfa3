from .agencies import Agency, AgencyLevel
from .approvals import PeriodApproval
from .assignments import Assignment, AssignmentStatus, Stage
from .interventions import Evidence, Intervention, InterventionStatus, Recipient, StatusChange, semester_happened
from .programs import Cluster, FundingSource, Program, ProgramKind, TargetKind

__all__ = [
    "Agency",
    "AgencyLevel",
    "Assignment",
    "AssignmentStatus",
    "Cluster",
    "Evidence",
    "FundingSource",
    "Intervention",
    "InterventionStatus",
    "PeriodApproval",
    "Program",
    "ProgramKind",
    "Recipient",
    "Stage",
    "StatusChange",
    "TargetKind",
    "semester_happened",
]
