"""Art. 79③ (30-repairs.md precise rule 7): the certificate of reserve paid covers any months for
the office, and only the asking lessee's own tenancy for a lessee (repairs/fund/certificate.py)."""

from datetime import date

import pytest

from core.errors import ApplicationError
from repairs.fund.certificate import OFFICE, certificate_months


def test_the_office_certifies_any_months():
    assert certificate_months(start=date(2024, 1, 1), end=date(2025, 6, 1), tenancy=OFFICE) == (
        date(2024, 1, 1),
        date(2025, 6, 1),
    )


def test_a_lessee_gets_the_months_of_their_tenancy_only():
    tenancy = (date(2024, 5, 1), None)  # moved in May 2024, still living there
    assert certificate_months(start=date(2024, 1, 1), end=date(2025, 6, 1), tenancy=tenancy) == (
        date(2024, 5, 1),
        date(2025, 6, 1),
    )
    ended = (date(2024, 5, 1), date(2024, 9, 1))
    assert certificate_months(start=date(2024, 1, 1), end=date(2025, 6, 1), tenancy=ended) == (
        date(2024, 5, 1),
        date(2024, 9, 1),
    )


@pytest.mark.parametrize(
    ("start", "end", "tenancy", "message"),
    [
        (date(2025, 6, 1), date(2025, 1, 1), OFFICE, "종료월이 시작월보다"),
        (date(2025, 1, 1), date(2025, 6, 1), None, "거주 기간을 확인할 수 없습니다"),
        (
            date(2025, 1, 1),
            date(2025, 6, 1),
            (date(2024, 1, 1), date(2024, 12, 1)),
            "겹치지 않습니다",
        ),
    ],
)
def test_bad_ranges_are_refused_with_a_reason(start, end, tenancy, message):
    with pytest.raises(ApplicationError, match=message):
        certificate_months(start=start, end=end, tenancy=tenancy)
