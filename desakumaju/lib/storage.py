from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on first use and again whenever STORAGES changes (tests)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage():
    """Uploaded BNBA files and generated reports: outside MEDIA_URL, served only through views
    that check the user's scope (SECURITY-CHECKLIST AC-08)."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty
