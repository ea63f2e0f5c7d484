"""The unsold-month rule, written once in complexes/unsold.py (seed 004, 시행령 31조⑦): the
database form (`in_month_q`, also as a correlated subquery on bills) and the loaded-row form
(`UnsoldSpan.covers`) agree on every month around a record's start and sale."""

from datetime import date

import pytest

from complexes import unsold
from complexes.models import UnsoldUnit
from complexes.services import unsold_mark

pytestmark = pytest.mark.django_db

MONTHS = [date(2024, m, 1) for m in range(1, 13)] + [date(2025, m, 1) for m in range(1, 7)]


@pytest.mark.parametrize(
    ("since", "sold_on"),
    [
        (date(2024, 3, 1), None),
        (date(2024, 3, 20), date(2024, 8, 1)),  # sold on the 1st: August is the owner's
        (date(2024, 3, 20), date(2024, 8, 2)),  # sold after the 1st: August stays unsold
        (date(2024, 12, 31), date(2025, 1, 15)),
    ],
)
def test_both_forms_of_the_rule_agree(alpha, since, sold_on):
    """시행령 31조⑦: unsold from the month of `since` to the month of a sale after its 1st."""
    row = unsold_mark(unit=alpha.unit, developer="알파건설", since=since, sold_on=sold_on)
    span = unsold.UnsoldSpan(row.unit_id, row.developer, row.since, row.sold_on)
    lookup = unsold.unsold_lookup(complex=alpha.complex)
    for month in MONTHS:
        in_db = unsold.in_month_q(UnsoldUnit.objects.filter(pk=row.pk), month).exists()
        assert in_db == span.covers(month) == (lookup(alpha.unit.pk, month) == "알파건설"), month
        assert (alpha.unit.pk in unsold.unsold_units(complex=alpha.complex, period=month)) == in_db
    assert span.covers(date(2024, 3, 1)) == (since.replace(day=1) == date(2024, 3, 1))
    assert not span.covers(date(2024, 2, 1))


def test_marking_refuses_a_blank_developer_and_a_sale_before_the_start(alpha):
    from core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        unsold_mark(unit=alpha.unit, developer=" ", since=date(2024, 3, 1))
    with pytest.raises(ApplicationError):
        unsold_mark(
            unit=alpha.unit, developer="알파건설", since=date(2024, 3, 1), sold_on=date(2024, 2, 1)
        )
    assert not UnsoldUnit.objects.exists()


def test_the_table_did_not_move():
    """Moved from repairs to complexes in Django's state only (complexes 0004, repairs 0004)."""
    assert UnsoldUnit._meta.db_table == "repairs_unsoldunit"
    assert UnsoldUnit._meta.app_label == "complexes"
