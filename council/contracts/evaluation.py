"""별지 10 사업수행실적 평가표 (Art. 59①; 70-procurement.md rule 16, table C).

Each evaluator scores every item from 0 to its maximum; the score is the mean of the evaluators'
totals, kept as an exact fraction; eligible for re-contract at ≥ 80 (unrounded).
"""

from fractions import Fraction

from core.errors import ApplicationError

ELIGIBLE = 80  # Art. 59①: "평가점수가 80점 이상"

# Table C — (code, label, maximum). Each template totals 100.
TEMPLATES = {
    "security": [
        ("uniform", "경비원 복장", 10),
        ("courtesy", "경비원 친절도", 10),
        ("diligence", "경비원 성실도", 10),
        ("incidents", "경비원 사고대처(매뉴얼)", 20),
        ("training", "경비원 교육(현장점검·교육)", 10),
        ("staffing", "경비원 충원(3일 이내)", 10),
        ("welfare", "처우개선", 10),
        ("price", "용역금액(재계약 금액의 적정성)", 20),
    ],
    "cleaning": [
        ("uniform", "미화원 복장", 10),
        ("courtesy", "미화원 친절도", 10),
        ("cleanliness", "청결도", 20),
        ("supplies", "용품관리", 10),
        ("training", "미화원 교육", 10),
        ("staffing", "미화원 충원(3일 이내)", 10),
        ("welfare", "처우개선", 10),
        ("price", "용역금액", 20),
    ],
    "disinfection": [
        ("notice", "공지(수목·세대 소독 사전 공지)", 10),
        ("schedule", "소독(일정 준수·추가 요청)", 10),
        ("trees", "수목·놀이터 소독(계획 준수)", 10),
        ("products", "약품(계약 약품·수량)", 20),
        ("followup", "현장점검(사후 방문·조치)", 10),
        ("incidents", "사고대처(매뉴얼)", 10),
        ("welfare", "처우개선", 10),
        ("price", "용역금액", 20),
    ],
    "recycling": [
        ("fixed_days", "수거작업: 정해진 날 수거", 20),
        ("clean_after", "수거작업: 수거 후 청소", 20),
        ("bins", "수거작업: 수거함·마대 비치", 10),
        ("arrears", "체납여부(월 대금 체납 없음)", 10),
        ("prepaid", "선납여부(계약보증금 선납)", 10),
        ("price", "용역금액", 30),
    ],
    "elevator": [
        ("notice", "공지(점검 사전 공지)", 10),
        ("hours", "유지관리: 표준 점검시간", 10),
        ("findings", "유지관리: B·C 판정 서면보고·조치", 20),
        ("monthly", "유지관리: 이상운행 월 서면보고", 10),
        ("pit", "유지관리: 피트 청소", 10),
        ("dispatch", "현장출동(비상연락망)", 10),
        ("incidents", "사고대처(매뉴얼)", 10),
        ("price", "용역금액", 20),
    ],
}
TEMPLATE_LABELS = {
    "security": "경비",
    "cleaning": "미화",
    "disinfection": "소독",
    "recycling": "재활용품수거",
    "elevator": "승강기",
}


def items_of(template: str) -> list:
    try:
        return TEMPLATES[template]
    except KeyError:
        raise ApplicationError(
            "별지 10 평가표는 경비·미화·소독·재활용품수거·승강기 중 하나입니다 "
            "(그 밖의 용역은 입주자대표회의가 평가표를 의결합니다).",
            {"field": "template"},
        ) from None


def evaluator_total(template: str, scores: dict) -> int:
    """One evaluator's sheet: every item scored, each 0 ≤ points ≤ its maximum (table C)."""
    total = 0
    for code, label, maximum in items_of(template):
        if code not in scores or scores[code] in (None, ""):
            raise ApplicationError(f"'{label}' 점수가 없습니다.", {"field": code})
        try:
            points = int(scores[code])
        except (TypeError, ValueError):
            raise ApplicationError(f"'{label}' 점수는 정수입니다.", {"field": code}) from None
        if not 0 <= points <= maximum:
            raise ApplicationError(
                f"'{label}' 점수는 0점부터 {maximum}점까지입니다 (별지 10).", {"field": code}
            )
        total += points
    unknown = set(scores) - {code for code, _, _ in items_of(template)}
    if unknown:
        raise ApplicationError(f"평가표에 없는 항목: {', '.join(sorted(unknown))}")
    return total


def average(template: str, sheets: list[dict]) -> Fraction:
    """별지 10 유의사항: the score is the mean of the evaluators' totals (exact)."""
    if not sheets:
        raise ApplicationError("평가위원의 평가표가 하나 이상 있어야 합니다 (별지 10).")
    totals = [evaluator_total(template, s) for s in sheets]
    return Fraction(sum(totals), len(totals))


def eligible(score: Fraction) -> bool:
    """Art. 59①: re-contract possible only at ≥ 80 points (unrounded)."""
    return score >= ELIGIBLE
