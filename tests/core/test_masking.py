"""core.masking, table by table (제64조③ proviso, 제57조③: what is published leaves out personal
information; 00-overview.md privacy rules: "101동 12**호" still gives the household away, so
units are masked whole). Each row is a real way Koreans write the thing; the negative table is
what must survive untouched (amounts, meeting dates, areas, article numbers)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.masking import identifiers_found, mask, mask_name, person_names

PHONES = [
    ("010-1234-5678", "010-****-5678"),
    ("01012345678", "010****5678"),
    ("010 1234 5678", "010 **** 5678"),
    ("010.1234.5678", "010.****.5678"),
    ("011-123-4567", "011-****-4567"),
    ("+82 10-1234-5678", "+82 10-****-5678"),
    ("+82-10-1234-5678", "+82-10-****-5678"),
    ("+821012345678", "+8210****5678"),
    ("+82 (0)10 1234 5678", "+82 (0)10 **** 5678"),
    ("02-123-4567", "02-****-4567"),
    ("02-1234-5678", "02-****-5678"),
    ("(02) 123-4567", "(02) ****-4567"),
    ("02)123-4567", "02)****-4567"),
    ("031-123-4567", "031-****-4567"),
    ("0311234567", "031****4567"),
    ("064-712-3456", "064-****-3456"),
    ("070-1234-5678", "070-****-5678"),
    ("0505-123-4567", "0505-****-4567"),
    ("연락처:010-2345-6789)", "연락처:010-****-6789)"),
    ("TEL 02-555-0198 · FAX 02-555-0199", "TEL 02-****-0198 · FAX 02-****-0199"),
]

RRNS = [
    ("900101-1234567", "******-*******"),
    ("900101 - 2234567", "******-*******"),
    ("9001011234567", "******-*******"),
    ("020315-3234567", "******-*******"),
    ("900101-1******", "******-*******"),
    ("900101-*******", "******-*******"),
    ("주민등록번호 700512-1234567 ·", "주민등록번호 ******-******* ·"),
]

BIRTH_DATES = [
    ("생년월일: 1990.01.01", "생년월일: ****.**.**"),
    ("생년월일 1990-01-01", "생년월일 ****-**-**"),
    ("생년월일 1990. 1. 1.", "생년월일 ****. *. *."),
    ("생년월일은 1990년 1월 1일", "생년월일은 ****년 *월 *일"),
    ("생년월일 900101", "생년월일 ******"),
    ("생년월일 19900101", "생년월일 ********"),
    ("(생년월일: 90.01.01)", "(생년월일: **.**.**)"),
    ("생일 1990/1/1", "생일 ****/*/*"),
    ("출생일 1990년1월1일", "출생일 ****년*월*일"),
    ("DOB 1990-01-01", "DOB ****-**-**"),
    ("1990년생 입주민", "****년생 입주민"),
    ("90년생", "**년생"),
]

PLATES = [
    ("12가3456", "**가****"),
    ("123가4567", "***가****"),
    ("서울12가3456", "서울**가****"),
    ("서울 12가 3456", "서울 **가 ****"),
    ("경기123바4567", "경기***바****"),
    ("차량번호: 12 가 3456", "차량번호: ** 가 ****"),
    ("(69허1234 렌터카)", "(**허**** 렌터카)"),
]

EMAILS = [
    ("hong@example.com", "h***@example.com"),
    ("hong.gildong+apt@mail.example.co.kr", "h***@mail.example.co.kr"),
    ("이메일: kim1203@naver.com 으로", "이메일: k***@naver.com 으로"),
    ("<a@b.kr>", "<a***@b.kr>"),
]

UNITS = [
    ("102동 804호", "***동 ****호"),
    ("102동804호", "***동 ****호"),
    ("102 동 804 호", "***동 ****호"),
    ("101동 1203호", "***동 ****호"),
    ("102동 804", "***동 ****호"),
    ("102동 8층 804호", "***동 ****호"),
    ("가동 101호", "***동 ****호"),
    ("B동 1203호", "***동 ****호"),
    ("102-804", "***-****"),
    ("102-804호 누수", "***-****호 누수"),
    ("102-804 세대", "***-**** 세대"),
    ("(101-1203)", "(***-****)"),
    ("1203호 입주민", "****호 입주민"),
    ("804호에서", "****호에서"),
    ("한빛101동 1203호", "한빛***동 ****호"),
]

NAMES = [
    ("성명: 홍길동, 전화 010-1111-2222", "성명: 홍*동, 전화 010-****-2222"),
    ("대표자: 김태호", "대표자: 김*호"),
    ("신청인 김태호 (101동 1203호)", "신청인 김*호 (***동 ****호)"),
    ("담당자: 이수진, 02-3423-5678", "담당자: 이*진, 02-****-5678"),
    ("회장: 강민호", "회장: 강*호"),
    ("발언자: 남궁민수 — 안건 설명", "발언자: 남**수 — 안건 설명"),
    ("박서준 님의 건의", "박*준 님의 건의"),
    ("김민수씨가 질의함", "김*수씨가 질의함"),
    ("이현 님", "이* 님"),
]

UNTOUCHED = [
    "계약금액 1,234,567원",
    "월 38,500,000원 (부가세 포함)",
    "12억3400만원",
    "12조3456억원",
    "정기회의 2026-10-25 19:30",
    "2026.10.25 관리사무소 회의실",
    "2026년 10월 25일 개최",
    "계약기간 2026-01-01 ~ 2027-12-31",
    "2025-2026 회계연도",
    "전용면적 84.97㎡, 공급면적 114.5m²",
    "관리규약 제34조, 제64조③, 제34조의2",
    "안건 제3호, 법률 제12345호, 제1203호",
    "300-400명 참석, 100-200만원",
    "대표번호 1588-1234",
    "101동 방송, 101동 120세대, 101동 15층",
    "2호선 1호기",
    "회장님 말씀, 관리소장님이 보고",
    "담당자 변경 안내",
    "담당자 지정(관리사무소)",
    "동별 대표자 선거",
    "제2선거구 동별 대표자 선거 (2025), 동별 대표자 해임투표",
    "아저씨가 왔다",
    "전월 대비 -10.0%",
    "찬성 5, 반대 1 으로 가결",
    "제12차 정기회의 회의록: 안건 3건 의결",
    "동별 대표자 6명 (정원 7명, 미선출 1명)",
    "출생 신고 안내",
    "3층 12호",
]


@pytest.mark.parametrize(
    ("text", "masked"), PHONES + RRNS + BIRTH_DATES + PLATES + EMAILS + UNITS + NAMES
)
def test_masks(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", UNTOUCHED)
def test_leaves_what_is_not_personal(text):
    assert mask(text) == text
    assert identifiers_found(text) == []


@pytest.mark.parametrize(
    "text", [t for t, _ in PHONES + RRNS + BIRTH_DATES + PLATES + EMAILS + UNITS + NAMES]
)
def test_masking_is_idempotent_and_found(text):
    once = mask(text)
    assert mask(once) == once
    assert identifiers_found(text) != []
    assert identifiers_found(once) == []


def test_known_names_are_masked_wherever_they_stand():
    text = "강민호회장과 김하늘이 참석, Jane Doe attended (Janet too)"
    out = mask(text, names=["강민호", "김하늘", "Jane Doe", "Jan", "회장", "A"])
    assert out == "강*호회장과 김*늘이 참석, J******e attended (Janet too)"


def test_person_names_skips_titles_and_long_labels():
    assert person_names(["김민수", "회장", "관리사무소장", "입주자", "", "A", "홍길1"]) == [
        "김민수",
        "홍길1",
    ]


def test_mask_name_shapes():
    assert [mask_name(n) for n in ("이현", "김민수", "남궁민수", "홍", "")] == [
        "이*",
        "김*수",
        "남**수",
        "*",
        "",
    ]


def test_identifiers_found_labels_each_kind():
    found = identifiers_found(
        "성명: 홍길동, 전화 010-1111-2222, 101동 1203호, 생년월일 900101, 12가3456, a@b.kr",
        names=["박지영"],
    )
    assert found == [
        "이메일: a@b.kr",
        "생년월일: 900101",
        "전화번호: 010-1111-2222",
        "동·호수: 101동 1203호",
        "차량번호: 12가3456",
        "성명: 홍길동",
    ]


def test_a_whole_notice():
    """The notice of issue [1/9]: birth date, plate, e-mail and 102-804 were kept."""
    notice = (
        "분실물 안내\n습득자: 102-804 세대 (생년월일 1985.03.02)\n"
        "차량 12가3456 차주께서는 hong@example.com 또는 010-2345-6789로 연락 바랍니다.\n"
        "관리사무소 2026-10-25 19:30, 공고 제34조"
    )
    out = mask(notice)
    for kept in ("1985.03.02", "12가3456", "hong@", "102-804", "2345-6789"):
        assert kept not in out
    assert "2026-10-25 19:30, 공고 제34조" in out


# Pieces of the tables above glued in any order, with separators and stray digits between them:
# patterns must not feed each other (a masked phone read as a unit, a unit as a plate …).
PIECES = [t for t, _ in PHONES + RRNS + BIRTH_DATES + PLATES + EMAILS + UNITS + NAMES] + UNTOUCHED
GLUE = ["", " ", "-", ".", "1", "12", "호", "동", "가", "님", "\n", ":", "(", ")"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.sampled_from(GLUE), max_size=8).map("".join))
def test_masking_twice_is_masking_once(text):
    once = mask(text, names=["김민수"])
    assert mask(once, names=["김민수"]) == once
    assert identifiers_found(once, names=["김민수"]) == []
