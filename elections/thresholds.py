"""Who is elected and what passes — pure functions over counts (no database).

Denominators (00-overview "What majority means", 50-elections precise rules 1, 3, 4):
* `households` = the vote's frozen roll: the ward's households, all households, or all owners
  (one per unit).
* "투표자 과반수" counts everyone who voted — blank and invalid ballots included.
* "과반수" = strictly more than half: 40 households → 21 needed; "10분의 1 이상" = at least
  ⌈N/10⌉: 1,230 households → 123.
"""

from dataclasses import dataclass, field

from council.terms import add_months, counts_as_term  # noqa: F401  (Art. 18②: one rule)


def more_than_half(n: int) -> int:
    """The smallest count that is more than half of n (40 → 21, 41 → 21)."""
    return n // 2 + 1


def at_least_tenth(n: int) -> int:
    """⌈n/10⌉ (1,230 → 123; 1,231 → 124)."""
    return -(-n // 10)


def at_least_two_thirds(n: int) -> int:
    """⌈2n/3⌉ (Art. 18① proviso: of the ward's households, not of voters)."""
    return -(-2 * n // 3)


@dataclass
class Outcome:
    """The decision over a count. `elected` holds candidate ids; `tied` the ids that share the
    last seat (a lottery decides, then `elected` is completed); `passed` for questions."""

    turnout_ok: bool
    turnout_needed: int
    elected: list = field(default_factory=list)
    tied: list = field(default_factory=list)
    tied_seats: int = 0
    passed: bool | None = None
    reason: str = ""

    def as_dict(self) -> dict:
        return {
            "turnout_ok": self.turnout_ok,
            "turnout_needed": self.turnout_needed,
            "elected": self.elected,
            "tied": self.tied,
            "tied_seats": self.tied_seats,
            "passed": self.passed,
            "reason": self.reason,
        }


def _turnout_needed(rule: str, households: int) -> int:
    if rule in ("ward", "recall_ward"):
        return more_than_half(households)  # 영 11조①, Art. 23⑤
    if rule in ("direct", "recall_direct"):
        return at_least_tenth(households)  # 영 12조②, Art. 23⑨
    return 0  # Arts. 61, 100, 48①6: counted over all households/owners, not turnout


def decide_election(
    *, rule: str, households: int, cast: int, seats: int, choice: dict, approvals: dict
) -> Outcome:
    """영 11조① (ward reps, rule "ward") and 영 12조 (chair/auditors, rule "direct").

    * More candidates than seats (`choice` = {candidate: votes}): turnout must reach the rule's
      threshold (ward: more than half of the ward's households; direct: at least 1/10 of all
      households); the most-voted fill the seats; a tie for the last seat goes to the recorded
      lottery (`tied`). A candidate with zero votes is never elected.
    * Candidates ≤ seats (`approvals` = {candidate: yes-votes}): the same turnout, and each
      needs more than half of the votes cast in favour (blank/invalid ballots included).
    * Otherwise nobody is elected: a ward is re-announced within 30 days (Art. 25③); the
      council elects chair/auditors by a majority of its members (Art. 20).
    """
    if rule == "ward_two_thirds":
        # Art. 18① proviso: yes-votes from at least ⌈2N/3⌉ of the ward's households (not voters).
        need_yes = at_least_two_thirds(households)
        out = Outcome(turnout_ok=cast >= need_yes, turnout_needed=need_yes)
        out.elected = [c for c, yes in approvals.items() if yes >= need_yes]
        out.reason = f"찬성 {need_yes}세대 이상 필요 (선거구 {households}세대의 3분의 2)"
        return out
    needed = _turnout_needed(rule, households)
    out = Outcome(turnout_ok=cast >= needed and cast > 0, turnout_needed=needed)
    if not out.turnout_ok:
        out.reason = f"투표율 미달: {cast}세대 투표, {needed}세대 이상 필요"
        return out
    if choice:
        ranked = sorted(((v, c) for c, v in choice.items() if v > 0), key=lambda x: -x[0])
        if not ranked:
            out.reason = "득표한 후보가 없습니다"
            return out
        if len(ranked) <= seats:
            out.elected = [c for _, c in ranked]
        else:
            cutoff = ranked[seats - 1][0]
            above = [c for v, c in ranked if v > cutoff]
            at = [c for v, c in ranked if v == cutoff]
            if len(above) + len(at) <= seats:
                out.elected = above + at
            else:
                out.elected = above
                out.tied = at
                out.tied_seats = seats - len(above)
        out.reason = "최다 득표" + (" — 동점: 추첨 필요" if out.tied else "")
        return out
    if not approvals:
        out.turnout_ok = cast >= needed
        out.reason = "후보자가 없습니다"
        return out
    need_yes = more_than_half(cast)
    out.elected = [c for c, yes in approvals.items() if yes >= need_yes]
    out.reason = f"찬성 {need_yes}표 이상 필요 (투표자 {cast}명의 과반)"
    return out


def decide_question(*, rule: str, households: int, cast: int, yes: int) -> Outcome:
    """Yes/no questions.

    * "recall_ward" (Art. 23⑤): more than half of the ward's households vote and more than half
      of the votes are yes.
    * "recall_direct" (Art. 23⑨): at least 1/10 of all households vote and more than half of
      the votes are yes.
    * "all_majority" (Arts. 61, 100): yes-votes exceed half of ALL households (the roll), however
      many voted.
    * "owners_majority" (Art. 48①6, seed 004): yes-votes exceed half of all owners (the
      owners-only roll).
    """
    if rule in ("recall_ward", "recall_direct"):
        needed = _turnout_needed(rule, households)
        out = Outcome(turnout_ok=cast >= needed and cast > 0, turnout_needed=needed)
        if not out.turnout_ok:
            out.passed = False
            out.reason = f"투표율 미달: {cast}세대 투표, {needed}세대 이상 필요"
            return out
        need_yes = more_than_half(cast)
        out.passed = yes >= need_yes
        out.reason = f"찬성 {yes}표 / 필요 {need_yes}표 (투표자 {cast}명의 과반)"
        return out
    need_yes = more_than_half(households)
    out = Outcome(turnout_ok=True, turnout_needed=0, passed=yes >= need_yes)
    whom = "전체 입주자(소유자)" if rule == "owners_majority" else "전체 세대"
    out.reason = f"찬성 {yes}표 / 필요 {need_yes}표 ({whom} {households}의 과반)"
    return out
