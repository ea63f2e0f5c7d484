"""`manage.py council_seat_reps`: seat reps from a file after a paper election — all or nothing,
the same rules as the page and the API (Arts. 17, 18, 19, 24①)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from complexes.models import Role, Ward
from council import selectors
from council.models import Representative
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def _wards(alpha, n=3):
    return [Ward.objects.create(complex=alpha.complex, name=f"제{i + 1}선거구") for i in range(n)]


def _run(alpha, tmp_path, text):
    f = tmp_path / "reps.csv"
    f.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("council_seat_reps", "alpha", str(f), stdout=out, stderr=err)
    return out.getvalue()


def test_seats_every_row_with_units_officers_and_accounts(alpha, tmp_path):
    """Art. 17, 18①: 2-year terms by default; Art. 19: officers; Art. 10: a rep's unit."""
    _wards(alpha)
    user = member(alpha.complex, Role.COUNCIL, UserFactory(email="kim@alpha.test", name="김대표"))
    out = _run(
        alpha,
        tmp_path,
        "ward,name,email,term_start,building,unit,office\n"
        "제1선거구,김대표,kim@alpha.test,2026-07-01,101동,1203호,회장\n"
        "제2선거구,이대표,,2026-07-01,,,감사\n"
        "제3선거구,박대표,,2026-07-01,,,\n",
    )
    assert "3명 등록" in out and "임원 2명" in out
    kim = Representative.objects.get(complex=alpha.complex, user=user)
    assert kim.unit == alpha.unit and str(kim.term_end) == "2028-06-30"
    from datetime import date

    assert selectors.offices_on(representative=kim, day=date(2026, 7, 2)) == ["회장"]


def test_one_bad_row_seats_nobody_and_names_every_problem(alpha, tmp_path):
    """All or nothing: an unknown ward, a duplicate ward (Art. 17) and a 3-year term (Art. 18①)
    are each reported with their line; nobody is seated."""
    _wards(alpha)
    with pytest.raises(CommandError, match="아무것도 저장하지"):
        _run(
            alpha,
            tmp_path,
            "ward,name,term_start,term_end\n"
            "제1선거구,김대표,2026-07-01,\n"
            "제9선거구,이대표,2026-07-01,\n"
            "제1선거구,박대표,2026-07-01,\n",
        )
    assert not Representative.objects.filter(complex=alpha.complex).exists()
    with pytest.raises(CommandError):
        _run(
            alpha,
            tmp_path,
            "ward,name,term_start,term_end\n"
            "제1선거구,김대표,2026-07-01,\n"
            "제2선거구,이대표,2026-07-01,2029-06-30\n",
        )
    assert not Representative.objects.filter(complex=alpha.complex).exists()
