from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from complexes import demo as complexes_demo
from complexes.models import Complex

DEMO_SLUGS = ["hanbit", "saebom"]
# Each app extends the demo story (../shared/domain/90-demo.md) with a `seed(base)` function that
# receives what complexes.demo.seed() returned; they run in this order, in one transaction.
DEMO_STEPS: list[str] = [
    "residents.demo.seed",
    "residents.community.demo.seed",
    "council.demo.seed",
    "council.contracts.demo.seed",  # tender, contracts nearing renewal, audit
    "repairs.demo.seed",
    "fees.demo.seed",
    "elections.demo.seed",
    "disclosure.demo.seed",
]


class Command(BaseCommand):
    help = "데모 데이터를 넣습니다 (있으면 그대로 두고, --reset이면 다시 만듭니다). 운영 설정에서는 거부합니다."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="데이터베이스를 모두 비우고(flush) 데모를 다시 넣습니다. 데모 전용 DB에서만 쓰세요.",
        )

    def handle(self, *args, reset=False, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("운영 설정에서는 데모 데이터를 넣을 수 없습니다 (알려진 비밀번호).")
        exists = Complex.objects.filter(slug__in=DEMO_SLUGS).exists()
        if exists and not reset:
            self.stdout.write("데모 데이터가 이미 있습니다 (다시 만들려면 --reset).")
        else:
            if exists:
                # Kept records are protected by PROTECT foreign keys (records are kept for years,
                # Art. 64①), so a demo reset empties the whole database instead of deleting.
                call_command("flush", interactive=False, verbosity=0)
            with transaction.atomic():
                base = complexes_demo.seed()
                for step in DEMO_STEPS:
                    import_string(step)(base)
            self.stdout.write(self.style.SUCCESS("데모 데이터를 넣었습니다."))
        self.stdout.write(f"\n데모 로그인 (비밀번호 모두 {complexes_demo.DEMO_PASSWORD}):")
        for email, who in complexes_demo.DEMO_LOGINS:
            self.stdout.write(f"  {email:<24} {who}")
