"""Inputs that answered 500 answer 4xx with a message (issue 12, "Hostile and careless input"):
huge integers, NUL characters, fields over 128 KiB, malformed bodies on recall consent, recall
defence and the lottery, years 0 and 99999 on budget and reserve routes."""

import html
import json

import pytest
from django.test import Client

from elections.models import Vote

HUGE = "99999999999999999999"
YEAR_MESSAGE = "연도는 1900–2999 사이의 숫자여야 합니다."
API = "/api/v1/complexes/alpha"


@pytest.fixture
def manager(alpha):
    c = Client()
    c.force_login(alpha.manager)
    return c


@pytest.mark.parametrize("year", ["0", "99999", HUGE])
@pytest.mark.parametrize(
    "path",
    [
        "/c/alpha/fees/budget/{}/",
        "/c/alpha/fees/settlement/{}/",
        "/c/alpha/fees/settlement/{}/pdf/",
        "/c/alpha/repairs/status/{}/",
        "/c/alpha/repairs/status/{}/pdf/",
    ],
)
def test_absurd_years_on_budget_and_reserve_pages_answer_400(manager, path, year):
    r = manager.get(path.format(year))
    assert r.status_code == 400 and YEAR_MESSAGE in r.content.decode()


@pytest.mark.parametrize("year", ["0", "99999", HUGE])
@pytest.mark.parametrize("path", [f"{API}/budgets/{{}}/", f"{API}/reserve/status/{{}}/"])
def test_absurd_years_on_budget_and_reserve_api_answer_400(alpha, api, path, year):
    api.force_authenticate(alpha.manager)
    r = api.get(path.format(year))
    assert r.status_code == 400 and r.json()["message"] == YEAR_MESSAGE


def test_good_years_still_answer(alpha, api, manager):
    api.force_authenticate(alpha.manager)
    assert api.get(f"{API}/budgets/2026/").status_code == 200
    assert manager.get("/c/alpha/fees/budget/2026/").status_code == 200


def test_huge_year_in_a_query_parameter_answers_400(manager):
    r = manager.get("/c/alpha/office/misc-income/uses/", {"year": HUGE})
    assert r.status_code == 400 and YEAR_MESSAGE in r.content.decode()


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/public/", "q"),
        ("/c/alpha/office/register/", "q"),
        ("/c/alpha/council/items/", "status"),
        ("/c/alpha/office/disclosure/", "status"),
        (f"{API}/disclosures/", "status"),
        ("/api/v1/public/complexes/", "q"),
    ],
)
def test_nul_in_a_query_parameter_answers_400_naming_it(manager, path, param):
    r = manager.get(path, {param: "a\x00b"})
    assert r.status_code == 400
    assert f"'{param}'에 허용되지 않는 문자(NUL)가 있습니다." in html.unescape(r.content.decode())


def test_nul_in_json_and_form_bodies_answers_400_naming_the_field(alpha, api, manager):
    api.force_authenticate(alpha.manager)
    r = api.post(
        f"{API}/units/",
        {"building": "10\x001", "number": "1", "floor": 1, "supply_area": "59.9"},
        format="json",
    )
    assert r.status_code == 400
    assert r.json() == {
        "message": "'building'에 허용되지 않는 문자(NUL)가 있습니다.",
        "extra": {"field": "building"},
    }
    r = api.post(f"{API}/notices/", {"title": "공지\x00", "body": "x"}, format="json")
    assert r.status_code == 400 and r.json()["extra"]["field"] == "title"
    r = manager.post("/c/alpha/elections/recalls/new/", {"subject_name": "a\x00"})
    assert r.status_code == 400 and "'subject_name'" in html.unescape(r.content.decode())


def test_a_field_over_128_kib_answers_400(alpha, api):
    api.force_authenticate(alpha.manager)
    r = api.post(f"{API}/notices/", {"title": "t", "body": "가" * (129 * 1024)}, format="json")
    assert r.status_code == 400
    assert r.json()["message"] == "'body' 값이 너무 깁니다 (128KiB 초과)."


@pytest.fixture
def recall_id(alpha, api):
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{API}/elections/recalls/",
        {
            "office": "chair",
            "subject_name": "회장님",
            "subject_unit": alpha.lessee_unit.pk,
            "grounds": ["bribe"],
            "grounds_text": "업체 금품 수수",
            "evidence_summary": "계좌 내역",
            "initiation": "consent",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    return r.json()["id"]


MALFORMED = ["[]", '"x"', "1", "null", "{", '{"unit": "²"}', f'{{"unit": {HUGE}}}']


@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_recall_consent_answers_400(alpha, api, recall_id, body):
    api.force_authenticate(alpha.owner)
    r = api.post(
        f"{API}/elections/recalls/{recall_id}/consent/", body, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["message"]


@pytest.mark.parametrize("body", [*MALFORMED, '{"defence": {"a": 1}}', '{"defence": ["x"]}'])
def test_malformed_recall_defence_answers_400(alpha, api, recall_id, body):
    api.force_authenticate(alpha.committee)
    r = api.post(
        f"{API}/elections/recalls/{recall_id}/defence/", body, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["message"]


@pytest.mark.parametrize(
    "body", ["[]", '"x"', "{", '{"witnesses": ["x"]}', json.dumps({"witnesses": "w" * 201})]
)
def test_malformed_lottery_body_answers_400(alpha, api, body):
    from tests.elections.population import populate

    populate(alpha)
    vote = Vote.objects.filter(complex=alpha.complex).first()
    api.force_authenticate(alpha.committee)
    r = api.post(f"{API}/elections/votes/{vote.pk}/lottery/", body, content_type="application/json")
    assert r.status_code == 400 and r.json()["message"]


def test_lottery_page_with_overlong_witnesses_is_a_message(alpha):
    from elections import services
    from tests.elections.population import populate

    populate(alpha)
    vote = Vote.objects.filter(complex=alpha.complex).first()
    with pytest.raises(services.ApplicationError, match="200자"):
        services.lottery_conduct(vote=vote, witnesses="w" * 201, by=alpha.committee)


def test_huge_counts_on_paper_ballots_and_objections_are_refused(alpha, api):
    from tests.elections.population import populate

    populate(alpha)
    vote = Vote.objects.filter(complex=alpha.complex).first()
    api.force_authenticate(alpha.committee)
    r = api.post(
        f"{API}/elections/votes/{vote.pk}/paper-ballots/",
        {"counts": {"blank": int(HUGE)}},
        format="json",
    )
    assert r.status_code == 400
    from elections.services import paper_ballots_from_counts

    with pytest.raises(Exception, match="세대 수"):
        paper_ballots_from_counts(vote=vote, counts={"blank": 10**9})
