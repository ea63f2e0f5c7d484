"""Writes of the disclosure app. Every publication is recorded through ONE call:

    publication_record(complex=c, duty="council_minutes", source_object=minutes,
                       title="제12차 정기회의 회의록", event_on=received_on,
                       published_at=timezone.now(), body=text)

made by disclosure itself — its subscribers to the other apps' hooks (integrations.py,
core/hooks.py), its pages and tasks. The other apps never import disclosure.

`published_at=None` records the obligation only (it then shows as pending, and as missing once
its due date has passed). Calling again for the same source updates the entry (idempotent).
"""

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.errors import ApplicationError
from core.masking import identifiers_found, mask
from core.models import User
from council.models import Representative
from elections.models import Candidate, CommitteeMember, Recall
from fees.items import item_name
from fees.models import Bill, BillingRun, RunStatus
from fees.services import misc_income_record
from residents.models import Occupancy

from . import comparison
from .anomalies import fee_flag
from .duties import DUTIES, Status, add_months, due_on, status_of
from .models import (
    ComparisonProfile,
    DisclosureSettings,
    FeeSummary,
    Publication,
    RecordRequest,
    RequestKind,
    RequestStatus,
)

TOTAL = "total"  # the FeeSummary item holding the sum of all items of a month


def today() -> date:
    return timezone.localdate()


def parse_period(text: str) -> date:
    """'2026-09' → date(2026, 9, 1)."""
    try:
        year, month = (int(x) for x in text.split("-"))
        return date(year, month, 1)
    except ValueError as e:
        raise ApplicationError("월은 YYYY-MM 형식으로 적어 주세요.", {"field": "period"}) from e


def settings_for(complex) -> DisclosureSettings:
    obj, _ = DisclosureSettings.objects.get_or_create(complex=complex)
    return obj


def complex_names(complex) -> list[str]:
    """Names of people of the complex, masked wherever they appear in published text."""
    names = set(
        User.objects.filter(memberships__complex=complex)
        .exclude(name="")
        .values_list("name", flat=True)
    )
    for name, owner in Occupancy.objects.filter(complex=complex).values_list("name", "owner_name"):
        names.update(n for n in (name, owner) if n)
    names.update(Representative.objects.filter(complex=complex).values_list("name", flat=True))
    names.update(_election_names(complex))
    return sorted(names)


def _election_names(complex) -> set[str]:
    """Committee members, candidates (and their delegating owners) and recall subjects."""
    names = set(CommitteeMember.objects.filter(complex=complex).values_list("name", flat=True))
    for name, owner in Candidate.objects.filter(complex=complex).values_list("name", "owner_name"):
        names.update((name, owner))
    names.update(Recall.objects.filter(complex=complex).values_list("subject_name", flat=True))
    return {n for n in names if n}


def _local_date(moment) -> date | None:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def _status(p: Publication, on: date | None = None) -> str:
    return status_of(
        duty=p.duty,
        due=p.due_on,
        published_on=_local_date(p.published_at),
        posted_until=p.posted_until,
        today=on or today(),
    )


def _source_key(source_object):
    if source_object is None:
        return "", None
    return source_object._meta.label, source_object.pk


@transaction.atomic
def publication_record(
    *,
    complex,
    duty: str,
    source_object=None,
    published_at,
    title: str = "",
    event_on: date | None = None,
    period: date | None = None,
    body: str = "",
    source_url: str = "",
    posted_until: date | None = None,
    due: date | None = None,
    by=None,
) -> Publication:
    """Record (or update) a publication of `duty` by `complex`. `event_on` is the day the deadline
    counts from (meeting day for notices, receipt day for minutes, signing day for contracts; for
    monthly/yearly items any day of the `period`). The body is masked before it is stored
    (제64조③ proviso, 제57조③). The first publication time is kept when called again."""
    if duty not in DUTIES:
        raise ApplicationError(f"알 수 없는 공개 항목입니다: {duty}")
    if period is not None:
        period = (
            period.replace(day=1) if DUTIES[duty].periodic != "yearly" else date(period.year, 1, 1)
        )
    event_on = event_on or period or _local_date(published_at) or today()
    label, source_id = _source_key(source_object)
    lookup = {"complex": complex, "duty": duty}
    if source_id is not None:
        lookup.update(source_label=label, source_id=source_id)
    elif period is not None:
        lookup.update(period=period, source_id=None)
    else:
        lookup = None
    pub = Publication.objects.select_for_update().filter(**lookup).first() if lookup else None
    if pub is None:
        pub = Publication(
            complex=complex, duty=duty, source_label=label, source_id=source_id, created_by=by
        )
    names = complex_names(complex)
    pub.title = mask(title, names) or pub.title or DUTIES[duty].name
    if body:
        pub.body = mask(body, names)
    pub.period = period if period is not None else pub.period
    pub.event_on = event_on
    # `due` when the caller holds the deadline itself (a statutory notice with its 게시 기한)
    pub.due_on = due or due_on(duty, event_on)
    if published_at is not None and (pub.published_at is None or published_at < pub.published_at):
        pub.published_at = published_at
    pub.source_url = source_url or pub.source_url
    pub.posted_until = posted_until or pub.posted_until
    pub.status = _status(pub)
    pub.save()
    return pub


def publication_manual(
    *,
    complex,
    duty: str,
    title: str,
    body: str,
    event_on: date,
    masking_confirmed: bool,
    by,
    posted_until: date | None = None,
) -> Publication:
    """The office publishes a document by hand. Identifiers (names, resident registration and
    phone numbers, unit numbers) are looked for first; when any are found the office must confirm
    the masked version before it goes out (제64조③ proviso, 제57조③)."""
    if not title.strip():
        raise ApplicationError("제목을 입력해 주세요.", {"field": "title"})
    found = identifiers_found(f"{title}\n{body}", complex_names(complex))
    if found and not masking_confirmed:
        raise ApplicationError(
            "개인정보로 보이는 내용이 있습니다. 가린 내용을 확인한 뒤 공개해 주세요.",
            {"field": "masking_confirmed", "found": found},
        )
    return publication_record(
        complex=complex,
        duty=duty,
        title=title.strip(),
        body=body,
        event_on=event_on,
        published_at=timezone.now(),
        posted_until=posted_until,
        by=by,
    )


@transaction.atomic
def publication_publish(
    *, publication: Publication, body: str = "", by=None, at=None
) -> Publication:
    """Publish an entry that was only expected (e.g. a month's misc income)."""
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if pub.published_at is not None:
        raise ApplicationError("이미 공개된 항목입니다.")
    if body:
        pub.body = mask(body, complex_names(pub.complex))
    pub.published_at = at or timezone.now()
    pub.status = _status(pub)
    pub.save()
    return pub


def publication_take_down(*, publication: Publication, on: date) -> Publication:
    """Record the last day a notice stayed on the board (제64조④: sanctions at least 5 days)."""
    if publication.published_at is None:
        raise ApplicationError("공개되지 않은 항목입니다.")
    if on < _local_date(publication.published_at):
        raise ApplicationError(
            "게시 종료일이 공개일보다 앞설 수 없습니다.", {"field": "posted_until"}
        )
    publication.posted_until = on
    publication.status = _status(publication)
    publication.save(update_fields=["posted_until", "status"])
    return publication


def statuses_refresh(*, on: date | None = None) -> int:
    """The daily due computation: a pending entry whose due date has passed becomes missing."""
    on = on or today()
    return Publication.objects.filter(
        status=Status.PENDING, published_at__isnull=True, due_on__lt=on
    ).update(status=Status.MISSING)


def periodic_duties_expect(*, complex, on: date | None = None) -> int:
    """Expect last month's monthly items (fees, misc income, operating costs: due the end of this
    month) and last year's yearly items (제79조① reserve status: due March 31). Idempotent."""
    on = on or today()
    last_month = add_months(on.replace(day=1), -1)
    created = 0
    for duty in DUTIES.values():
        if duty.periodic == "monthly":
            period = last_month
        elif duty.periodic == "yearly":
            period = date(on.year - 1, 1, 1)
        else:
            continue
        exists = Publication.objects.filter(complex=complex, duty=duty.code, period=period).exists()
        if not exists:
            label = f"{period.year}년" if duty.periodic == "yearly" else f"{period:%Y년 %-m월}"
            publication_record(
                complex=complex,
                duty=duty.code,
                period=period,
                title=f"{label} {duty.name}",
                published_at=None,
            )
            created += 1
    return created


# --- fee summaries and comparison ------------------------------------------------------------


def profile_refresh(*, complex, households: int | None = None, area: Decimal | None = None):
    """The complex's comparison attributes; households and area from its units unless given."""
    from complexes.models import Unit

    if households is None or area is None:
        units = Unit.objects.filter(complex=complex)
        households = units.count()
        area = units.aggregate(a=Sum("supply_area"))["a"] or Decimal(0)
    this_year = today().year
    fees_version_bump()
    ComparisonProfile.objects.update_or_create(
        complex=complex,
        defaults={
            "city": complex.city,
            "district_code": complex.district_code,
            "heating_type": complex.heating_type,
            "households": households,
            "area": area,
            "approved_year": complex.approved_on.year,
            "size_band": comparison.size_band(households),
            "age_band": comparison.age_band(complex.approved_on.year, this_year),
        },
    )


FEES_VERSION_KEY = "disclosure:fees-version"


def fees_version() -> int:
    """Bumped whenever fee summaries change; cached comparisons carry it in their key."""
    return cache.get_or_set(FEES_VERSION_KEY, 1, None)


def _bump() -> None:
    try:
        cache.incr(FEES_VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(FEES_VERSION_KEY, 2, None)


def fees_version_bump() -> None:
    """Now (so nothing cached before this change is served after it) and again on commit (so
    nothing computed from the data as it was before the commit outlives it)."""
    _bump()
    transaction.on_commit(_bump)


def per_m2(total: int, area: Decimal) -> Decimal:
    return (Decimal(total) / area).quantize(Decimal("0.01"), ROUND_HALF_UP) if area else Decimal(0)


@transaction.atomic
def fee_summaries_store(*, complex, period: date, totals: dict, area: Decimal) -> list[FeeSummary]:
    """Store a month's totals per item (and their sum as item "total") with per-m² figures and the
    anomaly flags (≥ 10% m/m, ≥ 7% y/y); reasons already given for an unchanged flag are kept."""
    period = period.replace(day=1)
    totals = {k: int(v) for k, v in totals.items() if v}
    totals[TOTAL] = sum(totals.values())
    before = {
        (s.period, s.item): s
        for s in FeeSummary.objects.filter(
            complex=complex,
            period__in=[period, add_months(period, -1), add_months(period, -12)],
        )
    }
    rows = []
    for item, total in totals.items():
        prev_m = before.get((add_months(period, -1), item))
        prev_y = before.get((add_months(period, -12), item))
        flag = fee_flag(total, prev_m and prev_m.total, prev_y and prev_y.total)
        old = before.get((period, item))
        reason = old.reason if old and old.flag == flag else ""
        rows.append(
            FeeSummary(
                complex=complex,
                period=period,
                item=item,
                total=total,
                per_m2=per_m2(total, area),
                flag=flag,
                reason=reason,
            )
        )
    FeeSummary.objects.filter(complex=complex, period=period).delete()
    created = FeeSummary.objects.bulk_create(rows)
    fees_version_bump()
    return created


@transaction.atomic
def fee_summary_refresh(*, complex, period: date) -> list[FeeSummary]:
    """Fill the month's summaries from fees' issued billing run (disclosure's
    subscriber to the hook `fees.run_issued` enqueues `tasks.fee_summary_refresh` once the
    run's issue has committed), and publish the month's fee breakdown (제64조③2, 제78조③) — at once when no item
    moved unusually, otherwise once the office has given the reasons (fee_month_publish)."""
    run = BillingRun.objects.filter(complex=complex, period=period, status=RunStatus.ISSUED).first()
    if run is None:
        return []
    area = Bill.objects.filter(run=run).aggregate(a=Sum("supply_area"))["a"] or Decimal(0)
    profile_refresh(complex=complex)
    rows = fee_summaries_store(complex=complex, period=period, totals=run.totals, area=area)
    _fee_month_autopublish(complex, period)
    return rows


def _fee_month_autopublish(complex, period):
    pub = fee_month_expect(complex=complex, period=period)
    if pub.published_at is None and not fee_month_unexplained(complex=complex, period=period):
        fee_month_publish(complex=complex, period=period)


def fee_month_expect(*, complex, period: date) -> Publication:
    return publication_record(
        complex=complex,
        duty="fee_breakdown",
        period=period,
        title=f"{period:%Y년 %-m월} 관리비 부과명세",
        published_at=None,
    )


def fee_month_unexplained(*, complex, period: date) -> list[FeeSummary]:
    return list(
        FeeSummary.objects.filter(complex=complex, period=period.replace(day=1), reason="").exclude(
            flag=""
        )
    )


def fee_reason_set(*, complex, period: date, item: str, reason: str) -> FeeSummary:
    """The office's explanation of an unusual move, published with the figure."""
    row = FeeSummary.objects.filter(
        complex=complex, period=period.replace(day=1), item=item
    ).first()
    if row is None:
        raise ApplicationError("해당 월의 비목이 없습니다.")
    if row.flag and not reason.strip():
        raise ApplicationError(f"{row.flag} 변동의 사유를 적어 주세요.", {"field": "reason"})
    row.reason = mask(reason.strip(), complex_names(complex))  # published with the figure
    row.save(update_fields=["reason"])
    fees_version_bump()
    return row


def fee_month_publish(*, complex, period: date, by=None, at=None) -> Publication:
    """Publish a month's fee breakdown; refused while an unusual move has no reason."""
    period = period.replace(day=1)
    if not FeeSummary.objects.filter(complex=complex, period=period).exists():
        raise ApplicationError(f"{period:%Y-%m}의 발행된 관리비가 없습니다.")
    missing = fee_month_unexplained(complex=complex, period=period)
    if missing:
        raise ApplicationError(
            "변동 폭이 큰 비목의 사유를 먼저 적어 주세요 (전월 대비 10% 이상 또는 전년 동월 대비 7% 이상).",
            {"items": [f"{_item_name(r.item)}: {r.flag}" for r in missing]},
        )
    fee_month_expect(complex=complex, period=period)
    return publication_record(
        complex=complex,
        duty="fee_breakdown",
        period=period,
        published_at=at or timezone.now(),
        by=by,
    )


def _item_name(code: str) -> str:
    if code == TOTAL:
        return "관리비 총액"
    try:
        return item_name(code)
    except KeyError:
        return code


# --- record inspection and copy requests (제64조②) ---------------------------------------------


def record_request_file(
    *, complex, requester, kind: str, record_kind: str, record: str, colour: bool = False
) -> RecordRequest:
    """제64조②: one record per request, in writing. Documents already disclosed on the portal
    (K-apt / 통합정보마당) are excluded — the resident is pointed to them instead."""
    record = record.strip()
    if not record:
        raise ApplicationError("요청할 자료를 한 건 적어 주세요.", {"field": "record"})
    posted = Publication.objects.filter(
        complex=complex, published_at__isnull=False, title__iexact=record
    ).first()
    if posted:
        raise ApplicationError(
            f"'{posted.title}'은(는) 이미 공개된 자료라 열람·복사 대상이 아닙니다 (제64조② 단서). 공개 페이지에서 보실 수 있습니다.",
            {"field": "record", "publication": posted.pk},
        )
    return RecordRequest.objects.create(
        complex=complex,
        requester=requester,
        kind=kind,
        record_kind=record_kind,
        record=record,
        colour=colour and kind == RequestKind.COPY,
    )


def _lock_request(req) -> RecordRequest:
    return RecordRequest.objects.select_for_update().get(pk=req.pk)


@transaction.atomic
def record_request_quote(*, request: RecordRequest, pages: int) -> RecordRequest:
    """The office counts the pages of a copy request; the fee is pages × the per-page fee
    (제64조②2: 장당 흑백 〇원, 칼라 〇원 — per-complex settings)."""
    req = _lock_request(request)
    if req.kind != RequestKind.COPY or req.status != RequestStatus.REQUESTED:
        raise ApplicationError("수수료를 정할 수 없는 요청입니다.")
    if pages < 1:
        raise ApplicationError("매수는 1 이상이어야 합니다.", {"field": "pages"})
    s = settings_for(req.complex)
    req.pages = pages
    req.fee = pages * (s.copy_fee_colour if req.colour else s.copy_fee_bw)
    req.status = RequestStatus.FEE_DUE
    req.save()
    return req


@transaction.atomic
def record_request_paid(*, request: RecordRequest, paid_on: date) -> RecordRequest:
    """제64조②2: copies are handed over within 2 days of the day the fee is paid; the fee is
    misc income (제64조⑤), recorded in the fees app's ledger."""
    req = _lock_request(request)
    if req.status != RequestStatus.FEE_DUE:
        raise ApplicationError("수수료 납부를 기록할 수 없는 상태입니다.")
    req.paid_on = paid_on
    req.due_on = paid_on + timedelta(days=2)
    req.status = RequestStatus.PAID
    req.save()
    if req.fee:
        misc_income_record(
            complex=req.complex,
            period=paid_on.replace(day=1),
            kind="other_joint",
            amount=req.fee,
            memo=f"자료 복사수수료 (요청 #{req.pk})",
        )
    return req


@transaction.atomic
def record_request_done(*, request: RecordRequest, answer: str = "") -> RecordRequest:
    """Inspection: at once, on the premises (제64조②1). Copy: after the fee is paid."""
    req = _lock_request(request)
    allowed = RequestStatus.REQUESTED if req.kind == RequestKind.INSPECT else RequestStatus.PAID
    if req.status != allowed:
        raise ApplicationError(
            "수수료 납부 후에 사본을 교부할 수 있습니다."
            if req.kind == RequestKind.COPY
            else "이미 처리된 요청입니다."
        )
    req.status = RequestStatus.DONE
    req.done_at = timezone.now()
    req.answer = answer.strip()
    req.save()
    return req


@transaction.atomic
def record_request_reject(*, request: RecordRequest, answer: str) -> RecordRequest:
    req = _lock_request(request)
    if req.status in (RequestStatus.DONE, RequestStatus.REJECTED):
        raise ApplicationError("이미 처리된 요청입니다.")
    if not answer.strip():
        raise ApplicationError("거절 사유를 적어 주세요.", {"field": "answer"})
    req.status = RequestStatus.REJECTED
    req.answer = answer.strip()
    req.done_at = timezone.now()
    req.save()
    return req
