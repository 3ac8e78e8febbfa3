"""Recording an export: the ``ExportRecord`` (which list, filter, rows, why) and the ``AccessRecord`` listing
every household the file held (so that a data subject's request finds it), in one transaction.

Called by ``desakumaju.lib.exports.export_response`` for exports built in the request; an export built by a
worker calls it with the requester and the address the request came from.
"""

from django.db import transaction

from .access import AccessAction, record_access_for
from .models import ExportRecord


@transaction.atomic
def record_export(
    user, *, list_name: str, file_format: str, query: str, row_count: int, full_identity_numbers: bool,
    purpose: str = "", reason: str = "", households=None, address: str | None = None, path: str = "",
) -> ExportRecord:  # fmt: skip
    export = ExportRecord.objects.create(
        user=user, role=user.role, district_id=user.district_id, list_name=list_name, file_format=file_format,
        query=query[:2000], row_count=row_count, full_identity_numbers=full_identity_numbers, purpose=purpose,
        reason=reason[:300],
    )  # fmt: skip
    record_access_for(
        user, action=AccessAction.EXPORT, obj=export, count=row_count, purpose=purpose, reason=reason,
        households=households, address=address, path=path,
    )  # fmt: skip
    return export
