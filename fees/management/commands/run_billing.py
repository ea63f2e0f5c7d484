from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from fees import services

from ._common import fail, get_complex


class Command(BaseCommand):
    help = "관리비를 부과합니다: run_billing <slug> <YYYY-MM> [--issue] [--issued-on YYYY-MM-DD]"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("period")
        parser.add_argument("--issue", action="store_true", help="초안을 만들고 바로 발행합니다.")
        parser.add_argument("--issued-on", dest="issued_on", help="발행일 (기본: 오늘)")

    def handle(self, slug, period, issue=False, issued_on=None, **options):
        complex_ = get_complex(slug)
        try:
            issued = date.fromisoformat(issued_on) if issued_on else None
        except ValueError as e:
            raise CommandError(f"발행일은 YYYY-MM-DD 형식이어야 합니다: {issued_on}") from e
        try:
            p = services.parse_period(period)
            if issue:
                run = services.billing_run_issue(complex=complex_, period=p, issued_on=issued)
            else:
                run = services.billing_run_draft(complex=complex_, period=p, issued_on=issued)
        except ApplicationError as e:
            fail(e)
        s = run.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.label} {run.get_status_display()}: 고지서 {s['units']}장, 당월 부과 {s['charges']:,}원, "
                f"청구 합계 {s['total_due']:,}원, 납부기한 {run.due_date}"
            )
        )
        for note in run.notes:
            self.stdout.write(f"  참고: {note}")
