from django.core.management.base import BaseCommand

from core.errors import ApplicationError
from repairs.plan.reserve import reserve_basis
from repairs.services import parse_phase_specs, phases_set

from ._common import complex_or_fail, fail


class Command(BaseCommand):
    help = (
        "연차별 적립요율 단계(제83조①)를 새 차수로 설정합니다: START:END:RATE … "
        "(예: 2001-01:2010-12:20 2011-01:2020-12:30). 계획기간을 빈틈·겹침 없이 덮고 합이 100%여야 합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("phases", nargs="+")
        parser.add_argument("--reason", default="")

    def handle(self, *args, slug, phases, reason, **options):
        complex_ = complex_or_fail(slug)
        try:
            revision = phases_set(complex=complex_, specs=parse_phase_specs(phases), reason=reason)
        except ApplicationError as e:
            fail(self, e)
        self.stdout.write(self.style.SUCCESS(f"{revision.number}차: 적립 단계를 설정했습니다."))
        for phase in revision.phases.all():
            basis = reserve_basis(complex=complex_, period=phase.start_month, revision=revision)
            price = basis.formula_price
            self.stdout.write(
                f"  {phase.start_month:%Y-%m}~{phase.end_month:%Y-%m} {phase.rate}% → "
                f"{'-' if price is None else f'{float(price):,.2f}'}원/㎡·월"
            )
