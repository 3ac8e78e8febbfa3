from django.core.files.base import ContentFile

from programs.models import Evidence


def test_file_fields_follow_the_private_storage_setting(private_files):
    """Model FileFields resolve the "private" storage lazily, so each test's files stay in its own folder."""
    storage = Evidence._meta.get_field("file").storage
    name = storage.save("bukti/uji.txt", ContentFile(b"isi"))
    assert (private_files / name).read_bytes() == b"isi"
