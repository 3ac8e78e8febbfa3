from django.urls import path

from .views import history
from .views import interventions as views

urlpatterns = [
    path("intervensi/", views.intervention_list, name="intervention_list"),
    path("intervensi/unduh.xlsx", views.intervention_export, name="intervention_export"),  # ?format=csv for csv
    path("intervensi/baru/", views.intervention_create, name="intervention_create"),
    path("intervensi/cari-desa/", views.village_search, name="village_search"),
    path("intervensi/pilihan-lembaga/", views.institution_options, name="institution_options"),
    path("intervensi/<int:pk>/", views.intervention_detail, name="intervention_detail"),
    path("intervensi/<int:pk>/ubah/", views.intervention_edit, name="intervention_edit"),
    path("intervensi/<int:pk>/riwayat/", history.intervention_history, name="intervention_history"),
    path("intervensi/<int:pk>/status/", views.intervention_status, name="intervention_status"),
    path("intervensi/<int:pk>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("intervensi/<int:pk>/bukti/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
]
