from .export_jobs import ExportJob, ExportStatus
from .lookups import BulkLookup

__all__ = ["BulkLookup", "ExportJob", "ExportStatus"]
