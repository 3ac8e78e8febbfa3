from django.urls import path

from . import export_views as views

app_name = "exports"

urlpatterns = [
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/progres/", views.job_progress, name="job_progress"),
    path("<int:pk>/unduh/", views.job_download, name="job_download"),
]
