from datetime import date

from django.core.management.base import BaseCommand, CommandError

from complexes.models import HeatingType, ManagementMethod
from complexes.services import complex_create
from core.errors import ApplicationError


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise CommandError(f"날짜는 YYYY-MM-DD 형식이어야 합니다: {text}") from e


class Command(BaseCommand):
    help = "단지를 만듭니다: create_complex <slug> --name … --district-code … --district-name … --approved-on YYYY-MM-DD"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--district-code", required=True)
        parser.add_argument("--district-name", required=True)
        parser.add_argument("--approved-on", required=True, type=_date)
        parser.add_argument("--city", default="서울특별시")
        parser.add_argument("--address", default="")
        parser.add_argument(
            "--heating-type", choices=HeatingType.values, default=HeatingType.INDIVIDUAL
        )
        parser.add_argument(
            "--management-method", choices=ManagementMethod.values, default=ManagementMethod.SELF
        )

    def handle(self, *args, **o):
        try:
            complex_ = complex_create(
                slug=o["slug"],
                name=o["name"],
                district_code=o["district_code"],
                district_name=o["district_name"],
                approved_on=o["approved_on"],
                city=o["city"],
                address=o["address"],
                heating_type=o["heating_type"],
                management_method=o["management_method"],
            )
        except ApplicationError as e:
            raise CommandError(e.message) from e
        self.stdout.write(
            self.style.SUCCESS(f"단지 '{complex_.name}' ({complex_.slug})을(를) 만들었습니다.")
        )
