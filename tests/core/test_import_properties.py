"""Property test (hypothesis) over the import parsers: whatever bytes or text arrive, an import
either succeeds or raises the project's validation error (ApplicationError, of which ImportFailed
is one) — never anything else (issue 12, "Hostile and careless input")."""

import contextlib
import io
import string

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from complexes.services import units_import
from core.errors import ApplicationError
from core.tabular import read_table
from fees import services as fees_services
from residents import services as residents_services

COLS = (["building", "unit", "floor", "supply_area"], ["type"])
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that looks like an import: separators, quotes, line ends of every kind, digits in every
# width, zero-width characters, NUL, huge numbers.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from([*list(',"\r\n\t ;-.'), "\x00", "\u200b", "\ufeff", "１", "동", "호"]),
        st.sampled_from(string.digits),
        st.characters(codec="utf-8"),
    ),
    max_size=300,
)
CELL = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "99999999999999999999", "1e400", "NaN", "-0", "１０１", "101\u200b"]),
)


def _only_validation_errors(call):
    try:
        with transaction.atomic():
            call()
    except ApplicationError:
        pass


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_read_table_on_arbitrary_bytes(data):
    for name in ("f.csv", "f.xlsx", "f.txt", "f.pdf"):
        with contextlib.suppress(ApplicationError):
            read_table(data, name, *COLS)


@SETTINGS
@given(text=HOSTILE)
def test_read_table_on_arbitrary_csv_text(text):
    body = "building,unit,floor,supply_area\n" + text
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            read_table(body.encode(encoding, "surrogatepass"), "f.csv", *COLS)
        except ApplicationError:
            pass
        except UnicodeEncodeError:
            pass  # a lone surrogate has no UTF-8 bytes: nothing to upload


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROWS = st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=1, max_size=6)


@SETTINGS
@given(rows=ROWS)
def test_unit_import_never_fails_with_anything_but_a_validation_error(alpha, rows):
    header = "building,unit,floor,supply_area,type"
    csv_text = header + "\n" + "\n".join(",".join(f'"{c}"' for c in r) for r in rows)
    for data, name in ((csv_text.encode("utf-8", "replace"), "u.csv"),):
        _only_validation_errors(
            lambda data=data, name=name: units_import(
                complex=alpha.complex, data=data, filename=name
            )
        )


@SETTINGS
@given(rows=ROWS)
def test_register_and_payment_imports_never_fail_otherwise(alpha, rows):
    register = "building,unit,kind,moved_in_on,name,birth_date,phone\n"
    payments = "building,unit,paid_on,amount,reference\n"
    body = "\n".join(",".join(f'"{c}"' for c in r) for r in rows)
    _only_validation_errors(
        lambda: residents_services.register_import(
            complex=alpha.complex,
            data=(register + body).encode("utf-8", "replace"),
            filename="r.csv",
            by=None,
        )
    )
    _only_validation_errors(
        lambda: fees_services.payments_import(
            complex=alpha.complex,
            data=(payments + body).encode("utf-8", "replace"),
            filename="p.csv",
        )
    )


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(CELL, max_size=5), min_size=1, max_size=4))
def test_xlsx_imports_never_fail_otherwise(alpha, rows):
    # openpyxl refuses to write some control characters: those cells cannot be in an XLSX.
    clean = [[c.replace("\x00", "") for c in r] for r in rows]
    try:
        data = _xlsx([["building", "unit", "floor", "supply_area"], *clean])
    except Exception:
        return
    _only_validation_errors(
        lambda: units_import(complex=alpha.complex, data=data, filename="u.xlsx")
    )
