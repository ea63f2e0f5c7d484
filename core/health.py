"""Health endpoints for load balancers and orchestrators, answered before any other middleware
(so before the host check, the HTTPS redirect, sessions and logins: a probe sends whatever Host
header and scheme it likes):

- `/healthz`: the process is up and answering (liveness). Never touches a dependency.
- `/readyz`: the database, the cache and the Celery broker are reachable (readiness); 503 and
  the failing parts otherwise. The reason is logged, not shown.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

log = logging.getLogger(__name__)


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    cache.set("readyz", "ok", timeout=10)
    if cache.get("readyz") != "ok":
        raise RuntimeError("the cache did not return what was stored")


def check_broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # the embedded default: tasks run in-process, there is no broker
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=3)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def readiness() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            log.exception("readyz: %s unreachable", name)
            results[name] = "unreachable"
    return results


class HealthCheckMiddleware:
    """First in MIDDLEWARE (config/settings/base.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            results = readiness()
            ok = all(v == "ok" for v in results.values())
            return JsonResponse(
                {"status": "ok" if ok else "unavailable", **results}, status=200 if ok else 503
            )
        return self.get_response(request)
