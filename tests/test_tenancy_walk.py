"""The tenancy boundary, tested hard (conventions.md, Zulip's philosophy).

Walks EVERY URL pattern and API route of the project — discovered from the URL resolver, so
routes added later are covered without touching this file; one test case per app that answers
routes — as a member of another complex holding every role there, and as an anonymous visitor:

* any route under complex `alpha`'s slug answers 404 to beta's member (401/403/login redirect
  to the anonymous visitor);
* routes under beta's own slug, given the ids of alpha's objects, never show anything of alpha;
* nothing of alpha changes, whatever was POSTed, PUT, PATCHed or DELETEd.

Each app may add `tests/<app>/population.py` with `populate(tenant)` creating one object of each
of its models in a complex, with "ALPHA" markers in its text; the walk then probes their ids too.
"""

import importlib
import pkgutil
import re
import subprocess
import uuid

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from complexes.models import Role
from tests.conftest import make_tenant
from tests.factories import member, resident

SKIP_NAMESPACES = {"admin"}  # needs is_staff (platform admin only); its own test covers it


def is_public(name: str) -> bool:
    """The public portal (/public/…) and the open-data API (/api/v1/public/…) show a complex's
    name and its disclosures to anyone by design, so alpha's name there is no leak; they are
    walked for personal data instead in tests/disclosure/test_public_walk.py."""
    return name.startswith(("public:", "api:public_"))


API_METHODS = ["get", "post", "put", "patch", "delete"]
PAGE_METHODS = ["get", "post"]


def _kwarg_names(pattern) -> list[str]:
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def _app_of(callback) -> str:
    """The top-level package whose view answers a route (DRF views carry their class)."""
    view = getattr(callback, "cls", None) or getattr(callback, "view_class", None) or callback
    return view.__module__.split(".")[0]


def discover_routes(patterns=None, namespace="", kwargs=()):
    """(namespaced name, kwarg names, app) of every named route."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        names = [*kwargs, *_kwarg_names(p.pattern)]
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            if p.namespace in SKIP_NAMESPACES:
                continue
            yield from discover_routes(p.url_patterns, ns, names)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", tuple(dict.fromkeys(names)), _app_of(p.callback)


def routes_of(app: str):
    return [(name, kwargs) for name, kwargs, owner in discover_routes() if owner == app]


APPS = sorted({owner for _, _, owner in discover_routes()})


def unnamed_routes(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace not in SKIP_NAMESPACES:
                yield from unnamed_routes(p.url_patterns, prefix + str(p.pattern))
        elif not p.name:
            yield prefix + str(p.pattern)


def tenant_models():
    return [
        m
        for m in apps.get_models()
        if any(f.name == "complex" and f.is_relation for f in m._meta.fields)
    ]


def snapshot(complex_) -> dict:
    return {
        m._meta.label: sorted(map(repr, m._default_manager.filter(complex=complex_).values()))
        for m in tenant_models()
    }


def populate_apps(tenant):
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                module = importlib.import_module(f"tests.{info.name}.population")
            except ModuleNotFoundError:
                continue
            module.populate(tenant)


@pytest.fixture
def world(db):
    # beta first, so alpha's rows have higher ids than beta's in every table.
    beta = make_tenant("beta", "베타아파트")
    populate_apps(beta)
    alpha = make_tenant("alpha", "알파아파트")
    populate_apps(alpha)
    # beta's strongest user: every role there.
    prober = beta.manager
    for role in (Role.COUNCIL, Role.COMMITTEE):
        member(beta.complex, role, prober)
    resident(beta.unit, user=prober)
    return alpha, beta, prober


ALPHA_MARKERS = [
    re.compile(p) for p in (r"알파아파트", r"@alpha\.test", r"101동", r"ALPHA", r"/c/alpha/")
]


def alpha_ids(alpha) -> list[int]:
    """One id of every kind of alpha's objects: the first row of each tenant model. (beta was
    populated first, so in every table alpha's ids lie above beta's.)"""
    ids = set()
    for m in tenant_models():
        first = m._default_manager.filter(complex=alpha.complex).order_by("pk").first()
        if first is not None and isinstance(first.pk, int):  # UUID keys (ballots) have no routes
            ids.add(first.pk)
    return sorted(ids)


def fill(kwargs, slug, pk):
    values = {}
    for name in kwargs:
        if name == "slug":
            values[name] = slug
        elif name in {"pk", "id"} or name.endswith("_pk") or name.endswith("_id"):
            values[name] = pk
        elif name in {"year"}:
            values[name] = 2026
        elif name in {"period"}:
            values[name] = "2026-09"
        elif name == "code":
            values[name] = "11680"
        else:
            values[name] = uuid.uuid4().hex[:12]
    return values


def reverse_or_none(name, kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # a converter refused our filler (e.g. int), try the next one
        return None


def request(client, method, url, user):
    """One request as `user` (logged in again if a logout route ended the session)."""
    if user is not None and "_auth_user_id" not in client.session:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, content_type="application/json")


def leaks(response) -> list[str]:
    """alpha's markers in the body — also of file downloads, which stream."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        # PDF text is compressed: read it the way a person would.
        raw = subprocess.run(
            ["pdftotext", "-", "-"], input=raw, capture_output=True, timeout=60
        ).stdout
    body = raw.decode("utf-8", "replace")
    return [m.pattern for m in ALPHA_MARKERS if m.search(body)]


def test_every_route_is_named():
    """The walk reaches routes by name: an unnamed route would escape it."""
    assert list(unnamed_routes()) == []


def test_routes_are_discovered():
    names = {name for name, _ in routes_of("complexes")}
    assert "complexes:unit_list" in names
    assert "api:unit-detail" in names
    assert {"complexes", "allauth", "django"} <= set(APPS)


@pytest.mark.django_db
@pytest.mark.parametrize("app", APPS)
def test_member_of_another_complex_sees_nothing(world, client, app):
    alpha, _beta, prober = world
    before = snapshot(alpha.complex)
    client.force_login(prober)
    ids = alpha_ids(alpha)
    problems = []
    for name, kwargs in routes_of(app):
        if is_public(name):
            continue
        methods = API_METHODS if name.startswith("api:") else PAGE_METHODS
        # 1. alpha's slug: the whole complex does not exist for beta's member.
        if "slug" in kwargs:
            url = reverse_or_none(name, fill(kwargs, "alpha", ids[0]))
            for method in methods if url else []:
                r = request(client, method, url, prober)
                # 405 answers the same for any slug, so it reveals nothing about alpha.
                if r.status_code not in (404, 405):
                    problems.append(f"{method.upper()} {url} -> {r.status_code} (want 404)")
        # 2. beta's own slug (or no slug) with alpha's object ids: nothing of alpha shows.
        has_pk = any(k in {"pk", "id"} or k.endswith(("_pk", "_id")) for k in kwargs)
        for pk in ids if has_pk else [ids[0]]:
            url = reverse_or_none(name, fill(kwargs, "beta", pk))
            for method in methods if url else []:
                r = request(client, method, url, prober)
                found = leaks(r) if r.status_code < 300 or r.status_code >= 400 else []
                if found:
                    problems.append(f"{method.upper()} {url} -> {r.status_code} shows {found}")
    assert problems == []
    assert snapshot(alpha.complex) == before, "a request as beta's member changed alpha's data"


@pytest.mark.django_db
@pytest.mark.parametrize("app", APPS)
def test_anonymous_gets_nothing_of_a_complex(world, client, app):
    alpha, _, _ = world
    ids = alpha_ids(alpha)
    problems = []
    for name, kwargs in routes_of(app):
        if "slug" not in kwargs or is_public(name):
            continue
        url = reverse_or_none(name, fill(kwargs, "alpha", ids[0]))
        if url is None:
            continue
        r = client.get(url)
        if r.status_code not in (302, 401, 403, 404, 405) or leaks(r):
            problems.append(f"GET {url} -> {r.status_code}")
    assert problems == []
