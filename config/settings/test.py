"""Test run: whatever DATABASE_URL/REDIS_URL say (PostgreSQL and Redis in CI), fast hashing."""

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"
# Unit tests run tasks in-process; the worker integration test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
