import json

from django.core.management.base import BaseCommand, CommandError

from repairs.fund.status import annual_status

from ._common import complex_or_fail

LABELS = [
    ("required_by_plan", "① 장기수선계획상 적립금액"),
    ("per_rate", "② 적립요율에 의한 적립금액"),
    ("accumulated", "③ 적립누계액"),
    ("used", "④ 사용누계액"),
    ("balance", "⑤ 적립잔액 (③-④)"),
    ("need_rest_of_plan", "⑥ 잔여 계획기간 소요액"),
    ("to_accumulate", "⑦ 향후 적립 필요액 (⑥-⑤)"),
]


class Command(BaseCommand):
    help = "장기수선충당금 적립 현황(별지 6)을 그 해 12월 31일 기준으로 출력합니다."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, slug, year, format, **options):
        complex_ = complex_or_fail(slug)
        figures = annual_status(complex=complex_, year=year)
        if figures is None:
            raise CommandError(f"'{slug}' 단지에 장기수선계획이 없습니다.")
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{figures['complex']} 장기수선충당금 적립 현황 ({figures['as_of']} 기준)"
        )
        for key, label in LABELS:
            self.stdout.write(f"  {label:<24} {figures[key]:>18,}원")
