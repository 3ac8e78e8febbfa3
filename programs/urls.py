from . import urls_assignments, urls_interventions, urls_programs, urls_recipients, urls_targeting

app_name = "programs"

urlpatterns = [
    *urls_programs.urlpatterns,
    *urls_interventions.urlpatterns,
    *urls_recipients.urlpatterns,
    *urls_assignments.urlpatterns,
    *urls_targeting.urlpatterns,
]
