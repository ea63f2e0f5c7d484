"""Charge item codes, names, default bases and bill sections (20-fees.md, 별표 5–7)."""

from django.db import models


class Basis(models.TextChoices):
    AREA = "area", "면적 비례"
    HOUSEHOLD = "household", "세대 균등"
    USAGE = "usage", "사용량 비례"
    UNIT_PRICE = "unit_price", "사용량 × 단가"
    METERED_AMOUNT = "metered_amount", "검침 금액"
    FIXED = "fixed", "세대당 정액"
    DIRECT = "direct", "지정 세대"


class Section(models.TextChoices):
    MANAGEMENT = "management", "관리비"
    USAGE = "usage", "사용료"
    RESERVE = "reserve", "장기수선충당금"
    OTHER = "other", "기타"


# code: (Korean name, default basis, section under central heating)
ITEMS = {
    "general_admin": ("일반관리비", Basis.AREA, Section.MANAGEMENT),
    "cleaning": ("청소비", Basis.AREA, Section.MANAGEMENT),
    "security": ("경비비", Basis.AREA, Section.MANAGEMENT),
    "disinfection": ("소독비", Basis.AREA, Section.MANAGEMENT),
    "elevator_maintenance": ("승강기유지비", Basis.AREA, Section.MANAGEMENT),
    "heating": ("난방비", Basis.USAGE, Section.MANAGEMENT),
    "hot_water": ("급탕비", Basis.UNIT_PRICE, Section.MANAGEMENT),
    "home_network": ("지능형 홈네트워크 설비유지비", Basis.HOUSEHOLD, Section.MANAGEMENT),
    "repair_maintenance": ("수선유지비", Basis.AREA, Section.MANAGEMENT),
    "commission": ("위탁관리수수료", Basis.AREA, Section.MANAGEMENT),
    "contingency": ("예비비 사용", Basis.AREA, Section.OTHER),
    "common_electricity": ("공용시설 전기료", Basis.AREA, Section.USAGE),
    "elevator_electricity": ("승강기 전기료", Basis.HOUSEHOLD, Section.USAGE),
    "common_water": ("공동 수도료", Basis.AREA, Section.USAGE),
    "electricity": ("세대 전기료", Basis.METERED_AMOUNT, Section.USAGE),
    "tv_license": ("TV 수신료", Basis.FIXED, Section.USAGE),
    "water": ("세대 수도료", Basis.METERED_AMOUNT, Section.USAGE),
    "gas": ("세대 가스료", Basis.METERED_AMOUNT, Section.USAGE),
    "septic": ("정화조오물수수료", Basis.AREA, Section.USAGE),
    "waste": ("생활폐기물수수료", Basis.HOUSEHOLD, Section.USAGE),
    "council_operations": ("입주자대표회의 운영비", Basis.HOUSEHOLD, Section.USAGE),
    "insurance": ("건물보험료", Basis.AREA, Section.USAGE),
    "election_operations": ("선거관리위원회 운영경비", Basis.HOUSEHOLD, Section.USAGE),
    "facility_use": ("공동시설물 사용료", Basis.DIRECT, Section.USAGE),
    "shared_repair": ("공동사용 시설보수비", Basis.DIRECT, Section.USAGE),
}
COMPUTED = {
    "repair_reserve": ("장기수선충당금", Section.RESERVE),
    "misc_income_credit": ("잡수입 차감", Section.MANAGEMENT),
    "late_fee": ("연체료", Section.OTHER),
    "adjustment": ("정정", Section.OTHER),
    # Art. 82③: a surplus of usage charges collected for a supplier, deducted from the usage
    # charges of a later month (fees.services.usage_reconcile)
    "usage_refund": ("사용료 잉여금 차감", Section.USAGE),
    "violation_fine": ("위반금", Section.OTHER),
}
ITEM_CODES = list(ITEMS)
ITEM_CHOICES = [(code, name) for code, (name, *_) in ITEMS.items()]
UTILITIES = ["electricity", "water", "gas", "heating", "hot_water"]
UTILITY_NAMES = {
    "electricity": "전기",
    "water": "수도",
    "gas": "가스",
    "heating": "난방",
    "hot_water": "급탕",
}
UTILITY_UNITS = {
    "electricity": "kWh",
    "water": "㎥",
    "gas": "㎥",
    "heating": "Gcal",
    "hot_water": "㎥",
}
# 별표 5 item 6/7 vs 별표 7: under district heating, heating and hot water are usage charges.
DISTRICT_USAGE = {"heating", "hot_water"}


def item_name(code: str) -> str:
    if code in ITEMS:
        return ITEMS[code][0]
    if code in COMPUTED:
        return COMPUTED[code][0]
    return code


def section_of(code: str, heating_type: str = "central") -> str:
    if code in DISTRICT_USAGE and heating_type == "district":
        return Section.USAGE
    if code in ITEMS:
        return ITEMS[code][2]
    return COMPUTED[code][1]
