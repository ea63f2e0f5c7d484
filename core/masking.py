"""Masking personal data in text that others read — the ONE place for it.

Published documents, the public pages and open-data API, CSV downloads, council minutes shown to
residents and everything a district official reads go through `mask()` (제64조③ proviso and
제57조③: disclosures are published "법 제27조제2항 각 호의 정보를 제외하고", i.e. without personal
information; 제64조②: records shown on request are masked first; 00-overview.md privacy rules).
Pure text functions with no knowledge of the apps: callers pass the names of the people they know.

What is masked, in every common writing (the tests in tests/core/test_masking.py are the table):

- resident registration numbers, with or without the hyphen (900101-1234567, 9001011234567), as a
  whole — the first six digits are the birth date: ******-*******;
- phone numbers: mobile, landline, 070/050x, with +82 (010-1234-5678, 01012345678,
  +82 10-1234-5678, 02-123-4567, (02) 123-4567) → the middle part: 010-****-5678. Business-wide
  numbers (1588-xxxx) are not personal and stay;
- birth dates, but only when labelled as such (생년월일·생일·출생…: 1990.01.01, 1990-01-01,
  1990년 1월 1일, 900101) and years of birth written "90년생": digits become *. An unlabelled
  date is a meeting day, a contract period or a due date and stays — a birth date without its
  label cannot be told from them; an RRN's date part goes with the RRN;
- car plates (12가3456, 123가4567, 서울12가3456, 12 가 3456) → **가****;
- e-mail addresses → first character, ***, the domain (k***@example.com);
- unit identifiers (102동 804호, 102동804호, 102 동 804 호, 102동 804, 102-804, 1203호) → ***동
  ****호, ***-****, ****호: the whole number, since a partial mask still points at a household.
  A building alone ("101동") stays: notices are addressed to buildings;
- names: every name in `names` (the people of the complex), any 2–4 syllable word after a label
  such as 성명·대표자·담당자 or a title with a colon (회장: 김민수), and a word before 님/씨
  (박서준 님) → 김*수, 이*, 남**수. Titles and roles (회장님, 관리소장님) are not names. A bare
  name of someone the caller does not know ("대표자 김태호" with no colon) cannot be told from a
  word and stays: the office reads the masked preview before it publishes by hand.

Not masked (tests keep these intact): amounts (1,234,567원, 12억3400만원), unlabelled dates
(2026-10-25, 2026.10.25), areas (84.97㎡), article numbers (제34조, 제64조③), agenda and document
numbers (안건 제3호), ranges (300-400명, 2025-2026), times (19:30).

`mask()` is idempotent: masking masked text changes nothing (a * counts as the character it hid,
and masking repeats until nothing more is found).
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

# --- patterns ---------------------------------------------------------------------------------
# A * in the text is a character masked earlier: the boundaries below count it as the digit or
# syllable it stood for, so that masking masked text changes nothing.

EMAIL = re.compile(
    r"(?<![\w.+*@-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)

# 900101-1234567 (any 6 digits with the hyphen), or 13 digits whose first six are a valid date;
# also a half-masked one (900101-1******, 900101-*******) that still shows the birth date.
RRN = re.compile(
    r"(?<![\d*])(?:\d{6}\s?[-–]\s?(?:[1-8]\d{6}|[1-8*xX●○][*xX●○]{6})"
    r"|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[1-8]\d{6})(?![\d*])"
)

_AREA = r"(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])"
PHONE = re.compile(
    r"(?<![\d+*])"
    rf"(?P<prefix>(?:\+\s?82[\s.-]?(?:\(0\)\s?)?|\(?0){_AREA}\)?)"
    r"(?P<sep1>[\s.-]?)(?P<middle>\d{3,4})(?P<sep2>[\s.-]?)(?P<last>\d{4})(?![\d*])"
)

_BIRTH_LABEL = (
    r"(?:생년월일|출생년월일|출생일|생일|생년|출생|[Dd]\.?[Oo]\.?[Bb]\.?|[Dd]ate of [Bb]irth"
    r"|[Bb]irth\s?[Dd]ate)"
)
_DATE = (
    r"(?:\d{2,4}\s?년\s?\d{1,2}\s?월\s?\d{1,2}\s?일"
    r"|\d{2,4}\s?[.\-/]\s?\d{1,2}\s?[.\-/]\s?\d{1,2}\.?"
    r"|\d{6}(?:\d{2})?)(?![\d*])"
)
BIRTH_DATE = re.compile(
    rf"(?P<label>{_BIRTH_LABEL}\s*(?:[:：]|은|는|이|가)?\s*\(?\s*)(?P<date>{_DATE})"
)
BIRTH_YEAR = re.compile(r"(?<![\d*])(\d{2}|(?:19|20)\d{2})(?=\s?년생)")

_REGION = (
    r"(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)"
)
# The syllables a Korean plate uses (private, commercial, rental, military).
_PLATE_SYLLABLE = (
    "[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호육해공국합]"
)
PLATE = re.compile(
    rf"(?:(?<![가-힣]){_REGION}\s?|(?<![\d제*]))\d{{2,3}}\s?{_PLATE_SYLLABLE}\s?\d{{4}}"
    r"(?![\d*])(?!\s?[억만천백원명개건%])"
)

# 102동 804호, 102동804호, 102 동 804 호, 가동 101호, 102동 8층 804호, 102동 804 (no 호)
_BUILDING = r"(?:(?<![\d*])\d{1,4}|(?<![가-힣A-Za-z\d*])[A-Za-z가-힣])"
UNIT = re.compile(
    rf"{_BUILDING}\s?동\s?(?:\d{{1,2}}\s?층\s?)?(?:\d{{1,4}}\s?호|\d{{3,4}}(?![\d*층세명개건%년월일원]))"
)
# 102-804: a building of 2–4 digits (not a year) and a unit number (floor + line, never "00").
UNIT_HYPHEN = re.compile(
    r"(?<![\d*\-–./:,])(?!(?:19|20)\d\d\s?-|1[5-8]\d\d-)[1-9]\d{1,3}-[1-9]\d?(?:0[1-9]|[1-9]\d)"
    r"(?![\d*\-–./:,])(?!\s?(?:[만천억원명개건층평%㎡일월년회차번쪽p]|m²|m2|시간|분))"
)
# 1203호 alone (안건 제3호, 제1203호 and 1호기 are numbers of things, not units)
UNIT_ROOM = re.compile(r"(?<![\d제*])\d{3,4}\s?호(?![선기])")

# A name after a label: with a colon any label (성명: 홍길동, 회장: 김민수); without one only
# the labels that always name a person, and only when a comma, bracket or 님 closes the name
# (담당자 이수진, 02-…; 신청인 홍길동(…)) so that "담당자 변경 안내" and "동별 대표자 선거" keep
# their words.
_NAME_LABELS = (
    r"성명|이름|성 명|대표자|계약자|담당자|발언자|신청인|작성자|수령인|민원인|제보자"
    r"|신고인|보호자|세대주|소유자|임차인|위임인|대리인|후보자|피해자|당사자|참관인|입회인"
)
_TITLE_LABELS = (
    r"회장|부회장|감사|이사|총무|위원장|위원|대표이사|관리사무소장|관리소장|입주민|입주자|동대표"
)
# the name stops where the next label starts ("회장: 강민호성명: 홍길동" holds two names)
_NAME_AFTER_LABEL = rf"[가-힣](?:(?!(?:{_NAME_LABELS}|{_TITLE_LABELS})\s*[:：])[가-힣]){{1,3}}"
LABELLED_NAME = re.compile(rf"((?:{_NAME_LABELS}|{_TITLE_LABELS})\s*[:：]\s*)({_NAME_AFTER_LABEL})")
LABELLED_NAME_LOOSE = re.compile(
    r"((?:성명|이름|계약자|담당자|발언자|신청인|작성자|수령인|민원인|제보자|신고인)\s+)"
    r"([가-힣]{2,4})(?=\s*(?:[(),·/;]|님|씨))"
)
# "박서준 님", "김민수 씨": a 2–4 syllable word right before an honorific
HONORIFIC_NAME = re.compile(
    r"(?<![가-힣*])([가-힣]{2,4})(\s?(?:님|씨)(?=$|[^가-힣*]|[이가은는을를의께에도와과]))"
)

# Words that are titles, roles, forms of address or placeholders, not names (accounts sometimes
# carry them as a display name, and they stand where a name could after a label or before 님).
_NOT_NAMES = """회장 부회장 감사 이사 총무 입주자 사용자 임차인 소유자 관리소장 사무소장 관리사무소장
    관리사무소 관리인 직원 경리 위원 위원장 선거관리위원장 대표 대표자 담당자 주민 입주민 관리자
    선생 기사 고객 사장 부장 과장 대리 주임 소장 반장 통장 이장 팀장 실장 원장 국장 구청장 시장
    주무관 교수 박사 의원 경비원 미화원 관리원 세대원 동대표 회원 여러분 어머 아버 부모 아저 아가
    마음 이웃 본인 세대주 가족 배우자 귀하 해당 기타 미정 없음 공석 결원 궐위 미선출 생략
    비공개 익명 변경 지정 선정 선출 선거 해임 모집 등록 확인 미상 교체 부재 명의 서명 날인"""
NOT_NAMES = frozenset(_NOT_NAMES.split())
_HANGUL = re.compile(r"^[가-힣]+$")


# --- names ------------------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """김민수 → 김*수, 이현 → 이*, 남궁민수 → 남**수."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def person_names(names) -> list[str]:
    """The names worth masking, longest first: 2 characters or more, not a title or role; an
    all-Hangul one of at most 5 syllables (a longer word is an organisation's label)."""
    kept = set()
    for n in names or ():
        n = (n or "").strip()
        if len(n) < 2 or n in NOT_NAMES:
            continue
        if _HANGUL.match(n) and len(n) > 5:
            continue
        kept.add(n)
    return sorted(kept, key=lambda n: (-len(n), n))


def _name_pattern(name: str) -> re.Pattern:
    if _HANGUL.match(name):  # Korean particles stick to a name: 김민수가, 김민수님
        return re.compile(re.escape(name))
    return re.compile(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])")


# --- masking ----------------------------------------------------------------------------------


def _stars(text: str) -> str:
    return re.sub(r"\d", "*", text)


def _mask_email(m: re.Match) -> str:
    return f"{m.group(1)}***@{m.group(2)}"


def _mask_phone(m: re.Match) -> str:
    return f"{m['prefix']}{m['sep1']}****{m['sep2']}{m['last']}"


def _labelled_name(m: re.Match) -> str | None:
    return None if m.group(2) in NOT_NAMES else m.group(2)


def _honorific_name(m: re.Match) -> str | None:
    return None if m.group(1) in NOT_NAMES else m.group(1)


def _mask_labelled(m: re.Match) -> str:
    word = _labelled_name(m)
    return m.group(1) + (mask_name(word) if word else m.group(2))


def _mask_honorific(m: re.Match) -> str:
    word = _honorific_name(m)
    return (mask_name(word) if word else m.group(1)) + m.group(2)


def _whole(m: re.Match) -> str:
    return m.group(0).strip()


# (pattern, replacement, what is shown to the office, the label), applied in this order: an
# e-mail or a registration number first, so their digits are not read as a phone or a date.
_STEPS = (
    (EMAIL, _mask_email, _whole, _l("이메일")),
    (RRN, "******-*******", _whole, _l("주민등록번호")),
    (BIRTH_DATE, lambda m: m["label"] + _stars(m["date"]), lambda m: m["date"], _l("생년월일")),
    (BIRTH_YEAR, lambda m: _stars(m.group(1)), lambda m: m.group(1) + "년생", _l("생년월일")),
    (PHONE, _mask_phone, _whole, _l("전화번호")),
    (UNIT, "***동 ****호", _whole, _l("동·호수")),
    (UNIT_HYPHEN, "***-****", _whole, _l("동·호수")),
    (UNIT_ROOM, "****호", _whole, _l("동·호수")),
    (PLATE, lambda m: _stars(m.group(0)), _whole, _l("차량번호")),
)
# …then the names the caller knows, then names recognised by their label or honorific.
_NAME_STEPS = (
    (LABELLED_NAME, _mask_labelled, _labelled_name, _l("성명")),
    (LABELLED_NAME_LOOSE, _mask_labelled, _labelled_name, _l("성명")),
    (HONORIFIC_NAME, _mask_honorific, _honorific_name, _l("성명")),
)


def _apply(steps, text: str, found: list | None) -> str:
    for pattern, replacement, shown, label in steps:
        if found is not None:
            found += [f"{label}: {w}" for w in map(shown, pattern.finditer(text)) if w]
        text = pattern.sub(replacement, text)
    return text


def _run(text: str, names, found: list | None) -> str:
    text = _apply(_STEPS, text, found)
    for name in person_names(names):
        pattern = _name_pattern(name)
        if found is not None and pattern.search(text):
            found.append(f"{_('성명')}: {name}")
        text = pattern.sub(mask_name(name), text)
    return _apply(_NAME_STEPS, text, found)


def _until_stable(text: str, names, found: list | None) -> str:
    """Mask until nothing more is found: text glued together (two matches sharing a character,
    "이현 님이현 님") can show an identifier only once its neighbour is masked. Each pass only
    turns characters into *, so it settles within a pass or two."""
    for _pass in range(5):
        masked = _run(text, names, found)
        if masked == text:
            break
        text = masked
    return text


def mask(text: str, names=()) -> str:
    """`text` with every identifier listed in the module's docstring masked."""
    if not text:
        return text
    return _until_stable(text, names, None)


def identifiers_found(text: str, names=()) -> list[str]:
    """What `mask` would hide, each with its kind ("전화번호: 010-1234-5678"), for the office's
    check before publishing."""
    found: list[str] = []
    _until_stable(text or "", names, found)
    return list(dict.fromkeys(found))
