"""Models of reporting: each concern in its own module, gathered here for Django."""

from .dashboard_models import DashboardStamp
from .reports_models import Report, ReportKind, ReportStatus

__all__ = ["DashboardStamp", "Report", "ReportKind", "ReportStatus"]
