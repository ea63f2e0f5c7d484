from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from repairs.services import PLAN_COLUMNS, parse_month, plan_import

from ._common import complex_or_fail, fail


class Command(BaseCommand):
    help = (
        "장기수선계획 파일(CSV/XLSX: " + ",".join(PLAN_COLUMNS) + ")을 새 차수로 가져옵니다. "
        "잘못된 행이 있으면 아무것도 저장하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument("--start", required=True, help="계획기간 시작 YYYY-MM")
        parser.add_argument("--end", required=True, help="계획기간 종료 YYYY-MM")
        parser.add_argument("--reason", default="")

    def handle(self, *args, slug, file, start, end, reason, **options):
        complex_ = complex_or_fail(slug)
        if not file.is_file():
            raise CommandError(f"파일이 없습니다: {file}")
        try:
            result = plan_import(
                complex=complex_,
                data=file.read_bytes(),
                filename=file.name,
                start_month=parse_month(start, "--start"),
                end_month=parse_month(end, "--end"),
                reason=reason,
            )
        except ApplicationError as e:
            fail(self, e)
        kept = "유지" if result.phases_kept else "없음 (set_reserve_phases로 설정)"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.revision.number}차 계획을 만들었습니다: 공사종별 {result.components}개, "
                f"적립 단계 {kept}."
            )
        )
