from django.urls import path

from .views import imports

urlpatterns = [
    path("unggahan/", imports.batch_list, name="batch_list"),
    path("unggahan/baru/", imports.batch_upload, name="batch_upload"),
    path("unggahan/templat.xlsx", imports.import_template, name="import_template"),
    path("unggahan/<int:pk>/", imports.batch_detail, name="batch_detail"),
    path("unggahan/<int:pk>/kemajuan/", imports.batch_progress, name="batch_progress"),
    path("unggahan/<int:pk>/impor/", imports.batch_import, name="batch_import"),
    path("unggahan/<int:pk>/batal/", imports.batch_cancel, name="batch_cancel"),
    path("unggahan/<int:pk>/ulang/", imports.batch_retry, name="batch_retry"),
    path("unggahan/<int:pk>/lembar/", imports.batch_choose_sheet, name="batch_choose_sheet"),
    path("unggahan/<int:pk>/masalah.xlsx", imports.batch_problems_xlsx, name="batch_problems_xlsx"),
]
