"""UnsoldUnit moved to complexes (complexes 0004): dropped from the repairs app's state only —
the table `repairs_unsoldunit` is now the complexes model's, so nothing is deleted."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("repairs", "0003_restrict_instead_of_protect"),
        ("complexes", "0004_unsoldunit_from_repairs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="UnsoldUnit")],
        ),
    ]
