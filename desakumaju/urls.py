from captcha.views import captcha_image
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.decorators.http import require_GET

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
    path("ekspor/", include("records.urls_exports")),
    path("privasi/", include("records.urls")),
    # The public complaint form's CAPTCHA image (django-simple-captcha; its name is the one its widget reverses).
    re_path(
        r"^pengaduan/captcha/(?P<key>\w+)/$",
        login_not_required(require_GET(captcha_image)),
        {"scale": 1},
        name="captcha-image",
    ),
    path("admin/", admin.site.urls),
]
