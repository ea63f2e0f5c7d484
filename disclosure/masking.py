"""Identifier masking before publication (제64조③ proviso, 제57조③: contracts and minutes are
published "법 제27조제2항 각 호의 정보를 제외하고"; 제64조②: records shown to residents are masked
first). Pure text functions.

What is masked:
- resident registration numbers (주민등록번호 900101-1234567 → 900101-*******),
- phone numbers (010-1234-5678 → 010-****-5678; landlines too),
- unit identifiers (101동 1203호 → ***동 ****호: a partial mask would still point at a household),
- names: every name given in `names` (e.g. the complex's residents), and any 2–4 syllable Hangul
  word after a label such as 성명·이름·대표자·계약자·연락처 담당 (김민수 → 김*수, 이현 → 이*).
"""

import re

RRN = re.compile(r"(?<!\d)(\d{6})\s?-\s?([1-8])\d{6}(?!\d)")
PHONE = re.compile(r"(?<!\d)(01[016789]|0[2-6]\d?|070)([-. )]?)(\d{3,4})([-. ]?)(\d{4})(?!\d)")
UNIT = re.compile(r"\d{2,4}\s?동\s?\d{2,5}\s?호")
LABELLED_NAME = re.compile(
    r"((?:성명|이름|성 명|대표자|계약자|담당자|발언자|신청인|작성자|수령인|민원인)\s*[:：]?\s*"
    r"|(?:회장|감사|이사|위원장|대표이사|관리사무소장|입주민|입주자|동대표)\s*[:：]\s*)([가-힣]{2,4})"
)
# "박서준 님", "김민수 씨": a 2–4 syllable word right before an honorific
HONORIFIC_NAME = re.compile(
    r"(?<![가-힣])([가-힣]{2,4})(\s?(?:님|씨)(?=$|[^가-힣]|[이가은는을를의께에도와과]))"
)


# Words that are titles or roles, not names (accounts sometimes carry them as a display name).
NOT_NAMES = {
    "회장",
    "감사",
    "이사",
    "입주자",
    "사용자",
    "임차인",
    "소유자",
    "관리소장",
    "사무소장",
    "관리인",
    "직원",
    "위원",
    "위원장",
    "대표",
    "대표자",
    "담당자",
    "주민",
    "입주민",
    "관리자",
    "선생",
    "기사",
    "고객",
    "사장",
    "부장",
    "과장",
    "소장",
    "반장",
    "동대표",
    "회원",
    "여러분",
    "어머",
    "아버",
    "부모",
    "이웃",
}
PERSON_NAME = re.compile(r"^[가-힣]{2,4}$")


def person_names(names) -> list[str]:
    """The names worth masking: 2–4 Hangul syllables that are not a title or role."""
    return sorted(
        {
            n.strip()
            for n in names
            if n and PERSON_NAME.match(n.strip()) and n.strip() not in NOT_NAMES
        },
        key=len,
        reverse=True,
    )


def mask_name(name: str) -> str:
    """김민수 → 김*수, 이현 → 이*, 남궁민수 → 남**수."""
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask(text: str, names=()) -> str:
    """The text with every identifier above masked."""
    if not text:
        return text
    text = RRN.sub(lambda m: f"{m.group(1)}-*******", text)
    text = PHONE.sub(lambda m: f"{m.group(1)}{m.group(2)}****{m.group(4)}{m.group(5)}", text)
    text = UNIT.sub("***동 ****호", text)
    text = LABELLED_NAME.sub(
        lambda m: m.group(1) + (m.group(2) if m.group(2) in NOT_NAMES else mask_name(m.group(2))),
        text,
    )
    text = HONORIFIC_NAME.sub(
        lambda m: (m.group(1) if m.group(1) in NOT_NAMES else mask_name(m.group(1))) + m.group(2),
        text,
    )
    for name in person_names(names):
        text = text.replace(name, mask_name(name))
    return text


def identifiers_found(text: str, names=()) -> list[str]:
    """What `mask` would hide, for the office's check before publishing (shown, then masked)."""
    found = []
    for pattern, label in ((RRN, "주민등록번호"), (PHONE, "전화번호"), (UNIT, "동·호수")):
        found += [f"{label}: {m.group(0)}" for m in pattern.finditer(text or "")]
    found += [
        f"성명: {m.group(2)}"
        for m in LABELLED_NAME.finditer(text or "")
        if m.group(2) not in NOT_NAMES
    ]
    found += [
        f"성명: {m.group(1)}"
        for m in HONORIFIC_NAME.finditer(text or "")
        if m.group(1) not in NOT_NAMES
    ]
    found += [f"성명: {n}" for n in person_names(names) if n in (text or "")]
    return list(dict.fromkeys(found))
