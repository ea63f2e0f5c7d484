"""Every new governance API action (issue [4/9]) answers 404 to a user of another complex and
never touches the record (conventions: tenancy in one place)."""

import pytest

from council.models import Meeting
from tests.council.helpers import held_meeting, make_council
from tests.elections.helpers import ward_election, ward_of

pytestmark = pytest.mark.django_db


def test_outsiders_get_404_on_every_action(alpha, beta, api):
    _, reps = make_council(alpha.complex, seats=3, seated=3)
    meeting, (item,) = held_meeting(alpha.complex, reps)
    ward, _ = ward_of(alpha.complex, 4)
    vote, (cand, _) = ward_election(alpha.complex, ward)
    c = "/api/v1/complexes/alpha/council"
    e = "/api/v1/complexes/alpha/elections"
    posts = [
        f"{c}/members/{reps[0].pk}/resign/",
        f"{c}/members/{reps[0].pk}/suspend/",
        f"{c}/members/{reps[0].pk}/unsuspend/",
        f"{c}/members/{reps[0].pk}/officers/",
        f"{c}/members/{reps[0].pk}/officers/end/",
        f"{c}/members/{reps[0].pk}/unit/",
        f"{c}/meetings/{meeting.pk}/notice/",
        f"{c}/meetings/{meeting.pk}/attendance/",
        f"{c}/meetings/{meeting.pk}/minutes/sign/",
        f"{c}/meetings/{meeting.pk}/minutes/complete/",
        f"{c}/meetings/{meeting.pk}/minutes/speech/",
        f"{c}/meetings/{meeting.pk}/minutes/publish/",
        f"{c}/agenda-items/{item.pk}/submit/",
        f"{c}/agenda-items/{item.pk}/exclude/",
        f"{c}/agenda-items/{item.pk}/decide/",
        f"{c}/agenda-items/{item.pk}/objections/",
        f"{c}/reconsiderations/1/result/",
        f"{c}/convene-requests/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/documents/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/checks/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/checks/rerun/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/ruling/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/account/",
        f"{e}/recalls/1/schedule-vote/",
    ]
    gets = [
        f"{c}/meetings/{meeting.pk}/minutes/state/",
        f"{c}/agenda-items/{item.pk}/not-voted/",
        f"{e}/votes/{vote.pk}/candidates/{cand.pk}/eligibility/",
        f"{e}/recalls/1/signers/",
    ]
    for user in (beta.manager, beta.committee, beta.council):
        api.force_authenticate(user)
        for url in posts:
            assert api.post(url, {}, format="json").status_code == 404, (user, url)
        for url in gets:
            assert api.get(url).status_code == 404, (user, url)
    assert Meeting.objects.get(pk=meeting.pk).status == "held"
