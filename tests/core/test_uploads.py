"""One size limit for every upload (settings.UPLOAD_MAX_BYTES, default 10 MB), refused before the
body is read; every form and serializer that takes a file runs core/uploads.py's check (issue 12,
"Hostile and careless input")."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complexes.models import Unit
from core.uploads import upload_limit

BASE = "/api/v1/complexes/alpha"
HEADER = b"building,unit,floor,supply_area\n"


def oversized_csv(total: int) -> bytes:
    row = b"109,101,1,59.9\n"
    return HEADER + row * ((total - len(HEADER)) // len(row) + 1)


def test_default_limit_is_ten_megabytes_and_django_limits_agree(settings):
    assert upload_limit() == 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.UPLOAD_MAX_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.UPLOAD_MAX_BYTES


def test_api_refuses_an_11_mb_import_with_413_and_a_korean_message(alpha, api):
    api.force_authenticate(alpha.manager)
    big = SimpleUploadedFile("units.csv", oversized_csv(11 * 1024 * 1024))
    r = api.post(f"{BASE}/units/import/", {"file": big}, format="multipart")
    assert r.status_code == 413
    assert r.json()["message"] == "보낸 내용이 너무 큽니다. 파일은 10MB 이하만 올릴 수 있습니다."
    assert r.json()["extra"]["limit_bytes"] == 10 * 1024 * 1024
    assert not Unit.objects.filter(complex=alpha.complex, building__name="109").exists()


def test_page_refuses_an_11_mb_import_with_413_and_a_korean_page(alpha, as_user):
    c = as_user(alpha.staff)
    big = SimpleUploadedFile("units.csv", oversized_csv(11 * 1024 * 1024))
    r = c.post(reverse("complexes:unit_import", kwargs={"slug": "alpha"}), {"file": big})
    assert r.status_code == 413
    assert "10MB 이하만 올릴 수 있습니다" in r.content.decode()
    assert not Unit.objects.filter(complex=alpha.complex, building__name="109").exists()


class ExplodingInput(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    read_calls = 0

    def readable(self):
        return True

    def read(self, *args):
        ExplodingInput.read_calls += 1
        raise AssertionError("the body of an oversized request was read")

    readline = read
    readinto = read


def test_oversized_body_is_refused_before_it_is_read(alpha):
    """Straight through the WSGI application: CONTENT_LENGTH says 500 MB, the body stream fails
    on any read. The answer is 413 without a single read."""
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    statuses = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": f"{BASE}/units/import/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": ExplodingInput(),
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(500 * 1024 * 1024),
    }
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["413 Request Entity Too Large"]
    assert "10MB 이하만".encode() in body
    assert ExplodingInput.read_calls == 0


def test_a_file_over_the_limit_inside_a_small_request_is_refused_by_the_form(
    alpha, api, as_user, settings
):
    """The per-file check (core.uploads.validate_upload) runs in every form and serializer."""
    settings.UPLOAD_MAX_BYTES = 1000
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{BASE}/units/import/",
        {"file": SimpleUploadedFile("units.csv", oversized_csv(3000))},
        format="multipart",
    )
    assert r.status_code == 400
    assert "'units.csv' 파일이 너무 큽니다" in str(r.json()["extra"]["fields"]["file"])
    c = as_user(alpha.staff)
    r = c.post(
        reverse("complexes:unit_import", kwargs={"slug": "alpha"}),
        {"file": SimpleUploadedFile("units.csv", oversized_csv(3000))},
    )
    assert r.status_code == 200 and "파일이 너무 큽니다" in r.content.decode()
    assert not Unit.objects.filter(complex=alpha.complex, building__name="109").exists()


def test_every_file_field_of_every_form_and_serializer_runs_the_check():
    """No form or serializer takes a file without core.uploads.validate_upload."""
    from django import forms
    from rest_framework import serializers

    import complexes.forms
    import complexes.serializers
    import council.forms
    import elections.forms
    import fees.forms
    import fees.serializers
    import repairs.forms
    import repairs.serializers
    import residents.forms
    import residents.petitions.forms
    import residents.petitions.serializers
    import residents.serializers
    from core.uploads import validate_upload

    modules = [
        complexes.forms,
        complexes.serializers,
        council.forms,
        elections.forms,
        fees.forms,
        fees.serializers,
        repairs.forms,
        repairs.serializers,
        residents.forms,
        residents.petitions.forms,
        residents.petitions.serializers,
        residents.serializers,
    ]
    checked = 0
    for module in modules:
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm):
                fields = obj.base_fields.items()
            elif isinstance(obj, type) and issubclass(obj, serializers.Serializer):
                try:
                    fields = obj().fields.items()
                except Exception:
                    continue
            else:
                continue
            for name, field in fields:
                if isinstance(field, serializers.ListField):
                    field = field.child
                if isinstance(field, forms.FileField | serializers.FileField):
                    assert validate_upload in field.validators, f"{obj.__name__}.{name}"
                    checked += 1
    assert checked >= 15


def test_resident_attachment_over_the_limit_names_the_file(alpha, settings):
    from core.errors import ApplicationError
    from residents.services import validate_upload

    settings.UPLOAD_MAX_BYTES = 100
    photo = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200)
    try:
        validate_upload(photo)
    except ApplicationError as e:
        assert "'p.png' 파일이 너무 큽니다" in e.message
    else:
        raise AssertionError("an attachment over the limit was accepted")
