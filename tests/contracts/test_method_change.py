"""Art. 61 by council resolution (rule 19, open reading 10): the election committee gets the
management-method vote (more than half of all households), effective at the contract's end."""

from datetime import date

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from council.contracts import method_change
from council.contracts.models import MethodChange
from elections.models import Vote

from .helpers import management_contract, resolution

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)


def test_proposal_starts_the_residents_vote(alpha, django_capture_on_commit_callbacks):
    alpha.complex.management_method = "commissioned"
    alpha.complex.save()
    management_contract(alpha.complex, end=date(2027, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):
        change = method_change.method_change_propose(
            complex=alpha.complex,
            resolution=resolution(alpha.complex, on=TODAY, yes=6),
            today=TODAY,
        )
    change.refresh_from_db()
    assert change.to_method == "self" and change.effective_on == date(2027, 7, 1)
    vote = Vote.objects.get(pk=change.vote_id)
    assert vote.kind == "management_method" and vote.rule == "all_majority"
    assert vote.complex_id == alpha.complex.pk


def test_termination_ground_sets_30_days_notice(alpha):
    management_contract(alpha.complex, end=date(2027, 6, 30))
    assert method_change.effective_on(
        complex=alpha.complex, proposed_on=TODAY, termination_ground="업무 불이행"
    ) == date(2027, 1, 4)


def test_needs_a_passed_resolution(alpha):
    with pytest.raises(ApplicationError, match="제61조"):
        method_change.method_change_propose(
            complex=alpha.complex,
            resolution=resolution(alpha.complex, on=TODAY, yes=5),
            today=TODAY,
        )
    assert not MethodChange.objects.exists()


def test_page(alpha, beta, as_user):
    url = reverse("council:method_change_new", args=["alpha"])
    assert as_user(beta.manager).get(url).status_code == 404
    assert as_user(alpha.owner).get(url).status_code == 403
    r = resolution(alpha.complex, on=TODAY, yes=6)
    assert as_user(alpha.manager).post(url, {"resolution": r.pk}).status_code == 302
    assert MethodChange.objects.filter(complex=alpha.complex).count() == 1
