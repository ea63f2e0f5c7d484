"""One object of each repairs model in a tenant's complex, "ALPHA"/"BETA" visible (tenancy walk)."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from complexes import services as complexes_services
from repairs import services
from tests.repairs.helpers import plan_alpha, resolution


def populate(tenant):
    c = tenant.complex
    tag = c.slug.upper()  # "ALPHA" in alpha, "BETA" in beta
    plan_alpha(c, tag=tag)
    services.settings_update(complex=c, minimum_price_per_m2=0)
    services.review_record(complex=c, reviewed_on=date(2025, 3, 2), findings=f"{tag} 검토")
    services.entry_record(
        complex=c,
        kind="opening",
        entry_date=date(2024, 12, 31),
        amount=1_000_000,
        memo=f"{tag} 이월",
    )
    plan = services.usage_plan_create(complex=c, title=f"{tag} 외벽 도장", estimated_amount=500_000)
    services.usage_plan_approve(usage_plan=plan, resolution=resolution(c))
    services.usage_plan_contract(
        usage_plan=plan,
        contractor=f"{tag} 도장",
        amount=450_000,
        contracted_on=timezone.localdate(),
    )
    services.spending_record(
        usage_plan=plan,
        entry_date=timezone.localdate(),
        amount=450_000,
        memo=f"{tag} 도장 대금",
        final=True,
    )
    services.document_add(
        usage_plan=plan,
        kind="photo_after",
        file=ContentFile(tag.encode(), name="after.txt"),
        caption=f"{tag} 사진",
    )
    complexes_services.unsold_mark(
        unit=tenant.lessee_unit, developer=f"{tag} 건설", since=date(2010, 1, 1)
    )
    services.annual_status_prepare(complex=c, year=2025)
    from repairs.models import RepairWarning

    RepairWarning.objects.create(complex=c, key=tag, message=tag)
