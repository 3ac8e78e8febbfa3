"""The data protection officer's contact (UU PDP Pasal 53), in the footer of every page, public ones too."""

from django.conf import settings


def data_protection_officer(request) -> dict:
    return {"dpo": {"name": settings.DPO_NAME, "email": settings.DPO_EMAIL, "phone": settings.DPO_PHONE}}
