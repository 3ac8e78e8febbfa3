"""With the broker down, pages that queue a task answer at once (issue 12): sending a report's build or
the dashboard's warming gives up within seconds, where Celery's default result-backend retries kept a
request waiting ~19 s. A real Redis client against a port nothing listens on, in a fresh process with
the portal's settings; no mock."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_cache_down import closed_port

ROOT = Path(__file__).resolve().parents[2]
SEND = """
import json, time
import django
django.setup()
from desakumaju.celery import app
app.conf.task_always_eager = False  # the test settings run tasks eagerly; here they go to the broker
from reporting.reports_services import _enqueue
from reporting.dashboard_warming import queue_warming
from desakumaju.tasks import health_check
took = {}
for name, send in (("report", lambda: _enqueue(1)), ("warming", queue_warming), ("delay", health_check.delay)):
    started = time.monotonic()
    try:
        send()
    except Exception:
        pass  # a page catches it; only the time counts here
    took[name] = time.monotonic() - started
print(json.dumps(took))
"""


def test_queueing_a_task_gives_up_within_seconds_when_the_broker_is_down():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desakumaju.settings_test"}
    env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    for name in ("CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", SEND], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    took = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(took) == {"report", "warming", "delay"}
    assert max(took.values()) < 5, took
