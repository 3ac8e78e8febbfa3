from django.urls import path

from .views import history
from .views import households as views

urlpatterns = [
    path("keluarga/", views.household_list, name="household_list"),
    path("keluarga/unduh/", views.household_export, name="household_export"),  # ?format=xlsx|csv
    path("keluarga/unduh-anggota/", views.person_export, name="person_export"),
    path("keluarga/pilihan-desa/", views.village_options, name="village_options"),
    path("keluarga/<int:pk>/", views.household_detail, name="household_detail"),
    path("keluarga/<int:pk>/ubah/", views.household_edit, name="household_edit"),
    path("keluarga/<int:pk>/riwayat/", history.household_history, name="household_history"),
    path("keluarga/<int:pk>/tampilkan/", views.household_reveal, name="household_reveal"),  # POST, with a reason
    path("keluarga/<int:pk>/desil/tambah/", views.desil_add, name="desil_add"),
    path("keluarga/<int:pk>/no-kk/", views.household_no_kk, name="household_no_kk"),
    path("keluarga/<int:pk>/anggota/tambah/", views.person_add, name="person_add"),
    path("keluarga/<int:pk>/anggota/<int:person_pk>/ubah/", views.person_edit, name="person_edit"),
    path("keluarga/<int:pk>/anggota/<int:person_pk>/riwayat/", history.person_history, name="person_history"),
]
