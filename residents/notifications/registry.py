"""The kinds of message the portal sends. Each has its templates under
templates/notifications/<key>/ (email_subject.txt, email.txt, sms.txt, alimtalk.txt) and is
mandatory or not:

A kind is **mandatory** only where the bylaw says the notice *must* reach the person (…하여야
한다); a resident's opt-out is ignored for it. Where the bylaw only permits a notice (…할 수
있다) or says nothing, the person may opt out. The article is named in `basis`."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    mandatory: bool
    basis: str
    audience: str  # residents · office · council · committee · district · anyone (space-separated)


KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        # --- residents ---------------------------------------------------------------------
        Kind(
            "bill_issued",
            _("관리비 고지서 발행"),
            True,
            # Art. 86①: 납부고지서를 … 납기일 7일 전까지 입주자등에게 배부하여야 한다.
            "제86조①",
            "residents",
        ),
        Kind(
            "payment_overdue",
            _("관리비 미납 안내"),
            False,
            # Art. 98①: 관리주체는 … 독촉장을 발부할 수 있다 — permitted, not required.
            "제98조① (임의)",
            "residents",
        ),
        Kind(
            "vote_invitation",
            _("투표 안내와 인증번호"),
            True,
            # Art. 48②1: 본인확인 by an e-mail or SMS 전자문서 — the code is the only way a
            # household votes electronically, and Art. 48① requires 평등 투표.
            "제48조②1호",
            "residents",
        ),
        Kind(
            "vote_reminder",
            _("투표 독려"),
            False,
            "-",  # no article requires a reminder
            "residents",
        ),
        Kind(
            "meeting_notice",
            _("입주자대표회의 소집 통지"),
            True,
            # Art. 28①: 회의개최 5일 전까지 … 동별 대표자에게 … 전자적 방법으로 통지하고.
            "제28조①",
            "council",
        ),
        Kind(
            "reconsideration_result",
            _("재심의 결과 통보"),
            True,
            # Art. 34③: 그 결과를 … 관리주체와 재심의요청서를 제출한 자에게 통보하여야 한다.
            "제34조③",
            "anyone",
        ),
        Kind(
            "complaint_update",
            _("민원 답변·처리 안내"),
            False,
            # Art. 62①5: complaints are received and handled; no individual notice is required.
            "제62조①5호",
            "residents",
        ),
        Kind(
            "dispute_notice",
            _("층간소음·간접흡연 안내"),
            False,
            # Arts. 71①, 71-3①: the office *may* ask the household to stop (할 수 있다). An
            # opted-out household shows as "수신 거부" in the log: the office delivers on paper.
            "제71조①, 제71조의3① (임의)",
            "residents",
        ),
        Kind("account_invitation", _("단지 가입 초대"), False, "-", "anyone"),
        # Art. 65 (별표 D): neighbours asked for their consent, the applicant told the decision.
        Kind("community_consent_asked", _("이웃 동의 요청"), False, "제65조", "residents"),
        Kind("community_consent_decided", _("동의 신청 결정 안내"), False, "제65조", "residents"),
        # --- the office, the council, the election committee, district officials -------------
        Kind("complaint_office", _("민원 접수·의견 (관리사무소)"), False, "제62조①5호", "office"),
        Kind(
            "complaint_reminder", _("미처리 민원 알림 (관리사무소)"), False, "제62조①5호", "office"
        ),
        Kind(
            "billing_draft_ready",
            _("관리비 부과 초안 (관리사무소)"),
            False,
            "제86조①",
            "office",
        ),
        Kind(
            "community_reminders",
            _("공동체 생활 기한 알림 (관리사무소)"),
            False,
            "제39–43조, 제66조, 제72조",
            "office",
        ),
        Kind("meter_expiry", _("계량기 검정 만료 예정 (관리사무소)"), False, "제63조②", "office"),
        Kind(
            "council_reminder",
            _("입주자대표회의 기한 알림 (관리사무소)"),
            False,
            "제24조①, 제26조①, 제28조①, 제35조①",
            "office",
        ),
        Kind("repair_warning", _("장기수선 알림"), False, "법 제29조, 제79조①", "office council"),
        Kind(
            "disclosure_reminder", _("정보공개 기한 알림 (관리사무소)"), False, "제64조", "office"
        ),
        Kind(
            "election_duties",
            _("선거관리위원회 예정 업무"),
            False,
            "제23조, 제24조①, 제25조①③",
            "committee",
        ),
        Kind("district_digest", _("정보공개 주간 현황 (구청)"), False, "제64조", "district"),
    ]
}


def get_kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(f"unknown notification kind: {key}") from None


# Who receives a kind, by role in the complex (a kind's `audience` may name several).
AUDIENCE_OF_ROLE = {
    "resident": "residents",
    "council": "council",
    "committee": "committee",
    "manager": "office",
    "staff": "office",
}


def optional_kinds_for(*, roles) -> list[Kind]:
    """The kinds a person with `roles` receives and may opt out of (the settings page)."""
    audiences = {AUDIENCE_OF_ROLE[r] for r in roles if r in AUDIENCE_OF_ROLE}
    return [k for k in KINDS.values() if not k.mandatory and audiences & set(k.audience.split())]
