"""Pure rules (masking is tested in tests/core/test_masking.py): the fee anomaly rule (≥ 10% m/m,
≥ 7% y/y) and the comparison statistics (median, percentile rank, trend)."""

from decimal import Decimal

from disclosure import comparison
from disclosure.anomalies import fee_flag


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
