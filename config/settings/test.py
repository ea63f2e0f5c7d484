"""Test run: whatever DATABASE_URL/REDIS_URL say (PostgreSQL and Redis in CI), fast hashing."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *

# A run's cache keys of its own: runs (and their Celery workers, which inherit the variable)
# sharing one Redis never read each other's entries. Each pytest-xdist worker has a database of
# its own, where ids repeat, so it gets a prefix (and a media directory) of its own too.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
CACHES["default"]["KEY_PREFIX"] = (
    os.environ.setdefault("TEST_CACHE_PREFIX", f"test-{uuid.uuid4().hex[:12]}") + XDIST_WORKER
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded files of a run go to a directory of its own (names never collide with a past run's).
MEDIA_ROOT = Path(
    os.environ.setdefault("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="portal-media-"))
) / (XDIST_WORKER or "main")
# Links in messages are absolute, on this address (core/links.py).
SITE_URL = "https://portal.test"
# No collectstatic before tests: WhiteNoise looks for files per request instead of warning
# about the missing STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
# Unit tests run tasks in-process; the worker integration test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Every test client comes from 127.0.0.1: the join-code limit per client would carry over from
# test to test. The limit's own test sets a tighter one (tests/residents/test_joining.py).
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "join_code": "10000/h/ip,10000/h/user"}
