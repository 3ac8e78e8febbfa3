from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/", include("accounts.urls")),
    path("wilayah/", include("villages.urls")),
    path("bnba/", include("beneficiaries.urls")),
    path("program/", include("programs.urls")),
    path("dasbor/", include("reporting.urls_dashboard")),
    path("laporan/", include("reporting.urls_reports")),
    path("pengaduan/", include("complaints.urls")),
    path("admin/", admin.site.urls),
]
