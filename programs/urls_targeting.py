from django.urls import path

from .views import graduations
from .views import targeting as views

urlpatterns = [
    path("sasaran/desa-lokus/", views.locus_villages, name="locus_villages"),
    path("sasaran/desa-lokus/unduh/", views.locus_export, name="locus_export"),  # ?format=xlsx|csv
    path("sasaran/prioritas/", views.priority_list, name="priority_list"),
    path("sasaran/prioritas.xlsx", views.priority_export, name="priority_export"),  # ?format=csv for csv
    path("sasaran/konvergensi/", views.convergence, name="convergence"),
    path("sasaran/graduasi/", views.graduation, name="graduation"),
    path("sasaran/keluarga/<int:pk>/graduasi/", views.household_graduate, name="household_graduate"),
    path("sasaran/graduasi/daftar/", graduations.graduation_list, name="graduation_list"),
    path("sasaran/graduasi/<int:pk>/bukti/", graduations.graduation_evidence, name="graduation_evidence"),
]
