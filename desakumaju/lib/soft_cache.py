"""Django's cache where it only saves work: with the cache down, callers compute instead of failing.

The dashboard caches numbers it can always count again; with Redis down it counts them (issue 12).
Rate limits must never read through here: they fail closed (``complaints.ratelimit``).
After a failure this process leaves the cache alone for ``RETRY_SECONDS``, so that a cache which times
out rather than refuses costs one timeout, not one per call.
"""

import logging
import time

from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 30
CACHE_ERRORS = (RedisError, OSError)
_skip_until = 0.0


def get_many(keys) -> dict:
    if _skipping():
        return {}
    try:
        return cache.get_many(keys)
    except CACHE_ERRORS:
        _went_down()
        return {}


def set_many(entries: dict, *, timeout: int) -> None:
    if entries and not _skipping():
        try:
            cache.set_many(entries, timeout=timeout)
        except CACHE_ERRORS:
            _went_down()


def add(key: str, value, *, timeout: int) -> bool:
    """Whether the key was added; False when the cache is down (so nothing is claimed)."""
    if _skipping():
        return False
    try:
        return cache.add(key, value, timeout=timeout)
    except CACHE_ERRORS:
        _went_down()
        return False


def delete(key: str) -> None:
    if not _skipping():
        try:
            cache.delete(key)
        except CACHE_ERRORS:
            _went_down()


def _skipping() -> bool:
    return time.monotonic() < _skip_until


def _went_down() -> None:
    global _skip_until
    _skip_until = time.monotonic() + RETRY_SECONDS
    logger.warning("Cache tidak tersedia: dihitung tanpa cache selama %s detik", RETRY_SECONDS)


@receiver(setting_changed)
def _forget_failures(*, setting, **kwargs):
    global _skip_until
    if setting == "CACHES":
        _skip_until = 0.0
