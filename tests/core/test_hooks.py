"""core/hooks.py: the one registry of completion points (issue [2/9] item 2)."""

import pytest
from django.db import transaction

from core import hooks

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_hooks(monkeypatch):
    """Two throw-away hooks, so the real subscribers (disclosure, fees) stay out of the way."""
    after = hooks.Hook("tests.done", ("thing",), "after commit")
    inside = hooks.Hook("tests.doing", ("thing",), "in the transaction", in_transaction=True)
    for h in (after, inside):
        monkeypatch.setitem(hooks.HOOKS, h.name, h)
        monkeypatch.setitem(hooks._subscribers, h.name, {})
    seen = []

    def subscriber(*, thing):
        seen.append(thing)

    hooks.subscribe("tests.done", subscriber)
    hooks.subscribe("tests.doing", subscriber)
    return seen


def test_after_commit_hook_runs_once_the_transaction_commits(
    test_hooks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        hooks.fire("tests.done", thing=1)
        assert test_hooks == []  # not yet: still inside the transaction
    assert len(callbacks) == 1
    assert test_hooks == [1]


def test_a_rolled_back_transaction_fires_nothing(test_hooks, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        hooks.fire("tests.done", thing=1)
        raise RuntimeError("the write fails")
    assert callbacks == [] and test_hooks == []


def test_in_transaction_hook_runs_at_once_and_its_failure_rolls_back(test_hooks, alpha):
    from complexes.models import Complex

    hooks.fire("tests.doing", thing=2)  # the test's own transaction is open
    assert test_hooks == [2]

    def failing(*, thing):
        raise ValueError("no")

    hooks.subscribe("tests.doing", failing)
    with pytest.raises(ValueError), transaction.atomic():
        Complex.objects.filter(pk=alpha.complex.pk).update(name="바뀐 이름")
        hooks.fire("tests.doing", thing=3)
    alpha.complex.refresh_from_db()
    assert alpha.complex.name != "바뀐 이름"


@pytest.mark.django_db(transaction=True)
def test_in_transaction_hook_refuses_to_fire_outside_a_transaction(test_hooks):
    with pytest.raises(RuntimeError):
        hooks.fire("tests.doing", thing=1)
    assert test_hooks == []


def test_unknown_names_and_wrong_payloads_raise(test_hooks):
    with pytest.raises(hooks.UnknownHook):
        hooks.fire("fees.run_isued", run=None)
    with pytest.raises(hooks.UnknownHook):
        hooks.subscribe("no.such_hook", print)
    with pytest.raises(TypeError):
        hooks.fire("tests.done", thing=1, extra=2)
    with pytest.raises(TypeError):
        hooks.fire("tests.done")


def test_subscribing_twice_keeps_one_subscription(test_hooks, django_capture_on_commit_callbacks):
    def again(*, thing):
        test_hooks.append(("again", thing))

    hooks.subscribe("tests.done", again)
    hooks.subscribe("tests.done", again)
    with django_capture_on_commit_callbacks(execute=True):
        hooks.fire("tests.done", thing=5)
    assert test_hooks == [5, ("again", 5)]


def test_every_hook_has_its_subscribers_registered_at_startup():
    """Each completion point listed has at least one subscriber once the apps are ready."""
    lonely = [name for name in hooks.HOOKS if not hooks.subscribers(name)]
    assert lonely == []
