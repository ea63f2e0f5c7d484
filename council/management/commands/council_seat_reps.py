from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complexes.models import Complex
from core.tabular import ImportFailed
from council.imports import representatives_import


class Command(BaseCommand):
    help = (
        "서면 선거 후 동별 대표자를 파일(CSV/XLSX: ward,name,term_start[,email,term_end,"
        "by_election,birth_year,building,unit,office])로 한꺼번에 등록합니다 (제17·18·24조 "
        "규칙 그대로). 잘못된 행이 하나라도 있으면 아무도 등록하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="", help="선출 근거 (예: 제5기 동별 대표자 선거)")

    def handle(self, *args, slug, file, source, **options):
        complex_ = Complex.objects.filter(slug=slug).first()
        if complex_ is None:
            raise CommandError(f"단지 '{slug}'이(가) 없습니다.")
        if not file.is_file():
            raise CommandError(f"파일이 없습니다: {file}")
        try:
            result = representatives_import(
                complex=complex_, data=file.read_bytes(), filename=file.name, source=source
            )
        except ImportFailed as e:
            for error in e.errors:
                self.stderr.write(f"{file.name}:{error}")
            raise CommandError(e.message) from e
        self.stdout.write(
            self.style.SUCCESS(f"동별 대표자 {result.seated}명 등록, 임원 {result.officers}명 선임")
        )
