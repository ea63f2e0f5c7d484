"""Usage plans (별지 12) through the API: approve with the council's resolution (Art. 79②: before
the bidding notice), record the contract (its publication due within 1 month, 제57조③) and the
spending with a document (kept permanently, Art. 64①13–15) — the pages' services and errors;
office only, another complex's plan 404, a wrong role 403."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import ApplicationError
from disclosure.models import Publication
from repairs.fund.ledger import ledger_totals
from repairs.models import UsagePlan, UsagePlanStatus
from repairs.services import usage_plan_approve, usage_plan_contract, usage_plan_create
from tests.repairs.helpers import plan_alpha, resolution

pytestmark = pytest.mark.django_db


def base(tenant, plan):
    return f"/api/v1/complexes/{tenant.complex.slug}/reserve/usage-plans/{plan.pk}/"


def _plan(tenant):
    plan_alpha(tenant.complex)
    return usage_plan_create(complex=tenant.complex, title="외벽 도장", estimated_amount=9_000_000)


def test_api_approve_contract_spend_flow(alpha, api, django_capture_on_commit_callbacks):
    """Art. 79②: resolution → contract → spending; the spending is paid from the reserve."""
    plan = _plan(alpha)
    res = resolution(alpha.complex)
    api.force_authenticate(alpha.manager)
    url = base(alpha, plan)

    r = api.post(url + "approve/", {"resolution": res.pk}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "approved" and r.json()["resolution"] == res.pk

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        r = api.post(
            url + "contract/",
            {"contractor": "한빛도장(주)", "amount": 8_500_000, "contracted_on": str(today)},
            format="json",
        )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "contracted" and r.json()["contract_amount"] == 8_500_000

    before = ledger_totals(complex=alpha.complex).balance
    r = api.post(
        url + "spending/",
        {
            "entry_date": str(today),
            "amount": "8500000",
            "memo": "도장 공사 대금",
            "final": "true",
            "file": SimpleUploadedFile("after.jpg", b"JPEG"),
            "document_kind": "photo_after",
            "caption": "공사 후",
        },
        format="multipart",
    )
    assert r.status_code == 201, r.content
    assert r.json()["kind"] == "spending" and r.json()["amount"] == 8_500_000
    assert [d["kind"] for d in r.json()["documents"]] == ["photo_after"]
    plan.refresh_from_db()
    assert plan.status == UsagePlanStatus.EXECUTED
    assert plan.documents.get().file.read() == b"JPEG"
    assert ledger_totals(complex=alpha.complex).balance == before - 8_500_000


def test_api_errors_are_the_services(alpha, beta, api):
    """The same rules as the pages: a failed resolution or another complex's cannot approve;
    no contract before approval (Art. 79②); a contract dated before the resolution is refused;
    no spending before the contract."""
    plan = _plan(alpha)
    url = base(alpha, plan)
    api.force_authenticate(alpha.manager)

    r = api.post(
        url + "contract/",
        {"contractor": "x", "amount": 1, "contracted_on": "2026-01-01"},
        format="json",
    )
    assert r.status_code == 400 and "의결을 거친" in r.json()["message"]

    failed = resolution(alpha.complex, passed=False)
    r = api.post(url + "approve/", {"resolution": failed.pk}, format="json")
    assert r.status_code == 400 and "가결되어 효력이 있는 의결이 아닙니다" in r.json()["message"]

    theirs = resolution(beta.complex)
    r = api.post(url + "approve/", {"resolution": theirs.pk}, format="json")
    assert r.status_code == 400 and "resolution" in r.json()["extra"]["fields"]

    r = api.post(url + "spending/", {"entry_date": "2026-01-01", "amount": 5}, format="multipart")
    assert r.status_code == 400 and "계약이 기록된" in r.json()["message"]

    res = resolution(alpha.complex)
    assert api.post(url + "approve/", {"resolution": res.pk}, format="json").status_code == 200
    r = api.post(url + "approve/", {"resolution": res.pk}, format="json")
    assert r.status_code == 400 and "작성 중인" in r.json()["message"]
    decided = timezone.localtime(res.decided_at).date()
    r = api.post(
        url + "contract/",
        {"contractor": "x", "amount": 1, "contracted_on": str(decided - timedelta(days=1))},
        format="json",
    )
    assert r.status_code == 400 and "의결보다 빠를 수 없습니다" in r.json()["message"]
    assert UsagePlan.objects.get(pk=plan.pk).status == UsagePlanStatus.APPROVED


def test_api_spending_with_a_bad_document_records_nothing(alpha, api, settings):
    """Spending and its document are one record: a bad document (over the upload limit,
    core/uploads.py) leaves neither."""
    settings.UPLOAD_MAX_BYTES = 1000
    plan = _plan(alpha)
    usage_plan_approve(usage_plan=plan, resolution=resolution(alpha.complex))
    usage_plan_contract(
        usage_plan=plan, contractor="x", amount=100, contracted_on=timezone.localdate()
    )
    api.force_authenticate(alpha.manager)
    big = SimpleUploadedFile("big.pdf", b"x" * 2000)
    r = api.post(
        base(alpha, plan) + "spending/",
        {"entry_date": "2026-01-01", "amount": 100, "file": big},
        format="multipart",
    )
    assert r.status_code == 400 and "'big.pdf' 파일이 너무 큽니다" in str(r.json())
    assert not plan.entries.exists() and not plan.documents.exists()


def test_api_actions_office_only_outsider_404(alpha, beta, outsider, api):
    plan = _plan(alpha)
    res = resolution(alpha.complex)
    url = base(alpha, plan)
    for user in (alpha.council, alpha.owner, alpha.lessee, alpha.committee):
        api.force_authenticate(user)
        assert api.post(url + "approve/", {"resolution": res.pk}, format="json").status_code == 403
        assert api.post(url + "contract/", {}, format="json").status_code == 403
        assert api.post(url + "spending/", {}, format="multipart").status_code == 403
    for user in (outsider, beta.manager):
        api.force_authenticate(user)
        assert api.post(url + "approve/", {"resolution": res.pk}, format="json").status_code == 404
    # beta's manager under beta's own slug with alpha's plan id: 404, nothing changes
    api.force_authenticate(beta.manager)
    r = api.post(base(beta, plan) + "approve/", {"resolution": res.pk}, format="json")
    assert r.status_code == 404
    assert UsagePlan.objects.get(pk=plan.pk).status == UsagePlanStatus.DRAFT


def test_contract_publication_recorded_due_in_a_month(alpha, django_capture_on_commit_callbacks):
    """제57조③ (60-disclosure.md): a contract is published within 1 month of signing; recording
    the usage plan's contract records the expected publication in the registry, once."""
    plan = _plan(alpha)
    usage_plan_approve(usage_plan=plan, resolution=resolution(alpha.complex))
    signed = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        usage_plan_contract(
            usage_plan=plan, contractor="한빛도장(주)", amount=8_500_000, contracted_on=signed
        )
    pub = Publication.objects.get(complex=alpha.complex, duty="contract")
    assert pub.source_id == plan.pk and pub.event_on == signed
    from disclosure.duties import due_on

    assert pub.due_on == due_on("contract", signed)
    assert pub.published_at is None  # expected: the office publishes it
    assert "외벽 도장" in pub.title and "8,500,000원" in pub.body


def test_contract_publication_not_recorded_when_refused(alpha, django_capture_on_commit_callbacks):
    plan = _plan(alpha)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        usage_plan_contract(
            usage_plan=plan, contractor="x", amount=1, contracted_on=date(2026, 1, 1)
        )
    assert not Publication.objects.filter(complex=alpha.complex, duty="contract").exists()
