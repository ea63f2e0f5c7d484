"""Groups' spending and reports (Art. 39③; 별첨 5 §11–12): receipts of the three kinds, spending
reported to the council first, the monthly statement due the 5th of the next month, the yearly
settlement with the council's audit opinion within a month of the fiscal year's end."""

from datetime import date

import pytest

from core.errors import ApplicationError
from residents.community.groups_models import MemberKind, ReportKind
from residents.community.services import groups
from tests.factories import UnitFactory


@pytest.fixture
def group(alpha):
    members = [
        {"name": f"회원{i}", "unit": UnitFactory(building=alpha.building), "kind": MemberKind.RESIDENT,
         "is_representative": i == 0}
        for i in range(10)
    ]  # fmt: skip
    g = groups.group_file(
        complex=alpha.complex, by=alpha.owner, name="텃밭", purpose="p", formed_on=date(2026, 1, 1),
        main_activities="a", members=members,
    )  # fmt: skip
    return groups.group_decide(group=g, approve=True, resolution="제1호", by=alpha.council)


def spend(group, by, day, amount, **kw):
    values = dict(
        spent_on=day, amount=amount, item="모종", receipt_kind="card", reported_before=True
    )
    values.update(kw)
    return groups.expense_record(group=group, by=by, **values)


def test_expense_rules(alpha, group):
    with pytest.raises(ApplicationError, match="§11②"):
        spend(group, alpha.manager, date(2026, 4, 3), 10_000, reported_before=False)
    with pytest.raises(ApplicationError, match="증빙"):
        spend(group, alpha.manager, date(2026, 4, 3), 10_000, receipt_kind="memo")
    with pytest.raises(ApplicationError, match="1원 이상"):
        spend(group, alpha.manager, date(2026, 4, 3), 0)


def test_monthly_statement_due_the_fifth(alpha, group):
    spend(group, alpha.manager, date(2026, 4, 3), 10_000)
    spend(group, alpha.manager, date(2026, 4, 30), 25_000)
    spend(group, alpha.manager, date(2026, 5, 1), 99_000)
    assert groups.monthly_due(date(2026, 4, 1)) == date(2026, 5, 5)
    with pytest.raises(ApplicationError, match="끝난 뒤"):
        groups.report_publish(group=group, kind=ReportKind.MONTHLY, period=date(2026, 4, 1), by=alpha.manager,
                              on=date(2026, 4, 30))  # fmt: skip
    r = groups.report_publish(
        group=group,
        kind=ReportKind.MONTHLY,
        period=date(2026, 4, 15),
        by=alpha.manager,
        on=date(2026, 5, 6),
    )
    assert r.total == 35_000 and r.period == date(2026, 4, 1) and r.late
    with pytest.raises(ApplicationError, match="이미 공개"):
        groups.report_publish(group=group, kind=ReportKind.MONTHLY, period=date(2026, 4, 1), by=alpha.manager,
                              on=date(2026, 5, 7))  # fmt: skip


def test_yearly_settlement_needs_audit_opinion(alpha, group):
    spend(group, alpha.manager, date(2026, 4, 3), 10_000)
    spend(group, alpha.manager, date(2025, 12, 31), 7_000)  # previous fiscal year
    assert groups.yearly_due(date(2026, 12, 31)) == date(2027, 1, 31)
    with pytest.raises(ApplicationError, match="감사 의견"):
        groups.report_publish(group=group, kind=ReportKind.YEARLY, period=date(2026, 12, 31), by=alpha.council,
                              on=date(2027, 1, 20))  # fmt: skip
    r = groups.report_publish(
        group=group, kind=ReportKind.YEARLY, period=date(2026, 12, 31), by=alpha.council,
        audit_opinion="적정", on=date(2027, 1, 20),
    )  # fmt: skip
    assert r.total == 10_000 and not r.late


def test_office_records_expense_and_publishes_through_the_page(alpha, group, as_user):
    from django.urls import reverse

    act = reverse("residents:group_funding_act", args=["alpha", group.pk])
    data = {"action": "expense", "spent_on": "2026-04-03", "item": "모종", "amount": "12,000",
            "receipt_kind": "cash", "reported_before": "on"}  # fmt: skip
    assert as_user(alpha.owner).post(act, data).status_code == 403
    as_user(alpha.manager).post(act, data)
    assert group.expenses.get().amount == 12_000
    as_user(alpha.council).post(
        act, {"action": "report", "kind": "monthly", "period": "2026-04-01"}
    )
    page = (
        as_user(alpha.lessee)
        .get(reverse("residents:group_detail", args=["alpha", group.pk]))
        .content.decode()
    )
    assert "12,000원" in page and "모종" not in page  # residents see the statement, not the books
