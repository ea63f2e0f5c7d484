import pytest


@pytest.fixture(autouse=True)
def on_commit_runs_now(monkeypatch):
    """Each test runs inside a transaction that is rolled back, so on_commit callbacks (the
    notification tasks) would never fire; run them at once instead — the same effect as a
    commit, with the real task and the locmem mail backend."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
