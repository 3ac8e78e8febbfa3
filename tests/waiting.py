"""Waiting in tests for what another process (a worker, the live server) does."""

import time


def wait_for(condition, timeout: float = 90):
    """The first truthy value of ``condition()``, polled every 0.2 s; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")
