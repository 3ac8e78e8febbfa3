from django.urls import path

from .views import approvals, reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_list, name="report_list"),
    path("minta/", reports.report_request, name="report_request"),
    path("<int:pk>/", reports.report_detail, name="report_detail"),
    path("<int:pk>/kemajuan/", reports.report_progress, name="report_progress"),
    path("<int:pk>/ulang/", reports.report_retry, name="report_retry"),
    path("<int:pk>/batal/", reports.report_cancel, name="report_cancel"),
    path("<int:pk>/unduh/<str:fmt>/", reports.report_download, name="report_download"),
    path("persetujuan/", approvals.approval_list, name="approval_list"),
    path("persetujuan/setujui/", approvals.period_approve, name="period_approve"),
    path("persetujuan/<int:pk>/buka/", approvals.period_unlock, name="period_unlock"),
]
