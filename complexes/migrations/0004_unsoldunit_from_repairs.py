"""UnsoldUnit belongs to the tenant base (issue [2/9]): the model moves from repairs to complexes
in Django's state only; its table `repairs_unsoldunit` and every row stay where they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complexes", "0003_join_codes_single_use"),
        ("repairs", "0003_restrict_instead_of_protect"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="UnsoldUnit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("developer", models.CharField(max_length=100, verbose_name="사업주체")),
                        ("since", models.DateField(verbose_name="미분양 시작")),
                        ("sold_on", models.DateField(blank=True, null=True, verbose_name="분양일")),
                        (
                            "complex",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="complexes.complex",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="complexes.unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "미분양 세대",
                        "verbose_name_plural": "미분양 세대",
                        "db_table": "repairs_unsoldunit",
                        "ordering": ["unit_id"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("complex", "unit", "since"), name="unsold_unique"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
