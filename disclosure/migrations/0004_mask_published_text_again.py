"""Data migration: publications and fee reasons stored before core.masking existed were masked by
the older rules, which kept e-mails, birth dates, car plates, "102-804" units and the date part
of resident registration numbers. Mask the stored text again with today's rules (names were
already masked when stored; the patterns are what changed). Masking is idempotent, so rows that
are already clean are left as they are."""

from django.db import migrations


def mask_again(apps, schema_editor):
    from core.masking import mask

    Publication = apps.get_model("disclosure", "Publication")
    FeeSummary = apps.get_model("disclosure", "FeeSummary")
    for model, fields in ((Publication, ("title", "body")), (FeeSummary, ("reason",))):
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            before = [getattr(row, f) for f in fields]
            for f in fields:
                setattr(row, f, mask(getattr(row, f)))
            if before != [getattr(row, f) for f in fields]:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_comparison_index_without_include")]

    operations = [migrations.RunPython(mask_again, migrations.RunPython.noop)]
