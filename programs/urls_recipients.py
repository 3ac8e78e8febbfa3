from django.urls import path

from .views import recipients as views

urlpatterns = [
    path("intervensi/<int:pk>/penerima/", views.recipients, name="recipients"),
    path("intervensi/<int:pk>/penerima/cari/", views.recipient_search, name="recipient_search"),
    path("intervensi/<int:pk>/penerima/tambah/", views.recipient_add, name="recipient_add"),
    path("intervensi/<int:pk>/penerima/tambah-desil-1/", views.recipient_add_desil1, name="recipient_add_desil1"),
    path("intervensi/<int:pk>/penerima/unggah/", views.recipient_upload, name="recipient_upload"),
    path("intervensi/<int:pk>/penerima/<int:recipient_pk>/hapus/", views.recipient_remove, name="recipient_remove"),
]
