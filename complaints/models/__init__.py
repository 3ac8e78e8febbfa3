from .corrections import CorrectionProposal, ProposalStatus, RecordChange
from .tickets import (
    OPEN,
    QUEUE_ROLES,
    Attachment,
    Category,
    EventKind,
    Status,
    Ticket,
    TicketEvent,
    deadline_for,
)

__all__ = [
    "OPEN",
    "QUEUE_ROLES",
    "Attachment",
    "Category",
    "CorrectionProposal",
    "EventKind",
    "ProposalStatus",
    "RecordChange",
    "Status",
    "Ticket",
    "TicketEvent",
    "deadline_for",
]
