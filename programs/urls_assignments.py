from django.urls import path

from .views import assignments as views

urlpatterns = [
    path("penugasan/", views.assignment_list, name="assignment_list"),
    path("penugasan/baru/", views.assignment_create, name="assignment_create"),
    path("penugasan/baru/desa/", views.assignment_villages, name="assignment_villages"),
    path("penugasan/rekap/", views.assignment_summary, name="assignment_summary"),
    path("penugasan/<int:pk>/terima/", views.assignment_accept, name="assignment_accept"),
    path("penugasan/<int:pk>/buat-intervensi/", views.assignment_start, name="assignment_start"),
    path("penugasan/<int:pk>/selesai/", views.assignment_done, name="assignment_done"),
    path("penugasan/<int:pk>/ubah/", views.assignment_edit, name="assignment_edit"),
    path("penugasan/<int:pk>/batalkan/", views.assignment_cancel, name="assignment_cancel"),
]
