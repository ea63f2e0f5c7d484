"""Structured logs: one JSON object a line, each carrying the request id and the complex slug of
the request (or the Celery task) that wrote it, so one resident's failing request can be
followed across the web and worker logs.

The request id is taken from the proxy's `X-Request-ID` when it is a sane token, else made
here; it is echoed in the response. One access line per request goes to `portal.request`."""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="")
complex_var = contextvars.ContextVar("complex", default="")
access_log = logging.getLogger("portal.request")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# URL parts that are secrets (a ballot's roll token, a password-reset key): never logged, or the
# access log would tie a voter's link to the time of their ballot (Art. 48①).
SECRET_URL_KWARGS = frozenset({"token", "key", "uidb36", "uidb64", "code"})

# LogRecord attributes that are not extra fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := request_id_var.get():
            entry["request_id"] = request_id
        if complex_slug := complex_var.get():
            entry["complex"] = complex_slug
        task = _current_task()
        if task is not None:
            entry["task"], entry["task_id"] = task.name, task.request.id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _current_task():
    from celery import current_task

    if current_task and current_task.request.id:
        return current_task
    return None


class RequestContextMiddleware:
    """Sets the request id and the complex slug for every log line of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        tokens = (request_id_var.set(request_id), complex_var.set(""))
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            path = loggable_path(request)
            access_log.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(tokens[0])
            complex_var.reset(tokens[1])

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Every complex lives under its slug (/c/<slug>/…, /api/v1/complexes/<slug>/…).
        if slug := view_kwargs.get("slug"):
            complex_var.set(slug)


def loggable_path(request) -> str:
    """The request path with every secret URL part (SECRET_URL_KWARGS) replaced by `*`."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is None:
        return path
    for name, value in match.kwargs.items():
        if name in SECRET_URL_KWARGS and value:
            path = path.replace(str(value), "*")
    return path


class RedactSecretPaths(logging.Filter):
    """Django's own request log lines (`Not Found: /c/x/vote/<token>/`) name the raw path: the
    same secret URL parts are replaced there too."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            raw, safe = getattr(request, "path", None), loggable_path(request)
            if raw and safe != raw:
                record.args = tuple(safe if arg == raw else arg for arg in record.args)
        return True
