"""Counting public requests in Django's cache, per IP, per contact and in total; failing closed.

A cache that cannot be reached refuses the request (RateLimitUnavailable → 503) rather than letting
a flood through (SECURITY-CHECKLIST PUB-01).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


class RateLimitUnavailable(Exception):
    """The cache holding the counts is down: refuse rather than accept unlimited requests."""


def _window_seconds() -> int:
    return settings.COMPLAINT_RATE_WINDOW_MINUTES * 60


def _key(kind: str, value: str) -> str:
    # Hashed: no IP address, phone number or e-mail address is kept in the cache in clear.
    return f"pengaduan:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def count_hit(kind: str, value: str) -> int:
    """Count one request for ``value`` in the current window and return the count so far."""
    key = _key(kind, value)
    try:
        cache.add(key, 0, timeout=_window_seconds())
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=_window_seconds())
            return 1
    except Exception as error:
        raise RateLimitUnavailable from error


def _at_limits(limits: dict[str, int]) -> bool:
    """Whether the next request would be over any of these {key: limit} (counting nothing)."""
    try:
        counts = cache.get_many(list(limits))
    except Exception as error:
        raise RateLimitUnavailable from error
    return any(counts.get(key, 0) >= limit for key, limit in limits.items())


def at_complaint_limits(*, ip: str) -> bool:
    """Whether the next complaint from this IP would be over its limit or the total one (counting nothing),
    so that the form can ask for the CAPTCHA up front."""
    return _at_limits(
        {_key("ip", ip): settings.COMPLAINT_LIMIT_PER_IP, _key("total", "all"): settings.COMPLAINT_LIMIT_TOTAL}
    )


def at_lookup_limit(*, ip: str) -> bool:
    """Whether this IP's next ticket-code lookup would be over its limit, so that the status page asks for
    the CAPTCHA up front."""
    return _at_limits({_key("lookup", ip): settings.COMPLAINT_STATUS_LOOKUPS_PER_IP})


def over_complaint_limits(*, ip: str, contact: str) -> bool:
    """Count one complaint from this IP and contact; True when it is over any limit (then it is stored
    only with a solved CAPTCHA).

    Called for valid forms only, so that someone fixing a form error is not held back; the atomic
    ``incr`` keeps concurrent requests from slipping past the limit together.
    """
    over = count_hit("ip", ip) > settings.COMPLAINT_LIMIT_PER_IP
    over = count_hit("total", "all") > settings.COMPLAINT_LIMIT_TOTAL or over
    if contact:
        over = count_hit("contact", contact) > settings.COMPLAINT_LIMIT_PER_CONTACT or over
    return over


def over_lookup_limit(*, ip: str) -> bool:
    """Count a ticket-code lookup; True once this IP has made too many in the window."""
    return count_hit("lookup", ip) > settings.COMPLAINT_STATUS_LOOKUPS_PER_IP
