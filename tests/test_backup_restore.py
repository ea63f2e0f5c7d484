"""The backup and restore procedure (README "Backup and restore"): scripts/backup dumps the
database and the uploaded files; scripts/restore puts them into a fresh database, which then
holds the same bills and (sealed) ballots, and the same files."""

import os
import subprocess
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import TestCase

from elections.models import SealedBallot
from fees import services as fees
from fees.models import Bill
from tests.elections.helpers import cast_all, question_vote
from tests.fees.helpers import SEP, import_costs

ROOT = Path(__file__).resolve().parents[1]


def url_for(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def rows(url: str, model) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT * FROM {model._meta.db_table} ORDER BY 1").fetchall()


def run(script: str, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_database():
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = url_for("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url_for(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_fresh_database_with_the_same_bills_and_ballots(
    alpha, transactional_db, fresh_database, tmp_path, settings
):
    import_costs(alpha.complex, SEP, "item,amount\ngeneral_admin,100000")
    with TestCase.captureOnCommitCallbacks(execute=True):
        fees.billing_run_issue(complex=alpha.complex, period=SEP, issued_on=date(2026, 10, 10))
    vote = question_vote(alpha.complex)
    cast_all(vote, list(vote.roll.all()), [{"answer": "yes"}, {"answer": "no"}])
    upload = default_storage.save("backup-test/note.txt", ContentFile("고지서 원본".encode()))
    # The vote is still open: its ballots are in the sealed box (elections/models.py).
    assert Bill.objects.count() == 2 and SealedBallot.objects.filter(vote=vote).count() == 2

    backup = run(
        "backup",
        str(tmp_path / "backups"),
        DATABASE_URL=url_for(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    assert backup.returncode == 0, backup.stderr
    dump, media = backup.stdout.split()
    assert dump.endswith(".dump") and media.endswith("-media.tar.gz")

    restored_media = tmp_path / "restored-media"
    restore = run(
        "restore", dump, media, DATABASE_URL=fresh_database, MEDIA_ROOT=str(restored_media)
    )
    assert restore.returncode == 0, restore.stderr

    source = url_for(connection.settings_dict["NAME"])
    for model in (Bill, SealedBallot):
        assert rows(fresh_database, model) == rows(source, model)
        assert len(rows(fresh_database, model)) == 2
    assert (restored_media / upload).read_text() == "고지서 원본"

    # Restoring again into the now-full database is refused, and changes nothing.
    again = run("restore", dump, DATABASE_URL=fresh_database)
    assert again.returncode != 0 and "fresh, empty" in again.stderr
    assert len(rows(fresh_database, Bill)) == 2
