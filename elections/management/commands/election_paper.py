from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complexes.models import Complex
from core.errors import ApplicationError
from core.tabular import ImportFailed
from elections.imports import paper_counts_import, paper_marks_import
from elections.models import Vote


class Command(BaseCommand):
    help = (
        "현장(종이) 투표를 파일로 한꺼번에 기록합니다 (제12조②, 제48조). "
        "marks: 투표 기간 중 현장 투표 세대 (building,unit). "
        "counts: 마감 후 투표함 집계표 (item,count — 기호/찬성/반대/유효/백지/무효). "
        "잘못된 행이 하나라도 있으면 아무것도 기록하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["marks", "counts"])
        parser.add_argument("slug")
        parser.add_argument("vote", type=int, help="투표 id")
        parser.add_argument("file", type=Path)

    def handle(self, *args, what, slug, vote, file, **options):
        complex_ = Complex.objects.filter(slug=slug).first()
        if complex_ is None:
            raise CommandError(f"단지 '{slug}'이(가) 없습니다.")
        vote_obj = Vote.objects.filter(complex=complex_, pk=vote).first()
        if vote_obj is None:
            raise CommandError(f"{slug}에 투표 {vote}이(가) 없습니다.")
        if not file.is_file():
            raise CommandError(f"파일이 없습니다: {file}")
        run = paper_marks_import if what == "marks" else paper_counts_import
        try:
            n = run(vote=vote_obj, data=file.read_bytes(), filename=file.name)
        except ImportFailed as e:
            for error in e.errors:
                self.stderr.write(f"{file.name}:{error}")
            raise CommandError(e.message) from e
        except ApplicationError as e:
            raise CommandError(e.message) from e
        label = "현장 투표 세대" if what == "marks" else "현장 투표지"
        self.stdout.write(self.style.SUCCESS(f"{label} {n}건을 기록했습니다."))
