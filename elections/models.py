"""The election committee and every residents' vote it runs (Ch. 5, Arts. 12, 17–25, 44–50, 61,
100; 별지 2–5).

SECRECY BY DESIGN (Art. 48①: 보통·직접·비밀·평등; spec "How a vote is cast")
---------------------------------------------------------------------------------
Nobody — office staff, the committee, a database administrator reading any table, system column
(xmin, ctid), WAL record or statement log at any moment — can tell what a household voted.

* `RollEntry` — the voter roll, frozen at the announcement: one row per household (unit) with
  `voted_channel` ("" until the household votes). It says WHO voted, never WHAT: no voting
  timestamp (only when the invitation was sent), no reference to a ballot.
* `SealedBallot` — an electronic ballot while the vote is open: the ballot (status, marks and
  the hash of the voter's receipt code) encrypted by elections/sealing.py under a key of the
  vote derived from `settings.BALLOT_SEAL_KEY`, a secret of the application servers that is
  never stored in the database. Random nonce (identical ballots seal to unrelated bytes), one
  padded length per vote (the size says nothing), a random UUID key, no timestamp, and a
  `receipt_tag` — a keyed hash of the receipt that differs from the opened ballot's
  `receipt_hash`, so that a copy of this table cannot be matched with the ballots later.
* `Ballot` — WHAT was voted, readable: written only when the box is opened for counting
  (after the close) and for paper ballots entered after the close. No foreign key to a unit,
  user or roll entry, no timestamp, no sequence, no channel: a random UUID key, ordered by it.

Casting (services.ballot_cast) marks the roll entry and inserts the sealed ballot in ONE
statement (`WITH marked AS (UPDATE … WHERE voted_channel = '') INSERT … SELECT FROM marked`;
given a one-time code, the same UPDATE checks it and counts a wrong one — at most five).
So the sealed ballot does share the voter's transaction id and sits next to its neighbours in
casting order — deliberately: what that links the voter to is ciphertext, and in exchange the
mark and the ballot commit together or not at all. There is no second step in which a process
could die: a crash before the commit leaves neither the mark nor the ballot (the voter simply
votes again), a crash after it leaves both (the voter is told "already voted"; the ballot
counts). One ballot per household holds under concurrency because the conditional UPDATE takes
the roll row's lock: a concurrent second attempt (another device, the paper station) waits,
then matches nothing and inserts nothing (precise rule 4: the first recorded counts).

Opening (services.ballot_box_open, inside vote_count, after the close and the paper entry) is
one transaction: it unseals every sealed ballot, deletes the sealed rows and rewrites the whole
box — electronic and paper ballots alike — as `Ballot` rows with fresh random ids in a random
order. Every ballot then carries the counting transaction's xmin, which no roll entry has; the
physical order is a shuffle; and the sealed rows (the only ones a voter's xmin ever matched) are
gone. A crash during opening rolls it back whole: nothing is lost, nothing is doubled, and the
count can simply run again. Until counting `elections_ballot` holds no electronic ballot at
all, so the xmin/ctid join that used to link fresh ballots to voters links none.

A voter checks with the receipt code that their ballot is in the box — the sealed box before
counting (`receipt_tag`), the opened box after (`receipt_hash`) — without learning or proving
its content. The application never logs marks, receipt codes, codes or tokens.

What remains, written down on purpose: whoever holds BOTH the ballot key (the application
servers' environment) and a copy of the database taken before counting can unseal the copy —
as whoever controls the application servers could also have changed the code to record votes.
Keep BALLOT_SEAL_KEY out of database backups and never change it while a vote is open (opening
then refuses, and succeeds again once the old key is restored). Helios removes even this by
encrypting in the browser under a committee key split among trustees and tallying without
decrypting single ballots; the sealed box is where such a key would plug in.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TenantModel


class ElectionSettings(TenantModel):
    """Per-complex settings the bylaw leaves blank (○○). Created on first use with defaults."""

    complex = models.OneToOneField(
        "complexes.Complex", on_delete=models.CASCADE, related_name="election_settings"
    )
    committee_seats = models.PositiveSmallIntegerField(
        "선거관리위원 정원",
        default=5,
        help_text="Art. 44①: 500세대 미만 3~9명, 500세대 이상 5~9명.",
    )
    council_seats = models.PositiveSmallIntegerField("동별 대표자 정원", default=7)
    tie_rule = models.CharField(
        "동점 처리",
        max_length=20,
        default="lottery",
        choices=[("lottery", "선거관리위원회 추첨 (기록)")],
        help_text="Art. 44⑧: 규약·영이 정하지 않은 동점 처리는 위원회 규정 — 기본값 추첨.",
    )
    direct_election_adopted = models.BooleanField(
        "회장·감사 직선제 채택 (500세대 미만, Art. 21)", default=False
    )
    defence_days = models.PositiveSmallIntegerField("소명 기간(일)", default=5)
    reminder_days_before_close = models.PositiveSmallIntegerField(
        "독려 알림(마감 전 일)", default=1
    )

    class Meta:
        verbose_name = "선거 설정"
        verbose_name_plural = "선거 설정"


class DisqualificationRule(TenantModel):
    """A decree disqualification (법 14조④, 영 11조③) kept as a versioned setting with its legal
    basis (spec precise rule 8): the committee checks each in force on the announcement date."""

    code = models.SlugField("코드", max_length=40)
    text = models.CharField("결격사유", max_length=300)
    legal_basis = models.CharField("근거", max_length=100)
    effective_from = models.DateField("시행일")
    effective_to = models.DateField("폐지일", null=True, blank=True)

    class Meta:
        ordering = ["complex", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["complex", "code", "effective_from"], name="disq_rule_unique"
            )
        ]
        verbose_name = "결격사유 규정"
        verbose_name_plural = "결격사유 규정"

    def __str__(self):
        return f"{self.text} ({self.legal_basis})"


# --- the committee (Arts. 44–46) ----------------------------------------------------------------


class CommitteeMember(TenantModel):
    """선거관리위원 (Art. 44). Term 2 years, one reappointment (Art. 45①)."""

    class Position(models.TextChoices):
        CHAIR = "chair", "위원장"
        MEMBER = "member", "위원"

    class Route(models.TextChoices):
        RECRUITMENT = "recruitment", "공개모집"
        LOTTERY = "lottery", "공개추첨"
        RECOMMENDATION = "recommendation", "추천 위촉 (Art. 44③)"
        DISTRICT = "district", "구청장 직권 위촉 (Art. 44⑥)"

    class Status(models.TextChoices):
        ACTIVE = "active", "재임"
        RESIGNED = "resigned", "사퇴"
        REMOVED = "removed", "해촉"
        DISQUALIFIED = "disqualified", "자격상실"
        ENDED = "ended", "임기만료"

    name = models.CharField("성명", max_length=50)
    unit = models.ForeignKey(
        "complexes.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.CharField("직위", max_length=10, choices=Position.choices, default="member")
    route = models.CharField(
        "위촉 경로", max_length=20, choices=Route.choices, default="recruitment"
    )
    recommended_by = models.CharField("추천권자", max_length=50, blank=True)
    term_start = models.DateField("임기 시작")
    term_end = models.DateField("임기 종료")
    reappointment = models.BooleanField("연임", default=False)
    status = models.CharField("상태", max_length=15, choices=Status.choices, default="active")
    status_reason = models.CharField("사유", max_length=200, blank=True)

    class Meta:
        ordering = ["complex", "-position", "name"]
        verbose_name = "선거관리위원"
        verbose_name_plural = "선거관리위원"

    def __str__(self):
        return f"{self.name} ({self.get_position_display()})"


class Recruitment(TenantModel):
    """선거관리위원 공개모집 공고 (Art. 44②③): posted ≥ 7 days (urgent: 3) before the deadline,
    stating period, place, eligibility and the public-lottery rule with its date and place."""

    posted_on = models.DateField("공고일")
    deadline = models.DateField("접수 마감일")
    urgent = models.BooleanField("긴급", default=False)
    place = models.CharField("접수 장소", max_length=100, default="관리사무소")
    seats = models.PositiveSmallIntegerField("모집 인원")
    eligibility = models.TextField(
        "신청 자격",
        default="입주자등 (Art. 45② 결격사유 해당자 제외: 동별 대표자·후보자와 그 배우자·직계존비속, "
        "남은 임기 중인 사퇴·해임자, 미성년자·피성년후견인·피한정후견인)",
    )
    lottery_at = models.DateTimeField("공개추첨 일시")
    lottery_place = models.CharField("공개추첨 장소", max_length=100, default="관리사무소 회의실")
    applicants = models.PositiveSmallIntegerField("신청자 수", null=True, blank=True)
    filled = models.BooleanField("정원 충족", null=True, blank=True)

    class Meta:
        ordering = ["complex", "-posted_on"]
        verbose_name = "선거관리위원 모집공고"
        verbose_name_plural = "선거관리위원 모집공고"

    def __str__(self):
        return f"선거관리위원 모집 ({self.posted_on:%Y-%m-%d} ~ {self.deadline:%Y-%m-%d})"


class CommitteeDecision(TenantModel):
    """A decision of the committee (Art. 44⑦: more than half of the full size, vacancies do not
    lower it). Certifying a result and ruling on eligibility are recorded as such decisions."""

    vote = models.ForeignKey(
        "Vote", on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    subject = models.CharField("안건", max_length=200)
    seats = models.PositiveSmallIntegerField("위원 정원")
    yes = models.PositiveSmallIntegerField("찬성")
    no = models.PositiveSmallIntegerField("반대", default=0)
    passed = models.BooleanField("가결")
    decided_at = models.DateTimeField("의결 일시", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["complex", "-decided_at"]
        verbose_name = "선거관리위원회 의결"
        verbose_name_plural = "선거관리위원회 의결"

    def __str__(self):
        return self.subject


# --- votes -------------------------------------------------------------------------------------


class VoteKind(models.TextChoices):
    WARD_REP = "ward_rep", "동별 대표자 선거"
    CHAIR = "chair", "회장 선거"
    AUDITOR = "auditor", "감사 선거"
    RECALL_WARD = "recall_ward", "동별 대표자 해임투표"
    RECALL_OFFICER = "recall_officer", "회장·감사 해임투표"
    BYLAW = "bylaw", "관리규약 개정 투표"
    MANAGEMENT_METHOD = "management_method", "관리방법 결정·변경 투표"
    REPAIR_PLAN = "repair_plan", "장기수선계획 조정 (입주자)"
    PETITION = "petition", "기타 안건 투표 (Art. 48①7)"


ELECTION_KINDS = {VoteKind.WARD_REP, VoteKind.CHAIR, VoteKind.AUDITOR}


class Rule(models.TextChoices):
    """How a vote passes (elections/thresholds.py implements each)."""

    WARD = "ward", "선거구 세대 과반 투표 (영 11조①)"
    DIRECT = "direct", "전체 세대 10분의 1 이상 투표 (영 12조)"
    RECALL_WARD = "recall_ward", "선거구 과반 투표·투표자 과반 찬성 (Art. 23⑤)"
    RECALL_DIRECT = "recall_direct", "전체 10분의 1 이상 투표·투표자 과반 찬성 (Art. 23⑨)"
    ALL_MAJORITY = "all_majority", "전체 세대 과반 찬성 (Arts. 61, 100)"
    OWNERS_MAJORITY = "owners_majority", "전체 입주자(소유자) 과반 찬성 (Art. 48①6)"
    WARD_TWO_THIRDS = "ward_two_thirds", "선거구 세대 3분의 2 이상 찬성 (Art. 18① 단서)"


RULE_FOR_KIND = {
    VoteKind.WARD_REP: Rule.WARD,
    VoteKind.CHAIR: Rule.DIRECT,
    VoteKind.AUDITOR: Rule.DIRECT,
    VoteKind.RECALL_WARD: Rule.RECALL_WARD,
    VoteKind.RECALL_OFFICER: Rule.RECALL_DIRECT,
    VoteKind.BYLAW: Rule.ALL_MAJORITY,
    VoteKind.MANAGEMENT_METHOD: Rule.ALL_MAJORITY,
    VoteKind.REPAIR_PLAN: Rule.OWNERS_MAJORITY,
    VoteKind.PETITION: Rule.ALL_MAJORITY,
}


class RollScope(models.TextChoices):
    WARD = "ward", "선거구 세대"
    ALL = "all", "전체 세대"
    OWNERS = "owners", "전체 입주자(소유자)"


class VoteState(models.TextChoices):
    DRAFT = "draft", "작성 중"
    ANNOUNCED = "announced", "공고됨"
    CLOSED = "closed", "투표 마감"
    COUNTED = "counted", "개표 완료"
    CERTIFIED = "certified", "결과 확정"
    LAPSED = "lapsed", "기간 경과로 무산"


class Vote(TenantModel):
    """A vote of the residents run by the committee: an election (candidates) or a question."""

    kind = models.CharField("종류", max_length=20, choices=VoteKind.choices)
    rule = models.CharField("의결 기준", max_length=20, choices=Rule.choices)
    roll_scope = models.CharField("선거인 명부", max_length=10, choices=RollScope.choices)
    title = models.CharField("제목", max_length=200)
    question = models.TextField("안건 내용·질문", blank=True)
    ward = models.ForeignKey(
        "complexes.Ward", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ward_name = models.CharField("선거구명 (공고 당시)", max_length=50, blank=True)
    seats = models.PositiveSmallIntegerField("선출 인원", default=1)
    generation = models.PositiveSmallIntegerField("기수(제○기)", null=True, blank=True)
    term_start = models.DateField("임기 시작", null=True, blank=True)
    term_end = models.DateField("임기 종료", null=True, blank=True)
    by_election = models.BooleanField("보궐선거", default=False)
    requested_on = models.DateField("투표 요청일", null=True, blank=True)
    announce_on = models.DateField("공고일", null=True, blank=True)
    registration_start = models.DateField("후보 등록 시작", null=True, blank=True)
    registration_end = models.DateField("후보 등록 마감", null=True, blank=True)
    registration_place = models.CharField("후보 등록 장소", max_length=100, default="관리사무소")
    opens_at = models.DateTimeField("투표 시작")
    closes_at = models.DateTimeField("투표 마감")
    polling_place = models.CharField("현장 투표소", max_length=100, default="관리사무소 회의실")
    state = models.CharField("상태", max_length=12, choices=VoteState.choices, default="draft")
    roll_size = models.PositiveIntegerField("선거인 수(세대)", default=0)
    paper_ballots_entered = models.PositiveIntegerField("입력된 현장 투표지", default=0)
    result = models.JSONField("개표 결과", null=True, blank=True)
    reannounce_by = models.DateField("재공고 기한", null=True, blank=True)
    certified_at = models.DateTimeField("확정 일시", null=True, blank=True)
    lapse_note = models.CharField("무산 기록", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complex", "-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="vote_period"
            ),
        ]
        verbose_name = "투표"
        verbose_name_plural = "투표"

    def __str__(self):
        return self.title

    @property
    def is_election(self) -> bool:
        return self.kind in ELECTION_KINDS

    @property
    def ballot_format(self) -> str:
        """'choice' (pick one of 2+ candidates for one seat, or of more candidates than seats),
        'approval' (yes/no per candidate: one candidate, or candidates ≤ seats), or 'question'."""
        if not self.is_election:
            return "question"
        n = self.candidates.filter(status=Candidate.Status.ELIGIBLE).count()
        return "choice" if n > self.seats else "approval"


class Candidate(TenantModel):
    """후보자 (별지 2 후보등록신청서, with 별지 3 power of attorney for a proxy)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "등록 (자격 확인 중)"
        ELIGIBLE = "eligible", "후보 확정"
        INELIGIBLE = "ineligible", "자격 없음"
        WITHDRAWN = "withdrawn", "사퇴"

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="candidates")
    number = models.PositiveSmallIntegerField("기호")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField("성명(한글)", max_length=50)
    name_hanja = models.CharField("성명(한문)", max_length=50, blank=True)
    address = models.CharField("주소", max_length=200, blank=True)
    birth_date = models.DateField("생년월일")
    education = models.CharField("최종학력", max_length=100, blank=True)
    employer = models.CharField("직장명", max_length=100, blank=True)
    position = models.CharField("직위", max_length=50, blank=True)
    career = models.TextField("사회경력 및 이력", blank=True)
    statement = models.TextField("소견·공약", blank=True)
    photo = models.ImageField("사진", upload_to="elections/photos/", blank=True)
    is_proxy = models.BooleanField("소유자의 배우자·직계존비속 (별지 3 위임)", default=False)
    owner_name = models.CharField("위임인(소유자) 성명", max_length=50, blank=True)
    relation_to_owner = models.CharField("위임인과의 관계", max_length=30, blank=True)
    status = models.CharField("상태", max_length=12, choices=Status.choices, default="registered")
    registered_at = models.DateTimeField("등록 일시", auto_now_add=True)

    class Meta:
        ordering = ["vote", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "vote", "number"], name="candidate_number"),
            # Art. 10: one candidacy per unit in a vote.
            models.UniqueConstraint(
                fields=["complex", "vote", "unit"],
                condition=~Q(status="withdrawn"),
                name="candidate_one_per_unit",
            ),
        ]
        verbose_name = "후보자"
        verbose_name_plural = "후보자"

    def __str__(self):
        return f"기호 {self.number} {self.name}"


class Kinship(TenantModel):
    """A candidate's spouse or lineal relative declared on registration (가족관계증명서): such a
    person cannot sit on the committee (Art. 45②3)."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", "배우자"
        ASCENDANT = "ascendant", "직계존속"
        DESCENDANT = "descendant", "직계비속"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="kin")
    name = models.CharField("성명", max_length=50)
    relation = models.CharField("관계", max_length=12, choices=Relation.choices)

    class Meta:
        verbose_name = "후보자 가족"
        verbose_name_plural = "후보자 가족"


class CandidateDocument(TenantModel):
    """별지 2 구비서류: one uploaded document with its issue date (must be after the
    announcement date for the property register and resident registration, precise rule 7)."""

    class Kind(models.TextChoices):
        DISQUALIFICATION = "disqualification", "결격사유 확인서·범죄경력 조회 동의서"
        FEES_PAID = "fees_paid", "관리비 등의 완납 확인서 (관리주체 발급)"
        PROPERTY = "property", "등기사항증명서"
        RESIDENT_REG = "resident_reg", "주민등록등본"
        FAMILY = "family", "가족관계증명서"
        ATTORNEY = "attorney", "위임장 (별지 3)"
        SEAL = "seal", "소유자 인감증명서"
        OWNER_DISQUALIFICATION = "owner_disq", "소유자 결격사유 확인서"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("서류", max_length=20, choices=Kind.choices)
    issued_on = models.DateField("발행일")
    file = models.FileField("파일", upload_to="elections/documents/", blank=True)

    class Meta:
        verbose_name = "후보 서류"
        verbose_name_plural = "후보 서류"


class EligibilityCheck(TenantModel):
    """One eligibility item checked by the committee for a candidate, with its outcome."""

    class Outcome(models.TextChoices):
        PASS = "pass", "적격"
        FAIL = "fail", "부적격"
        PENDING = "pending", "확인 필요"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField("확인 항목", max_length=40)
    label = models.CharField("항목", max_length=200)
    legal_basis = models.CharField("근거", max_length=100)
    outcome = models.CharField("결과", max_length=8, choices=Outcome.choices)
    note = models.CharField("비고", max_length=300, blank=True)
    automatic = models.BooleanField("자동 확인", default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField("확인 일시", auto_now=True)

    class Meta:
        ordering = ["candidate", "item"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "candidate", "item"], name="check_unique")
        ]
        verbose_name = "자격 확인"
        verbose_name_plural = "자격 확인"


class Lottery(TenantModel):
    """A tie resolved by the committee's lottery, recorded (Art. 44⑧ → committee rule)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="lotteries")
    tied = models.JSONField("동점 후보 (id·성명)")
    drawn_order = models.JSONField("추첨 순서 (id)")
    seats_drawn = models.PositiveSmallIntegerField("추첨 당선 인원", default=1)
    witnesses = models.CharField("참관인", max_length=200, blank=True)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    conducted_at = models.DateTimeField("추첨 일시", auto_now_add=True)

    class Meta:
        verbose_name = "추첨 기록"
        verbose_name_plural = "추첨 기록"


class RollEntry(TenantModel):
    """선거인 명부: one household of the vote's roll, frozen at the announcement. WHO voted —
    never what (see the module docstring). Deliberately no voting timestamp and no ballot link.
    The committee sees unit, voter's name and whether they voted (spec precise rule 10)."""

    class Channel(models.TextChoices):
        NONE = "", "미투표"
        ELECTRONIC = "electronic", "전자투표"
        PAPER = "paper", "현장투표"

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="roll")
    unit = models.ForeignKey("complexes.Unit", on_delete=models.PROTECT, related_name="+")
    voter_name = models.CharField("선거인", max_length=50, blank=True)
    voter_email = models.EmailField("이메일", blank=True)
    voter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    electronic_consent = models.BooleanField("전자투표 동의", default=True)
    voted_channel = models.CharField(
        "투표 여부", max_length=12, choices=Channel.choices, default="", blank=True
    )
    # Invitation (Art. 48②1: identity by an electronic document — email/SMS code).
    token = models.CharField(max_length=43, unique=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    invited_at = models.DateTimeField("초대 발송", null=True, blank=True)
    reminded_at = models.DateTimeField("독려 발송", null=True, blank=True)

    class Meta:
        ordering = ["vote", "unit__building__name", "unit__floor", "unit__number"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "vote", "unit"], name="roll_one_per_unit")
        ]
        verbose_name = "선거인 명부"
        verbose_name_plural = "선거인 명부"

    def __str__(self):
        return f"{self.vote} · {self.unit_id}"


class SealedBallot(TenantModel):
    """An electronic ballot, sealed, while the vote is open (see the module docstring). Only
    ciphertext of one length per vote, a random UUID key and a keyed tag of the receipt code:
    no voter/unit/roll reference, no timestamp, no sequence."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="sealed_ballots")
    sealed = models.BinaryField()
    receipt_tag = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "봉인된 전자투표지"
        verbose_name_plural = "봉인된 전자투표지"


class Ballot(TenantModel):
    """WHAT was voted — with no link to who (see the module docstring). Written when the box is
    opened for counting (and for paper ballots after the close). Random UUID key, no timestamp,
    no voter/unit/roll reference, no channel. `marks`:
    {"choice": candidate_id} | {"approvals": {"<candidate_id>": "yes"|"no"}} | {"answer": "yes"|"no"};
    `status` blank/invalid ballots count as votes cast (spec precise rule 3)."""

    class Status(models.TextChoices):
        VALID = "valid", "유효"
        BLANK = "blank", "기권(백지)"
        INVALID = "invalid", "무효"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    status = models.CharField(max_length=8, choices=Status.choices, default="valid")
    marks = models.JSONField(default=dict)
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]  # random: unrelated to casting order
        verbose_name = "투표지"
        verbose_name_plural = "투표지"


# --- recalls (Art. 23) -------------------------------------------------------------------------


RECALL_GROUNDS = [
    ("law", "공동주택관리 관계 법령 위반 (Art. 23①1)"),
    ("bylaw", "관리규약·선거관리규정 위반 (Art. 23①2)"),
    ("embezzlement", "관리비등 횡령 (Art. 23①3)"),
    ("damage", "공용시설물 훼손 (Art. 23①4)"),
    ("conviction", "관리업무 관련 벌금형 이상 (Art. 23①5)"),
    ("bid", "입찰 공정성 훼손 (Art. 23①6)"),
    ("bribe", "업체로부터 금품 요구·수수 (Art. 23①7)"),
    ("training", "운영·윤리교육 연 4시간 미이수 (Art. 23①8)"),
    ("absence", "무단 3회 연속 회의 불참 (Art. 23①9)"),
]


class Recall(TenantModel):
    """해임 요청 (Art. 23): grounds with evidence, initiated by 1/10 written consent (a petition,
    residents/petitions) or a council resolution; the rep is suspended from the vote notice; a defence
    within ≥ 5 days; a vote within 30 days of the request, else it lapses and that is recorded."""

    class Office(models.TextChoices):
        WARD_REP = "ward_rep", "동별 대표자"
        CHAIR = "chair", "회장 (직선)"
        AUDITOR = "auditor", "감사 (직선)"

    class Initiation(models.TextChoices):
        CONSENT = "consent", "입주자등 10분의 1 이상 서면동의"
        COUNCIL = "council", "입주자대표회의 구성원 과반수 의결"

    class State(models.TextChoices):
        COLLECTING = "collecting", "동의 수집 중"
        DEFENCE = "defence", "소명 기간"
        VOTING = "voting", "해임투표 진행"
        RECALLED = "recalled", "해임"
        REJECTED = "rejected", "부결 (직무정지 해제)"
        LAPSED = "lapsed", "기간 경과 무산"

    office = models.CharField("직위", max_length=10, choices=Office.choices)
    subject_name = models.CharField("해임 대상", max_length=50)
    subject_unit = models.ForeignKey("complexes.Unit", on_delete=models.PROTECT, related_name="+")
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ward = models.ForeignKey(
        "complexes.Ward", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    grounds = models.JSONField("해임 사유 (Art. 23①)")
    grounds_text = models.TextField("사유 상세")
    evidence = models.FileField("증거자료", upload_to="elections/recalls/", blank=True)
    evidence_summary = models.TextField("증거자료 요지", blank=True)
    initiation = models.CharField("발의", max_length=10, choices=Initiation.choices)
    council_resolution = models.CharField("의결 회의록", max_length=200, blank=True)
    requested_on = models.DateField("해임절차 요청일", null=True, blank=True)
    defence_due = models.DateField("소명 기한", null=True, blank=True)
    defence = models.TextField("소명", blank=True)
    defence_submitted_on = models.DateField("소명 제출일", null=True, blank=True)
    suspended = models.BooleanField("직무정지", default=False)
    vote = models.OneToOneField(
        Vote, on_delete=models.SET_NULL, null=True, blank=True, related_name="recall"
    )
    # The residents' written consent (Art. 23②⑥): signatures are collected and counted by the
    # shared petition mechanism (residents/petitions), one per household of the scope.
    petition = models.OneToOneField(
        "residents.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recall",
    )
    state = models.CharField("상태", max_length=12, choices=State.choices, default="collecting")
    state_note = models.CharField("기록", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complex", "-created_at"]
        verbose_name = "해임 요청"
        verbose_name_plural = "해임 요청"

    def __str__(self):
        return f"{self.subject_name} {self.get_office_display()} 해임"
