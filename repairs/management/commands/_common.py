from django.core.management.base import CommandError

from complexes.models import Complex
from core.errors import ApplicationError


def complex_or_fail(slug: str) -> Complex:
    complex_ = Complex.objects.filter(slug=slug).first()
    if complex_ is None:
        raise CommandError(f"단지 '{slug}'이(가) 없습니다.")
    return complex_


def fail(command, error: ApplicationError):
    """Print every problem the error names, then fail with its message."""
    for row in error.extra.get("rows", []):
        where = f"{row['line']}행" + (f" {row['column']} 열" if row.get("column") else "")
        command.stderr.write(f"{where}: {row['message']}")
    for problem in error.extra.get("problems", []):
        command.stderr.write(f"- {problem}")
    raise CommandError(error.message) from error
