from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("subjek-data/", views.subject_search, name="subject_search"),  # POST the number
]
