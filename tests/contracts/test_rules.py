"""Rules of Arts. 55–60 as services (70-procurement.md rules 1–18), boundaries and failures."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from council.contracts import renewals, rules, services
from council.contracts.models import BidRestriction, Procurement, RenewalOutcome

from .helpers import management_contract, resolution, service_contract, units

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)


def test_selecting_body_art_55():
    """Art. 55 (rule 1): the management company and reserve/defect-deposit works → council;
    영 25조①1 services paid from fees → office."""
    assert rules.selecting_body(kind="management_company", funding="fees") == "council"
    assert rules.selecting_body(kind="works", funding="reserve") == "council"
    assert rules.selecting_body(kind="works", funding="defect_deposit") == "council"
    assert rules.selecting_body(kind="service", funding="fees") == "office"


@pytest.mark.parametrize(
    "kind,amount,offered",
    [
        ("works", 99_999_999, False),
        ("works", 100_000_000, True),
        ("service", 49_999_999, False),
        ("service", 50_000_000, True),
        ("purchase", 900_000_000, False),
    ],
)
def test_residents_vote_threshold_art_56_2(kind, amount, offered):
    """Art. 56②(vote), rule 3: works ≥ 100,000,000 won, services ≥ 50,000,000 won (defaults)."""
    assert (
        rules.residents_vote_offered(
            kind=kind, amount=amount, works_threshold=100_000_000, services_threshold=50_000_000
        )
        is offered
    )


def test_method_vote_result_open_reading_2():
    assert (
        rules.method_vote_result(
            votes={"lowest": 5, "qualification": 3}, council_choice="qualification"
        )
        == "lowest"
    )
    assert (
        rules.method_vote_result(
            votes={"lowest": 3, "qualification": 3}, council_choice="qualification"
        )
        == "qualification"
    )
    assert rules.method_vote_result(votes={}, council_choice="lowest") == "lowest"


def test_publish_due_art_57_3():
    """Art. 57③ (rule 8): signing + 1 month, clamped (Jan 31 → Feb 28/29)."""
    assert rules.contract_publish_due(date(2026, 1, 31)) == date(2026, 2, 28)
    assert rules.contract_publish_due(date(2028, 1, 31)) == date(2028, 2, 29)
    assert rules.contract_publish_due(date(2026, 3, 15)) == date(2026, 4, 15)


def _procurement(c, **kw):
    values = dict(
        complex=c,
        title="외벽 도장 공사",
        kind="works",
        funding="reserve",
        estimated_amount=120_000_000,
    )
    values.update(kw)
    return services.procurement_create(**values)


def test_method_resolution_required_before_notice(alpha):
    """Art. 56① (rule 2): no bid notice before the award-method resolution."""
    p = _procurement(alpha.complex)
    with pytest.raises(ApplicationError, match="제56조①"):
        services.procurement_publish_notice(procurement=p, bid_deadline=TODAY + timedelta(days=20))
    with pytest.raises(ApplicationError, match="의결"):
        services.procurement_set_method(procurement=p, method="lowest", resolution=None)
    failed = resolution(alpha.complex, on=TODAY, yes=5, membership=10)  # 5 of 10: not a majority
    with pytest.raises(ApplicationError, match="가결"):
        services.procurement_set_method(procurement=p, method="lowest", resolution=failed)


def test_highest_bid_only_for_sales(alpha):
    """지침 7조②: 최고낙찰제 where the complex receives the money."""
    p = _procurement(alpha.complex)
    r = resolution(alpha.complex, on=TODAY, yes=6)
    with pytest.raises(ApplicationError, match="지침"):
        services.procurement_set_method(procurement=p, method="highest", resolution=r)
    sale = _procurement(alpha.complex, kind="sale_or_lease", funding="misc_income")
    assert services.procurement_set_method(procurement=sale, method="highest", resolution=r)


def test_residents_vote_refused_below_threshold(alpha):
    """Art. 56②(vote): below the threshold the vote is not offered."""
    r = resolution(alpha.complex, on=TODAY, yes=6)
    small = _procurement(alpha.complex, estimated_amount=99_999_999)
    with pytest.raises(ApplicationError, match="제56조②"):
        services.procurement_set_method(
            procurement=small, method="lowest", resolution=r, by_vote=True
        )
    big = _procurement(alpha.complex, estimated_amount=100_000_000)
    assert services.procurement_set_method(
        procurement=big, method="lowest", resolution=r, by_vote=True
    ).method_by_vote


def _noticed(c, method="lowest", kind="works", funding="reserve"):
    p = _procurement(
        c, kind=kind, funding=funding, service_category="cleaning" if kind == "service" else ""
    )
    r = resolution(c, on=TODAY - timedelta(days=30), yes=6)
    services.procurement_set_method(procurement=p, method=method, resolution=r)
    now = timezone.now() - timedelta(days=20)
    return services.procurement_publish_notice(
        procurement=p, bid_deadline=timezone.localdate(now) + timedelta(days=10), now=now
    )


def test_notice_period_enforced(alpha):
    p = _procurement(alpha.complex)
    services.procurement_set_method(
        procurement=p, method="lowest", resolution=resolution(alpha.complex, on=TODAY, yes=6)
    )
    with pytest.raises(ApplicationError, match="10일"):
        services.procurement_publish_notice(
            procurement=p, bid_deadline=timezone.localdate() + timedelta(days=9)
        )


def test_lowest_bid_award_with_tie_by_lottery(alpha):
    """Art. 56①: the lowest valid bid wins; tied prices → a recorded lottery."""
    p = _noticed(alpha.complex)
    a = services.bid_record(procurement=p, company_name="가건설", business_no="1", price=90_000_000)
    b = services.bid_record(procurement=p, company_name="나건설", business_no="2", price=90_000_000)
    services.bid_record(procurement=p, company_name="다건설", business_no="3", price=95_000_000)
    award_res = resolution(alpha.complex, on=TODAY, yes=6)
    with pytest.raises(ApplicationError, match="추첨"):
        services.procurement_award(procurement=p, resolution=award_res)
    p = services.procurement_award(
        procurement=p, resolution=award_res, lottery_winner=b, lottery_note="입찰자 입회 추첨"
    )
    assert p.award_bid_id == b.pk and p.status == "awarded"
    assert a.pk != p.award_bid_id


def test_disqualified_bid_not_lowest_and_council_resolution_required(alpha):
    p = _noticed(alpha.complex)
    cheap = services.bid_record(procurement=p, company_name="가", business_no="1", price=1)
    services.bid_record(procurement=p, company_name="나", business_no="2", price=2)
    services.bid_disqualify(bid=cheap, reason="서류 미비")
    with pytest.raises(ApplicationError, match="제55조"):
        services.procurement_award(procurement=p)  # reserve works: the council selects
    p = services.procurement_award(
        procurement=p, resolution=resolution(alpha.complex, on=TODAY, yes=6)
    )
    assert p.award_bid.company_name == "나"


def test_qualification_scoring_and_award(alpha):
    """Art. 56②(별지 9): the highest total wins."""
    p = _noticed(alpha.complex, method="qualification", kind="service", funding="fees")
    services.bid_record(
        procurement=p,
        company_name="가",
        business_no="1",
        price=1_000_000,
        credit_grade="AAA",
        record_cases=10,
        plan_mark=90,
        partner_mark=90,
    )
    services.bid_record(
        procurement=p,
        company_name="나",
        business_no="2",
        price=1_022_000,
        credit_grade="AAA",
        record_cases=10,
        plan_mark=80,
        partner_mark=80,
    )
    with pytest.raises(ApplicationError, match="채점"):
        services.procurement_award(procurement=p)
    bids = services.bids_score(procurement=p)
    assert {b.company_name: str(b.scores["price"]) for b in bids} == {"가": "30.00", "나": "27.80"}
    p = services.procurement_award(procurement=p)  # office selects fee-paid services
    assert p.award_bid.company_name == "가"


def test_award_before_deadline_refused(alpha):
    p = _procurement(alpha.complex)
    services.procurement_set_method(
        procurement=p, method="lowest", resolution=resolution(alpha.complex, on=TODAY, yes=6)
    )
    p = services.procurement_publish_notice(
        procurement=p, bid_deadline=timezone.localdate() + timedelta(days=10)
    )
    services.bid_record(procurement=p, company_name="가", business_no="1", price=10)
    with pytest.raises(ApplicationError, match="마감일"):
        services.procurement_award(
            procurement=p, resolution=resolution(alpha.complex, on=TODAY, yes=6)
        )


def test_contract_from_award_default_term_and_publication(
    alpha, django_capture_on_commit_callbacks
):
    """Art. 57② default term 2 years; 57③ masked copy keeps the company, drops identifiers."""
    p = _noticed(alpha.complex, kind="management_company", funding="fees")
    services.bid_record(
        procurement=p,
        company_name="(주)새관리",
        business_no="9",
        price=30_000_000,
        households_managed=5000,
    )
    p = services.procurement_award(
        procurement=p, resolution=resolution(alpha.complex, on=TODAY, yes=6)
    )
    c = services.contract_create(
        complex=alpha.complex,
        procurement=p,
        title="위탁관리 계약",
        counterparty="",
        signed_on=date(2026, 1, 31),
        start=date(2026, 3, 1),
        total_amount=30_000_000,
        body="대표이사 주민등록번호 800101-1234567, 연락처 010-1234-5678",
    )
    assert c.end == date(2028, 2, 29) and c.signed_by == "council"
    assert c.counterparty == "(주)새관리" and c.publish_due == date(2026, 2, 28)
    assert Procurement.objects.get(pk=p.pk).status == "contracted"
    c = services.contract_publish(contract=c)
    assert "(주)새관리" in c.masked_body and "800101-1234567" not in c.masked_body
    assert "010-1234-5678" not in c.masked_body
    with pytest.raises(ApplicationError, match="이미"):
        services.contract_publish(contract=c)


def test_contract_needs_an_end_unless_management(alpha):
    with pytest.raises(ApplicationError, match="종료일"):
        services.contract_create(
            complex=alpha.complex,
            kind="works",
            title="공사",
            counterparty="가",
            signed_on=TODAY,
            start=TODAY,
            total_amount=1,
        )
    with pytest.raises(ApplicationError, match="0원"):
        services.contract_create(
            complex=alpha.complex,
            kind="works",
            title="공사",
            counterparty="가",
            signed_on=TODAY,
            start=TODAY,
            end=TODAY,
            total_amount=0,
        )


# --- Art. 58 ---------------------------------------------------------------------------------

ITEMS = {str(k): f"{k}호 내용" for k in range(1, 9)}
END = date(2027, 3, 31)  # E − 60 = 2027-01-30


def _start(c, contract, *, resolved_on=date(2027, 1, 30), yes=6, posted=(10, 5)):
    r = resolution(c, on=resolved_on, yes=yes)
    start = resolved_on + timedelta(days=1)
    return renewals.recontract_start(
        contract=contract,
        resolution=r,
        items=ITEMS,
        posted_from=start,
        posted_until=start + timedelta(days=posted[0] - 1),
        window_from=start,
        window_until=start + timedelta(days=posted[1] - 1),
        place="관리사무소",
    )


def test_recontract_resolution_by_E_minus_60(alpha):
    """Art. 58① (rule 11): resolved ≤ E − 60 days; one day later → no private re-contract."""
    contract = management_contract(alpha.complex, end=END)
    with pytest.raises(ApplicationError, match="60일 전"):
        _start(alpha.complex, contract, resolved_on=date(2027, 1, 31))
    assert _start(alpha.complex, contract, resolved_on=date(2027, 1, 30)).households == 2


def test_recontract_resolution_needs_majority(alpha):
    contract = management_contract(alpha.complex, end=END)
    with pytest.raises(ApplicationError):
        _start(alpha.complex, contract, yes=5)


def test_recontract_posting_10_and_window_5_days(alpha):
    """Art. 58①: posted ≥ 10 days, window ≥ 5 days (calendar days, both ends)."""
    contract = management_contract(alpha.complex, end=END)
    with pytest.raises(ApplicationError, match="10일"):
        _start(alpha.complex, contract, posted=(9, 5))
    with pytest.raises(ApplicationError, match="5일"):
        _start(alpha.complex, contract, posted=(10, 4))
    assert _start(alpha.complex, contract, posted=(10, 5))


def test_recontract_notice_items_all_required(alpha):
    contract = management_contract(alpha.complex, end=END)
    r = resolution(alpha.complex, on=date(2027, 1, 2), yes=6)
    with pytest.raises(ApplicationError, match="6호") as e:
        renewals.recontract_start(
            contract=contract,
            resolution=r,
            items={**ITEMS, "6": ""},
            posted_from=date(2027, 1, 3),
            posted_until=date(2027, 1, 12),
            window_from=date(2027, 1, 3),
            window_until=date(2027, 1, 7),
            place="관리사무소",
        )
    assert e.value.extra["missing"] == ["6"]


def _with_units(alpha, n_total):
    units(alpha.building, n_total - 2, start=100)
    return management_contract(alpha.complex, end=END)


def _opinions(rc, unit_list, choice):
    for u in unit_list:
        renewals.opinion_record(
            recontract=rc, unit=u, choice=choice, signer="입주자", signed_on=rc.window_from
        )


def test_objections_boundary_one_tenth(alpha):
    """Art. 58② (rule 14): 20 households → ⌈20/10⌉ = 2 objections bar; 1 does not."""
    from complexes.models import Unit

    contract = _with_units(alpha, 20)
    rc = _start(alpha.complex, contract)
    all_units = list(Unit.objects.filter(complex=alpha.complex))
    _opinions(rc, all_units[:1], "disagree")
    assert renewals.tally(rc)["barred"] is False
    _opinions(rc, all_units[1:2], "disagree")
    t = renewals.tally(rc)
    assert t["objections"] == 2 and t["limit"] == 2 and t["barred"] is True
    after = rc.window_until + timedelta(days=1)
    rc = renewals.recontract_decide(recontract=rc, today=after)
    assert rc.outcome == RenewalOutcome.REFUSED


def test_latest_form_counts_and_window_enforced(alpha):
    """Open reading 8: a unit's latest form within the window counts; outside → refused."""
    contract = management_contract(alpha.complex, end=END)
    rc = _start(alpha.complex, contract)
    _opinions(rc, [alpha.unit], "disagree")
    _opinions(rc, [alpha.unit], "agree")
    assert renewals.tally(rc)["objections"] == 0
    with pytest.raises(ApplicationError, match="의견 제출 기간"):
        renewals.opinion_record(
            recontract=rc,
            unit=alpha.unit,
            choice="agree",
            signer="가",
            signed_on=rc.window_until + timedelta(days=1),
        )


def test_two_thirds_council_vote_boundary(alpha):
    """Art. 58② (rule 14): 3 × yes ≥ 2 × membership — 10 members: 6 refused, 7 renews."""
    from complexes.models import Unit

    contract = _with_units(alpha, 20)
    rc = _start(alpha.complex, contract)
    _opinions(rc, list(Unit.objects.filter(complex=alpha.complex))[:1], "disagree")
    after = rc.window_until + timedelta(days=1)
    with pytest.raises(ApplicationError, match=r"의결이 (가결|필요)"):
        renewals.recontract_decide(recontract=rc, today=after)
    six = resolution(alpha.complex, on=after, yes=6, passed=True)
    with pytest.raises(ApplicationError, match="3분의 2"):
        renewals.recontract_decide(recontract=rc, approval_resolution=six, today=after)
    seven = resolution(alpha.complex, on=after, yes=7)
    rc = renewals.recontract_decide(recontract=rc, approval_resolution=seven, today=after)
    assert rc.outcome == RenewalOutcome.RENEWED


def test_decide_before_window_closes_refused(alpha):
    contract = management_contract(alpha.complex, end=END)
    rc = _start(alpha.complex, contract)
    with pytest.raises(ApplicationError, match="끝난 뒤"):
        renewals.recontract_decide(recontract=rc, today=rc.window_until)


def test_replacement_majority_bars_company_art_60_1(alpha):
    """Art. 60① (rule 14): 부동의 + other written demands > N/2 → must bar (10 of 20 is not)."""
    from complexes.models import Unit

    contract = _with_units(alpha, 20)
    rc = _start(alpha.complex, contract)
    _opinions(rc, list(Unit.objects.filter(complex=alpha.complex))[:4], "disagree")
    after = rc.window_until + timedelta(days=1)
    assert renewals.tally(rc)["replacement"] is False
    rc.other_demands = 6
    assert renewals.tally(rc)["replacement"] is False  # 10 of 20: not more than half
    rc = renewals.recontract_decide(recontract=rc, other_demands=7, today=after)
    assert rc.outcome == RenewalOutcome.BARRED
    assert BidRestriction.objects.filter(complex=alpha.complex, basis="60_1").count() == 1
    # the barred company cannot bid in the next tender
    p = _noticed(alpha.complex, kind="management_company", funding="fees")
    with pytest.raises(ApplicationError, match="제60조"):
        services.bid_record(
            procurement=p,
            company_name="(주)한빛관리",
            business_no="123-45-67890",
            price=1,
            households_managed=100,
        )


def test_recontract_only_management_contracts(alpha):
    c = service_contract(alpha.complex, end=END)
    with pytest.raises(ApplicationError, match="주택관리업자"):
        _start(alpha.complex, c)


# --- Art. 59 ---------------------------------------------------------------------------------


def _scores(template, off=0):
    from council.contracts.evaluation import TEMPLATES

    out = {}
    for code, _, m in TEMPLATES[template]:
        take = min(off, m)
        out[code] = m - take
        off -= take
    return out


def test_evaluation_by_E_minus_45(alpha):
    """Art. 59① (rule 16): 별지 10 by E − 45 days; one day later refused."""
    c = service_contract(alpha.complex, end=END)  # E − 45 = 2027-02-14
    sheets = [{"name": "관리사무소장", "role": "관리사무소장", "scores": _scores("cleaning")}]
    with pytest.raises(ApplicationError, match="45일 전"):
        renewals.evaluation_record(
            contract=c, template="cleaning", sheets=sheets, evaluated_on=date(2027, 2, 15)
        )
    ev = renewals.evaluation_record(
        contract=c, template="cleaning", sheets=sheets, evaluated_on=date(2027, 2, 14)
    )
    assert ev.score == 100


def test_evaluation_80_boundary_and_majority(alpha):
    """Art. 59①: 80 → eligible, council majority approves; 79.67 → competitive bidding."""
    c = service_contract(alpha.complex, end=END)
    sheets = [{"name": n, "scores": _scores("cleaning", 20)} for n in ("가", "나", "다")]
    ev = renewals.evaluation_record(
        contract=c, template="cleaning", sheets=sheets, evaluated_on=date(2027, 1, 5)
    )
    assert ev.score == 80
    with pytest.raises(ApplicationError):
        renewals.evaluation_decide(
            evaluation_obj=ev, resolution=resolution(alpha.complex, on=date(2027, 1, 6), yes=5)
        )
    ev = renewals.evaluation_decide(
        evaluation_obj=ev, resolution=resolution(alpha.complex, on=date(2027, 1, 6), yes=6)
    )
    assert ev.outcome == RenewalOutcome.RENEWED

    c2 = service_contract(alpha.complex, end=END)
    sheets[2] = {"name": "다", "scores": _scores("cleaning", 21)}
    ev2 = renewals.evaluation_record(
        contract=c2, template="cleaning", sheets=sheets, evaluated_on=date(2027, 1, 5)
    )
    assert ev2.score_exact == "239/3"
    assert renewals.evaluation_decide(evaluation_obj=ev2).outcome == RenewalOutcome.REFUSED


def test_sanctioned_contractor_never_renewed(alpha):
    """Art. 59 비고 2 (rule 17): a sanction during the term bars the re-contract at any score."""
    c = service_contract(alpha.complex, end=END)
    ev = renewals.evaluation_record(
        contract=c,
        template="cleaning",
        evaluated_on=date(2027, 1, 5),
        sheets=[{"name": "가", "scores": _scores("cleaning")}],
        sanctioned=True,
    )
    assert renewals.evaluation_decide(evaluation_obj=ev).outcome == RenewalOutcome.REFUSED


def test_works_contractor_never_evaluated(alpha):
    """Art. 59① (rule 15): never works contractors."""
    c = services.contract_create(
        complex=alpha.complex,
        kind="works",
        title="공사",
        counterparty="가",
        signed_on=TODAY,
        start=TODAY,
        end=END,
        total_amount=1,
    )
    with pytest.raises(ApplicationError, match="공사업자 제외"):
        renewals.evaluation_record(
            contract=c,
            template="cleaning",
            evaluated_on=TODAY,
            sheets=[{"name": "가", "scores": _scores("cleaning")}],
        )


def test_service_restriction_art_60_2(alpha):
    """Art. 60② (rule 18): a majority of all households (2 units: 2 needed, 1 is not)."""
    c = service_contract(alpha.complex, end=END)
    with pytest.raises(ApplicationError, match="과반수"):
        renewals.restriction_record(contract=c, demanding_units=1)
    assert renewals.restriction_record(contract=c, demanding_units=2).basis == "60_2"


def test_residents_vote_decides_the_method(alpha):
    """Art. 56②(vote), open reading 2: more votes wins; a tie leaves the council's choice."""
    r = resolution(alpha.complex, on=TODAY, yes=6)
    p = _procurement(alpha.complex, estimated_amount=100_000_000)
    p = services.procurement_set_method(
        procurement=p, method="qualification", resolution=r, by_vote=True,
        votes={"lowest": 210, "qualification": 180},
    )  # fmt: skip
    assert p.award_method == "lowest" and p.method_votes == {"lowest": 210, "qualification": 180}
    tie = _procurement(alpha.complex, estimated_amount=100_000_000)
    tie = services.procurement_set_method(
        procurement=tie, method="qualification", resolution=r, by_vote=True,
        votes={"lowest": 5, "qualification": 5},
    )  # fmt: skip
    assert tie.award_method == "qualification"
    bad = _procurement(alpha.complex, estimated_amount=100_000_000)
    with pytest.raises(ApplicationError, match="투표 결과"):
        services.procurement_set_method(
            procurement=bad, method="lowest", resolution=r, by_vote=True, votes={"highest": 3}
        )
