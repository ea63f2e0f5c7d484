from django.core.management.base import BaseCommand

from core.errors import ApplicationError
from fees import services

from ._common import fail, get_complex, read_file


class Command(BaseCommand):
    help = "한 달의 관리비 비용을 가져옵니다: import_costs <slug> <YYYY-MM> FILE (CSV/XLSX)"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("period")
        parser.add_argument("file")

    def handle(self, slug, period, file, **options):
        complex_ = get_complex(slug)
        data, name = read_file(file)
        try:
            n = services.costs_import(
                complex=complex_, period=services.parse_period(period), data=data, filename=name
            )
        except ApplicationError as e:
            fail(e)
        self.stdout.write(self.style.SUCCESS(f"비용 {n}행을 저장했습니다."))
