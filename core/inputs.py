"""Input no field of the portal can hold, refused in one place before any view sees it (issue 12,
"Hostile and careless input"): 400 with a message naming the field, instead of a 500 from the
database.

- NUL characters: PostgreSQL text cannot hold them ("text fields cannot contain NUL"), so one in a
  query parameter, a form field or a JSON string reached the database as a 500.
- A single value over 128 KiB (the same bound as an import cell, core/tabular.py): no field of
  the portal needs one, and some reached index limits.

Query parameters are checked for every request; bodies that are JSON or forms are checked too
(the fields of a multipart form, never its files, which are bytes and may hold anything). A body
that is not valid JSON is left to the view (DRF answers 400 "JSON parse error").
"""

import json

from django.core.exceptions import BadRequest
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

MAX_FIELD_CHARS = 128 * 1024


def _problem(name: str, value) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return _("'%(field)s'에 허용되지 않는 문자(NUL)가 있습니다.") % {"field": name}
        if len(value) > MAX_FIELD_CHARS:
            return _("'%(field)s' 값이 너무 깁니다 (128KiB 초과).") % {"field": name}
    return None


def _walk(value, name: str = "body"):
    """(field name, problem) of the first bad string in a JSON document, keys included."""
    stack = [(name, value)]
    while stack:
        name, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                problem = _problem(name, key)
                if problem:
                    return name, problem
                stack.append((str(key)[:50], item))
        elif isinstance(value, list):
            stack.extend((name, item) for item in value)
        else:
            problem = _problem(name, value)
            if problem:
                return name, problem
    return None


def find_problem(request) -> tuple[str, str] | None:
    for key, values in request.GET.lists():
        for value in [key, *values]:
            problem = _problem(key[:50], value)
            if problem:
                return key[:50], problem
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            document = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None
        return _walk(document)
    if content_type == "application/x-www-form-urlencoded" or (
        content_type == "multipart/form-data" and request.method == "POST"
    ):
        for key, values in request.POST.lists():
            for value in [key, *values]:
                problem = _problem(key[:50], value)
                if problem:
                    return key[:50], problem
    return None


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = find_problem(request)
        if found is None:
            return self.get_response(request)
        field, message = found
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"message": message, "extra": {"field": field}},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return _page(message, 400)


# --- years ------------------------------------------------------------------------------------

YEAR_MIN, YEAR_MAX = 1900, 2999


class InputError(BadRequest):
    """A request the portal cannot read, with a message for the person who sent it (400)."""


def year_message() -> str:
    return _("연도는 %(min)d–%(max)d 사이의 숫자여야 합니다.") % {"min": YEAR_MIN, "max": YEAR_MAX}


def parse_year(text, *, default: int | None = None) -> int:
    """A year from a query parameter or a path: 400 (InputError) outside 1900–2999, so
    `date(year, …)` and `__year` lookups never meet year 0 or 99999."""
    text = str(text if text is not None else "").strip()
    if text == "" and default is not None:
        return default
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise InputError(year_message())
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InputError(year_message())
    return year


class YearConverter:
    """`<year:year>` in a route: any digits match; a year outside 1900–2999 answers 400 with
    the message (rather than 500 from `date(0, 1, 1)` or a 404 that explains nothing)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return parse_year(value)

    def to_url(self, value) -> str:
        return str(int(value))


def bad_request(request, exception=None):
    """handler400: our InputError's message; a generic one for Django's own refusals."""
    if isinstance(exception, InputError) and exception.args:
        message = str(exception.args[0])
    else:
        message = _("요청을 처리할 수 없습니다. 입력값을 확인해 주세요.")
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"message": message, "extra": {}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return _page(message, 400)


def _page(message: str, status: int) -> HttpResponse:
    return HttpResponse(
        '<!doctype html><html lang="ko"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>{status}</title><p>{escape(message)}</p>"
        f'<p><a href="/">{escape(_("처음으로"))}</a></p></html>',
        status=status,
        content_type="text/html; charset=utf-8",
    )
