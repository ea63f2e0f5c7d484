"""No two active bookings of a capacity-1 facility overlap: a PostgreSQL exclusion constraint
(btree_gist for the facility equality). SQLite (the embedded demo) has no exclusion constraints:
there the booking service's facility lock is the guard, and SQLite serialises writers anyway."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE residents_booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (facility_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status = 'active' AND exclusive);
"""
DROP = "ALTER TABLE residents_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("residents", "0005_community_life")]

    operations = [migrations.RunPython(create, drop)]
