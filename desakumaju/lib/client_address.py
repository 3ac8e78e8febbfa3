"""The client's address as the trusted reverse proxies saw it (SECURITY-CHECKLIST AUTH-05).

Behind ``TRUSTED_PROXY_COUNT`` proxies ``REMOTE_ADDR`` is the nearest proxy's address, and each
proxy appends the address it received the request from to ``X-Forwarded-For``. Whatever a client
writes into that header stays to the left of those entries, so the client is the N-th entry from
the right, and nothing further left is trusted. With no proxy the address is ``REMOTE_ADDR``.

Every limit keyed by address (django-axes through ``AXES_CLIENT_IP_CALLABLE``, the public complaint
form and status page) reads it here.
"""

from django.conf import settings
from ipware import get_client_ip


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    # ipware counts the proxies listed in the header after the client; the nearest proxy is not listed
    # (it is REMOTE_ADDR), hence N - 1. Not strict: a malformed entry the client wrote is skipped, and
    # the entries the proxies appended are always addresses.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    # No header, or fewer entries than proxies: the request did not come through them all.
    return address or remote
