"""The client's address as the trusted reverse proxies saw it (SECURITY-CHECKLIST AUTH-05).

Behind ``TRUSTED_PROXY_COUNT`` proxies ``REMOTE_ADDR`` is the nearest proxy's address, and each
proxy appends the address it received the request from to ``X-Forwarded-For``. Whatever a client
writes into that header stays to the left of those entries, so the client is the N-th entry from
the right, and nothing further left is read at all. With no proxy the address is ``REMOTE_ADDR``.

Every limit keyed by address (django-axes through ``AXES_CLIENT_IP_CALLABLE``, the public complaint
form and status page) reads it here.
"""

from django.conf import settings
from python_ipware import IpWare


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < proxies:  # the request did not come through them all
        return remote
    # Only the entries the proxies wrote (never a comma in them) reach the parser: a client's quote or
    # malformed entry to their left cannot make the whole header unreadable.
    written_by_proxies = ",".join(entries[-proxies:])
    # ipware counts the proxies listed after the client; the nearest one is REMOTE_ADDR, hence N - 1.
    parser = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1, algorithm="modern")
    address, _trusted = parser.get_client_ip({"HTTP_X_FORWARDED_FOR": written_by_proxies}, strict=True)
    return str(address) if address else remote
