from django.urls import path

from .views import corrections, public, staff

app_name = "complaints"

urlpatterns = [
    # Public, without login.
    path("", public.file_complaint, name="file"),
    path("status/", public.ticket_status, name="status"),
    path("pilihan-kecamatan/", public.subdistrict_options, name="subdistrict_options"),
    path("pilihan-desa/", public.village_options, name="village_options"),
    # Staff.
    path("kelola/", staff.queue, name="queue"),
    path("kelola/unduh/", staff.queue_export, name="queue_export"),  # ?format=xlsx|csv
    path("kelola/<int:pk>/", staff.ticket_detail, name="ticket_detail"),
    path("kelola/<int:pk>/tampilkan/", staff.ticket_reveal, name="ticket_reveal"),  # POST, with a reason
    path("kelola/<int:pk>/status/", staff.ticket_status_change, name="ticket_status_change"),
    path("kelola/<int:pk>/catatan/", staff.ticket_note, name="ticket_note"),
    path("kelola/<int:pk>/petugas/", staff.ticket_assign, name="ticket_assign"),
    path("kelola/<int:pk>/intervensi/", staff.ticket_route, name="ticket_route"),
    path("kelola/<int:pk>/lampiran/<int:attachment_pk>/", staff.attachment_download, name="attachment_download"),
    path("kelola/<int:pk>/usulan/", corrections.correction_propose, name="correction_propose"),
    path(
        "kelola/<int:pk>/usulan/<int:proposal_pk>/setujui/", corrections.correction_approve, name="correction_approve"
    ),
    path("kelola/<int:pk>/usulan/<int:proposal_pk>/tolak/", corrections.correction_decline, name="correction_decline"),
]
