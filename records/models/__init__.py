"""Records every app writes and nobody edits: the change trail, the personal-data access log, exports, purges
and breach alerts; and the work records: large export jobs and bulk look-ups. Each concern in its own module,
gathered here for Django.

The change trail's event models (``HouseholdChange``, ``PersonChange`` …) are generated into this module by
``records.audit.tracked`` when the tracked models are defined, so that they belong to this app.
"""

from .access import AccessAction, AccessRecord, AccessSubject, Purpose
from .alerts import Alert, AlertRule
from .changes import ChangeEvent
from .export_jobs import ExportJob, ExportStatus
from .exports import ExportList, ExportRecord
from .lookups import BulkLookup
from .purges import PurgeKind, PurgeRecord

__all__ = [
    "AccessAction", "AccessRecord", "AccessSubject", "Alert", "AlertRule", "BulkLookup", "ChangeEvent", "ExportJob",
    "ExportList", "ExportRecord", "ExportStatus", "PurgeKind", "PurgeRecord", "Purpose",
]  # fmt: skip
