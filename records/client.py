"""Where a request came from, for the change trail and the access log.

One function, so that the address comes from one place: REMOTE_ADDR as the web server sets it (behind the
TLS proxy, gunicorn sees the proxy unless it forwards the client's address).
"""


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
