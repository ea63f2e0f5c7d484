from django.core.management.base import BaseCommand

from core.errors import ApplicationError
from fees import services

from ._common import fail, get_complex, read_file


class Command(BaseCommand):
    help = "입금 내역을 가져옵니다: import_payments <slug> FILE (building,unit,paid_on,amount,reference)"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file")

    def handle(self, slug, file, **options):
        complex_ = get_complex(slug)
        data, name = read_file(file)
        try:
            result = services.payments_import(complex=complex_, data=data, filename=name)
        except ApplicationError as e:
            fail(e)
        self.stdout.write(
            self.style.SUCCESS(
                f"입금 {result['created']}건을 저장했습니다 (이미 있던 참조 {result['skipped']}건, "
                f"이미 가져온 행 {result['skipped_rows']}건 건너뜀)."
            )
        )
