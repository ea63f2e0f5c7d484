from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complexes.models import Complex
from complexes.services import units_import
from core.tabular import ImportFailed


class Command(BaseCommand):
    help = (
        "세대 파일(CSV/XLSX: building,unit,floor,supply_area[,type])을 가져옵니다. "
        "잘못된 행이 있으면 아무것도 저장하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)

    def handle(self, *args, slug, file, **options):
        complex_ = Complex.objects.filter(slug=slug).first()
        if complex_ is None:
            raise CommandError(f"단지 '{slug}'이(가) 없습니다.")
        if not file.is_file():
            raise CommandError(f"파일이 없습니다: {file}")
        try:
            result = units_import(complex=complex_, data=file.read_bytes(), filename=file.name)
        except ImportFailed as e:
            for error in e.errors:
                self.stderr.write(f"{file.name}:{error}")
            raise CommandError(e.message) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"새 세대 {result.created}, 변경 {result.updated}, 변경 없음 {result.unchanged}, "
                f"새 동 {result.buildings_created}"
            )
        )
