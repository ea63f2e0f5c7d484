"""Recalls collecting written consent get the shared petition (residents/petitions).

A consent given from a resident's own account is carried over as that household's online
signature. A consent typed in with only a name (no account) cannot be verified — it is the very
hole this change closes — so it is not carried over; the recall's note says how many were
dropped, and the office can record them again from the paper consent with its scan. A recall
that already reached the committee keeps its state."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def forwards(apps, schema_editor):
    Recall = apps.get_model("elections", "Recall")
    RecallConsent = apps.get_model("elections", "RecallConsent")
    Petition = apps.get_model("residents", "Petition")
    PetitionSignature = apps.get_model("residents", "PetitionSignature")
    Unit = apps.get_model("complexes", "Unit")
    for recall in Recall.objects.filter(initiation="consent", petition__isnull=True):
        units = Unit.objects.filter(complex_id=recall.complex_id)
        if recall.office == "ward_rep" and recall.ward_id:
            ward = recall.ward
            units = units.filter(
                Q(building__in=ward.buildings.all()) | Q(pk__in=ward.units.all())
            ).distinct()
        roll = units.count() or 1
        collecting = recall.state == "collecting"
        petition = Petition.objects.create(
            complex_id=recall.complex_id,
            kind="recall",
            rule="households",
            threshold=-(-roll // 10),
            roll_size=roll,
            ward_id=recall.ward_id if recall.office == "ward_rep" else None,
            title=f"{recall.subject_name} 해임 요청"[:200],
            summary=recall.grounds_text or "-",
            target_id=recall.pk,
            representative_name="-",
            started_by_id=recall.created_by_id,
            started_at=recall.created_at,
            status="collecting" if collecting else "reached",
            reached_at=None if collecting else timezone.now(),
            outcome="" if collecting else "이전 방식으로 접수된 해임 요청",
        )
        dropped = 0
        for consent in RecallConsent.objects.filter(recall=recall):
            if consent.user_id is None:
                dropped += 1
                continue
            PetitionSignature.objects.create(
                complex_id=recall.complex_id,
                petition=petition,
                channel="online",
                key=f"u{consent.unit_id}",
                unit_id=consent.unit_id,
                signer_name=consent.signer_name[:50],
                proxy_for=consent.proxy_for[:50],
                user_id=consent.user_id,
                signed_at=consent.created_at,
            )
        recall.petition = petition
        fields = ["petition"]
        if dropped:
            recall.state_note = (
                f"계정 없이 이름만 입력된 동의 {dropped}건은 확인할 수 없어 세지 않습니다 "
                "(서면은 관리사무소가 스캔과 함께 다시 등록)"
            )[:200]
            fields.append("state_note")
        recall.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0004_recall_petition"),
        ("residents", "0003_petitions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
