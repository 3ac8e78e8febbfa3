from django.urls import path, register_converter

from . import views


class VillageCodeConverter:
    regex = r"18\.\d{2}\.\d{2}\.\d{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(VillageCodeConverter, "village_code")

app_name = "villages"

urlpatterns = [
    path("desa/", views.village_list, name="list"),
    path("kecamatan/pilihan/", views.subdistrict_options, name="subdistrict_options"),
    path("desa/<village_code:code>/", views.village_detail, name="detail"),
    path("desa/<village_code:code>/tahun/<int:year>/", views.village_year_edit, name="year_edit"),
    path("desa/<village_code:code>/lembaga/tambah/", views.institution_add, name="institution_add"),
    path("desa/<village_code:code>/lembaga/<int:pk>/", views.institution_edit, name="institution_edit"),
]
