from . import urls_households, urls_imports

app_name = "beneficiaries"

urlpatterns = [*urls_households.urlpatterns, *urls_imports.urlpatterns]
