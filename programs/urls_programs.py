from django.urls import path

from .views import programs as views

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("baru/", views.program_create, name="program_create"),
    path("<int:pk>/ubah/", views.program_edit, name="program_edit"),
]
