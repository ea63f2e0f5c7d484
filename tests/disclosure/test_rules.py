"""Pure rules: identifier masking (제64조③ proviso, 제57조③), the fee anomaly rule (≥ 10% m/m,
≥ 7% y/y) and the comparison statistics (median, percentile rank, trend)."""

from decimal import Decimal

from disclosure import comparison
from disclosure.anomalies import fee_flag
from disclosure.masking import identifiers_found, mask, mask_name


def test_masks_resident_registration_numbers_phones_units_and_names():
    text = (
        "계약자: 김민수 (주민등록번호 850315-1234567, 연락처 010-2345-6789)\n"
        "사무실 02-555-1234, 101동 1203호 박지영 님이 이의를 제기함."
    )
    out = mask(text, names=["박지영"])
    assert "850315-*******" in out and "1234567" not in out
    assert "010-****-6789" in out and "2345" not in out
    assert "02-****-1234" in out
    assert "101동 1203호" not in out and "***동 ****호" in out
    assert "김*수" in out and "김민수" not in out
    assert "박*영" in out and "박지영" not in out


def test_honorifics_and_titles():
    """A name before 님/씨 is masked; titles (회장님, 관리소장님) are not names."""
    assert mask("김민수씨가 질의함") == "김*수씨가 질의함"
    assert mask("회장님 말씀, 관리소장님이 보고") == "회장님 말씀, 관리소장님이 보고"


def test_mask_name_shapes():
    assert (mask_name("이현"), mask_name("김민수"), mask_name("남궁민수")) == (
        "이*",
        "김*수",
        "남**수",
    )


def test_identifiers_found_lists_what_will_be_hidden():
    found = identifiers_found("성명: 홍길동, 전화 010-1111-2222", names=[])
    assert "성명: 홍길동" in found and "전화번호: 010-1111-2222" in found
    assert identifiers_found("제12차 정기회의 회의록: 안건 3건 의결", names=[]) == []


def test_amounts_and_dates_are_not_mistaken_for_identifiers():
    text = "계약금액 12,345,000원, 계약기간 2026-01-01 ~ 2027-12-31, 안건 제3호"
    assert mask(text) == text


def test_fee_flag_boundaries():
    """10% month on month flags, 9.9% does not; 7% year on year flags, 6.9% does not."""
    assert fee_flag(1_100_000, 1_000_000, None) == "전월 대비 +10.0%"
    assert fee_flag(1_099_000, 1_000_000, None) == ""
    assert fee_flag(900_000, 1_000_000, None) == "전월 대비 -10.0%"
    assert fee_flag(1_070_000, 1_070_000, 1_000_000) == "전년 동월 대비 +7.0%"
    assert fee_flag(1_069_000, 1_069_000, 1_000_000) == ""
    assert fee_flag(1_000_000, None, None) == ""  # the first month has nothing to compare


def test_median_and_percentile_rank():
    values = [Decimal(v) for v in ("1000", "1200", "1100", "1500", "900")]
    assert comparison.median(values) == Decimal("1100")
    assert comparison.median(values[:4]) == Decimal("1150.00")
    assert comparison.percentile_rank(Decimal("900"), values) == 10  # cheapest
    assert comparison.percentile_rank(Decimal("1500"), values) == 90  # dearest
    assert comparison.percentile_rank(Decimal("1100"), values) == 50


def test_trend_compares_last_3_months_with_a_year_earlier():
    series = [Decimal(100)] * 12 + [Decimal(110)] * 12
    t = comparison.trend(series)
    assert (t["label"], t["pct"]) == ("상승", Decimal("10.0"))
    assert comparison.trend([Decimal(100)] * 24)["label"] == "보합"
    assert comparison.trend([Decimal(100)] * 3)["label"] == "자료 부족"


def test_size_and_age_bands():
    assert [comparison.size_band(n) for n in (299, 300, 999, 1000)] == ["s", "m", "m", "l"]
    assert [comparison.age_band(y, 2026) for y in (2017, 2016, 2007, 2006)] == [
        "new",
        "mid",
        "mid",
        "old",
    ]
