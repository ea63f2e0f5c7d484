"""One size limit for every upload (settings.UPLOAD_MAX_BYTES, default 10 MB), and the one
check every form and serializer that takes a file runs (issue 12, "Hostile and careless input").

Two layers, both reading the same setting:

- `UploadLimitMiddleware` refuses a request whose declared body (CONTENT_LENGTH) is larger than
  the limit plus a little room for the form's other fields, *before* anything reads the body:
  413 with a Korean message ({"message", "extra"} under /api/, a short page elsewhere). Django
  itself never reads past CONTENT_LENGTH, so a body that lies about its length is cut there.
- `validate_upload` (a Django validator, so it works in forms and in DRF serializers alike) and
  `check_upload` (for views and services that take request.FILES directly) refuse a single file
  over the limit with a message naming the file.

`sniff_content_type` tells the real type of an upload from its first bytes (never the browser's
claim), for the places that accept only pictures and PDFs.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.errors import ApplicationError

# Room for the other fields of a multipart form next to a file of the maximum size.
REQUEST_OVERHEAD_BYTES = 256 * 1024


def upload_limit() -> int:
    return int(settings.UPLOAD_MAX_BYTES)


def _megabytes(n: int) -> str:
    mb = n / 1024 / 1024
    return f"{mb:.0f}MB" if mb == int(mb) else f"{mb:.1f}MB"


def too_big_message(name: str | None = None, size: int | None = None) -> str:
    limit = _megabytes(upload_limit())
    if name:
        return _("'%(name)s' 파일이 너무 큽니다 (%(size)s). %(limit)s 이하만 올릴 수 있습니다.") % {
            "name": name,
            "size": _megabytes(size or 0),
            "limit": limit,
        }
    return _("보낸 내용이 너무 큽니다. 파일은 %(limit)s 이하만 올릴 수 있습니다.") % {
        "limit": limit
    }


def check_upload(upload, *, field: str = "file") -> None:
    """ApplicationError if the file is over the limit (or not a file at all)."""
    size = getattr(upload, "size", None)
    if size is None:
        raise ApplicationError(_("파일이 아닙니다."), {"field": field})
    if size > upload_limit():
        raise ApplicationError(
            too_big_message(getattr(upload, "name", None) or _("파일"), size),
            {"field": field, "limit_bytes": upload_limit()},
        )


def validate_upload(upload) -> None:
    """The same check as a validator: `forms.FileField(validators=[validate_upload])`,
    `serializers.FileField(validators=[validate_upload])`."""
    try:
        check_upload(upload)
    except ApplicationError as e:
        raise ValidationError(e.message, code="file_too_large") from e


def declared_length(environ_or_meta) -> int | None:
    raw = environ_or_meta.get("CONTENT_LENGTH") or ""
    try:
        n = int(raw)
    except ValueError:
        return None
    return n if n >= 0 else None


class UploadLimitMiddleware:
    """413 for a request body larger than UPLOAD_MAX_BYTES (+ form overhead), read or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request.META)
        if length is not None and length > upload_limit() + REQUEST_OVERHEAD_BYTES:
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        message = too_big_message()
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"message": message, "extra": {"limit_bytes": upload_limit()}},
                status=413,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            response = HttpResponse(
                '<!doctype html><html lang="ko"><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width">'
                f"<title>413</title><p>{escape(message)}</p>"
                f'<p><a href="/">{escape(_("처음으로"))}</a></p></html>',
                status=413,
                content_type="text/html; charset=utf-8",
            )
        # The body was not read: the connection cannot be reused for another request.
        response["Connection"] = "close"
        return response


_SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
]


def sniff_content_type(head: bytes) -> str | None:
    """The real type of an upload from its first bytes (never the browser's claim)."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None
