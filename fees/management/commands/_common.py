from pathlib import Path

from django.core.management.base import CommandError

from complexes.models import Complex
from core.errors import ApplicationError
from core.tabular import ImportFailed


def get_complex(slug):
    complex_ = Complex.objects.filter(slug=slug).first()
    if complex_ is None:
        raise CommandError(f"단지를 찾을 수 없습니다: {slug}")
    return complex_


def read_file(path):
    p = Path(path)
    if not p.exists():
        raise CommandError(f"파일이 없습니다: {path}")
    return p.read_bytes(), p.name


def fail(e: ApplicationError):
    lines = [e.message]
    if isinstance(e, ImportFailed):
        lines += [f"  {err}" for err in e.errors]
    for p in e.extra.get("problems", []):
        lines.append(
            f"  - {p['message']}" + (f" ({', '.join(p['units'][:10])})" if p.get("units") else "")
        )
    raise CommandError("\n".join(lines))
