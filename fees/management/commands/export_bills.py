import json

from django.core.management.base import BaseCommand

from core.errors import ApplicationError
from core.exports import csv_writer
from fees import exports, services

from ._common import fail, get_complex


class Command(BaseCommand):
    help = "한 달의 고지서를 내보냅니다: export_bills <slug> <YYYY-MM> --format json|csv"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("period")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, slug, period, format="json", **options):
        complex_ = get_complex(slug)
        try:
            rows = exports.bill_rows(complex=complex_, period=services.parse_period(period))
        except ApplicationError as e:
            fail(e)
        if format == "json":
            json.dump(rows, self.stdout, ensure_ascii=False, indent=1, default=str)
            self.stdout.write("")
            return
        writer = csv_writer(self.stdout)
        writer.writerow(exports.CSV_COLUMNS)
        for r in rows:
            writer.writerow(
                [
                    json.dumps(r[c], ensure_ascii=False) if c == "lines" else r[c]
                    for c in exports.CSV_COLUMNS
                ]
            )
