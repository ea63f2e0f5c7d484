"""Recording the daycare lease (Art. 66) and the insurance policies (Art. 72)."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError

from .. import leases
from ..lease_models import DaycareLease, InsurancePolicy


@transaction.atomic
def daycare_lease_record(*, complex, by, **values) -> DaycareLease:
    """Record a lease or commission. Art. 66①: the method a majority of all households approved
    (the vote runs in the elections app; its reference is `method_vote`); 66⑥: term 3–5 years,
    and rent + deposit × r ÷ 12 ≤ 5% of the full-capacity monthly fee income, r the 1-year
    deposit rate of the bank with the largest household-loan share on a stated date."""
    lease = DaycareLease(complex=complex, **values)
    if not lease.method_vote.strip():
        raise ApplicationError(
            _("운영 방식에 대한 전체 세대 과반수 찬성(주민투표)을 적어 주세요 (제66조①)."),
            {"field": "method_vote"},
        )
    leases.check_term(lease.starts_on, lease.ends_on)
    if not lease.classes or any(
        int(c.get("capacity", 0)) < 0 or int(c.get("fee", 0)) < 0 for c in lease.classes
    ):
        raise ApplicationError(_("연령별 정원과 보육료를 적어 주세요."), {"field": "classes"})
    if lease.deposit and (not lease.rate_bp or not lease.rate_on or not lease.rate_bank.strip()):
        raise ApplicationError(
            _("보증금 환산에 쓸 은행·금리·기준일을 적어 주세요 (제66조⑥)."), {"field": "rate_bp"}
        )
    check = leases.rent_check(
        monthly_rent=lease.monthly_rent,
        deposit=lease.deposit,
        rate_bp=lease.rate_bp,
        classes=lease.classes,
    )
    if not check.ok:
        raise ApplicationError(
            _(
                "월 임대료와 보증금 환산액의 합(%(c)s원)이 정원 기준 월 보육료 수입의 5%%"
                "(%(cap)s원)를 넘습니다 (제66조⑥)."
            )
            % {"c": f"{float(check.monthly_charge):,.0f}", "cap": f"{float(check.cap):,.0f}"},
            {"field": "monthly_rent"},
        )
    lease.save()
    return lease


@transaction.atomic
def insurance_policy_record(*, complex, by, **values) -> InsurancePolicy:
    policy = InsurancePolicy(complex=complex, **values)
    if policy.ends_on <= policy.starts_on:
        raise ApplicationError(_("보험 종료일이 시작일보다 늦어야 합니다."), {"field": "ends_on"})
    if InsurancePolicy.objects.filter(
        complex=complex, insurer=policy.insurer, policy_no=policy.policy_no
    ).exists():
        raise ApplicationError(_("이미 등록한 증권번호입니다."), {"field": "policy_no"})
    policy.save()
    return policy
