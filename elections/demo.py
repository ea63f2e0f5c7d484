"""Demo elections for `hanbit` (../shared/domain/90-demo.md): the committee, the past 2025 ward
election of 제2선거구 (results and 별지 5 certificate), an open bylaw-amendment vote with ballots
already in the box, and a recall of the 제3선거구 rep in its defence stage. `saebom` gets a
committee. The demo logins' households have the one-time code 123456 on the open vote."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from complexes.models import Unit, Ward

from . import services
from .models import (
    Candidate,
    CommitteeDecision,
    EligibilityCheck,
    Recall,
    RollEntry,
    SealedBallot,
    Vote,
    VoteKind,
    VoteState,
)

DEMO_CODE = "123456"
KST = timezone.get_fixed_timezone(9 * 60)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=KST)


def _unit(complex_, building, number):
    return Unit.objects.get(complex=complex_, building__name=building, number=number)


def _committee(complex_, members, start):
    for name, unit, position, user in members:
        services.committee_member_add(
            complex=complex_, name=name, unit=unit, user=user, position=position, term_start=start
        )


def _cast(vote, entries, marks_list, rng):
    """Ballots already in the box: the roll entries are marked and the ballots sealed without
    any link (the same storage as ballot_cast); counting opens them."""
    RollEntry.objects.filter(pk__in=[e.pk for e in entries]).update(voted_channel="electronic")
    candidates = services._seal_size(vote)
    SealedBallot.objects.bulk_create(
        services.ballot_seal(
            vote=vote,
            status="blank" if marks is None else "valid",
            marks=marks or {},
            receipt=services.new_receipt(),
            candidates=candidates,
        )
        for marks in marks_list
    )


def _past_ward_election(hanbit, committee_user, rng):
    """The 2025 election of 제2선거구 (102동): 58 of 90 households voted (> half, 영 11조①),
    윤서연 34, 김도현 21, 3 blank → 윤서연 elected, term 2025-07-01 ~ 2027-06-30 (Art. 18①)."""
    ward = Ward.objects.get(complex=hanbit, name="제2선거구")
    vote = services.vote_create(
        complex=hanbit,
        kind=VoteKind.WARD_REP,
        title="2025년 제2선거구 동별 대표자 선거",
        ward=ward,
        generation=9,
        term_start=date(2025, 7, 1),
        announce_on=date(2025, 4, 14),
        registration_start=date(2025, 4, 21),
        registration_end=date(2025, 4, 30),
        opens_at=_at(date(2025, 5, 20), 9),
        closes_at=_at(date(2025, 5, 22), 20),
        by=committee_user,
    )
    services.vote_announce(vote=vote)
    Vote.objects.filter(pk=vote.pk).update(announce_on=date(2025, 4, 14))
    vote.refresh_from_db()
    cands = []
    for number, (name, unit_no, statement) in enumerate(
        [
            ("윤서연", "101", "관리비 집행 내역을 매월 공개하고, 주차 문제를 해결하겠습니다."),
            ("김도현", "503", "노후 승강기 교체를 서두르고 회의를 저녁에 열겠습니다."),
        ],
        1,
    ):
        c = Candidate.objects.create(
            complex=hanbit,
            vote=vote,
            number=number,
            unit=_unit(hanbit, "102", unit_no),
            name=name,
            birth_date=date(1963 + number * 4, 3, 1),
            career="입주자 모임 총무 (2021~)" if number == 1 else "아파트 자율방범대장",
            statement=statement,
            status=Candidate.Status.ELIGIBLE,
        )
        services.candidate_checks_run(candidate=c)
        c.checks.exclude(outcome="pass").update(
            outcome=EligibilityCheck.Outcome.PASS,
            note="서류 확인 (2025-05-02)",
            checked_by=committee_user,
        )
        cands.append(c)
    entries = list(vote.roll.all())
    rng.shuffle(entries)
    marks = [{"choice": cands[0].id}] * 34 + [{"choice": cands[1].id}] * 21 + [None] * 3
    _cast(vote, entries[:58], marks, rng)
    Vote.objects.filter(pk=vote.pk).update(state=VoteState.CLOSED)
    vote = services.vote_count(vote=vote)
    CommitteeDecision.objects.create(
        complex=hanbit,
        vote=vote,
        subject=f"{vote.title} 결과 확정",
        seats=5,
        yes=5,
        passed=True,
        recorded_by=committee_user,
    )
    vote.result["council_notes"] = ["윤서연: 입주자대표회의 동별 대표자로 등록 (2025-07-01)"]
    Vote.objects.filter(pk=vote.pk).update(
        state=VoteState.CERTIFIED, certified_at=_at(date(2025, 5, 23), 10), result=vote.result
    )


def _open_bylaw_vote(hanbit, committee_user, demo_units, rng):
    """Bylaw amendment (Art. 100): requested 3 days ago, voting until 12 days from now; 180 of
    600 households have voted so far. Nobody can see the tally until the close."""
    today = timezone.localdate()
    vote = services.vote_create(
        complex=hanbit,
        kind=VoteKind.BYLAW,
        title="관리규약 개정 (제85조 관리비 납부기한 25일 → 말일)",
        question=(
            "입주자대표회의가 제안한 관리규약 개정안입니다 (Art. 100①1).\n"
            "제85조① 관리비등의 납부기한을 '다음달 25일'에서 '다음달 말일'로 변경합니다.\n"
            "전체 세대의 과반수가 찬성하면 개정됩니다."
        ),
        requested_on=today - timedelta(days=3),
        announce_on=today - timedelta(days=3),
        opens_at=_at(today - timedelta(days=2), 9),
        closes_at=_at(today + timedelta(days=12), 18),
        by=committee_user,
    )
    vote = services.vote_announce(vote=vote)
    Vote.objects.filter(pk=vote.pk).update(announce_on=today - timedelta(days=3))
    entries = list(vote.roll.exclude(unit__in=demo_units))
    rng.shuffle(entries)
    marks = [{"answer": "yes"}] * 150 + [{"answer": "no"}] * 25 + [None] * 5
    _cast(vote, entries[:180], marks, rng)
    now = timezone.now()
    for entry in vote.roll.filter(unit__in=demo_units):
        RollEntry.objects.filter(pk=entry.pk).update(
            code_hash=services._hash(entry.token, DEMO_CODE), invited_at=now
        )


def _recall_in_defence(hanbit, rng):
    """A recall of the 제3선거구 rep (Art. 23②): 9 of 90 households (1/10) consented on paper,
    recorded by the office, so the committee received it; the rep has 5 days for a written defence."""
    ward = Ward.objects.get(complex=hanbit, name="제3선거구")
    units = list(ward.unit_queryset().order_by("floor", "number"))
    recall = services.recall_file(
        complex=hanbit,
        office=Recall.Office.WARD_REP,
        subject_name="정태훈",
        subject_unit=units[0],
        ward=ward,
        grounds=["absence", "training"],
        grounds_text=(
            "2026년 7월·8월·9월 정기회의에 사유 통보 없이 3회 연속 불참했고 (Art. 23①9), "
            "2026년 운영·윤리교육 4시간을 이수하지 않았습니다 (Art. 23①8)."
        ),
        evidence_summary="제7·8·9차 회의록 출석부 사본, 구청 교육 이수 현황 조회 결과",
        initiation=Recall.Initiation.CONSENT,
    )
    # The consents came on paper: the office records the scan and each signer's unit, by the
    # name on the register (residents/petitions).
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from residents.demo import _png
    from residents.models import Occupancy
    from residents.petitions.services import petition_paper_record

    lines = []
    for unit in rng.sample(units[1:], 9):
        head = (
            Occupancy.objects.filter(complex=hanbit, unit=unit, moved_out_on__isnull=True)
            .order_by("kind")  # "lessee" before "owner": the household living there
            .first()
        )
        lines.append(f"{unit.building.name},{unit.number},{head.name}")
    petition_paper_record(
        petition=recall.petition,
        scan=ContentFile(_png(), name="recall-consent-scan.png"),
        signers="\n".join(lines),
        by=get_user_model().objects.get(email="office@hanbit.demo"),
        note="제3선거구 해임 서면동의서 9매",
    )


def seed(base):
    rng = random.Random(20261122)
    hanbit, saebom = base["hanbit"], base["saebom"]
    cfg = services.settings_for(hanbit)
    cfg.committee_seats = 5
    cfg.save()
    from django.contrib.auth import get_user_model

    User = get_user_model()
    committee_user = User.objects.get(email="committee@hanbit.demo")
    _committee(
        hanbit,
        [
            ("선거관리위원장", _unit(hanbit, "103", "502"), "chair", committee_user),
            ("문채원", _unit(hanbit, "104", "803"), "member", None),
            ("류현우", _unit(hanbit, "105", "1102"), "member", None),
            ("남궁솔", _unit(hanbit, "106", "1504"), "member", None),
            ("황보람", _unit(hanbit, "101", "702"), "member", None),
        ],
        date(2025, 3, 1),
    )
    _past_ward_election(hanbit, committee_user, rng)
    demo_units = [
        _unit(hanbit, "101", "1203"),
        _unit(hanbit, "102", "804"),
        _unit(hanbit, "101", "1201"),
        _unit(hanbit, "103", "502"),
    ]
    _open_bylaw_vote(hanbit, committee_user, demo_units, rng)
    _recall_in_defence(hanbit, rng)
    saebom_committee = User.objects.get(email="committee@saebom.demo")
    _committee(
        saebom,
        [
            ("선거관리위원장", _unit(saebom, "202", "1104"), "chair", saebom_committee),
            ("진예린", _unit(saebom, "201", "804"), "member", None),
            ("탁민재", _unit(saebom, "202", "301"), "member", None),
        ],
        date(2025, 3, 1),
    )
