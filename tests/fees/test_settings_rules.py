"""The fee settings' day rules live in the service (issue [2/9] item 6): the due day is a day of
the month (1–31, Art. 85①), the draft is made on a day every month has (1–28)."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from fees import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("field", "bad", "good"), [("due_day", 32, 31), ("draft_day", 29, 28)])
def test_the_service_refuses_a_day_out_of_range(alpha, field, bad, good):
    with pytest.raises(ApplicationError) as e:
        services.settings_update(complex=alpha.complex, by=alpha.manager, **{field: bad})
    assert e.value.extra["field"] == field
    obj = services.settings_update(complex=alpha.complex, by=alpha.manager, **{field: good})
    assert getattr(obj, field) == good


def test_the_settings_page_shows_the_services_reason_on_the_field(alpha, as_user):
    url = reverse("fees:settings", args=["alpha"])
    office = as_user(alpha.manager)
    form = office.get(url).context["form"]
    data = {f"s-{k}": v for k, v in form.initial.items() if v is not None and k in form.fields}
    data["s-elevator_exempt_by_building"] = "{}"
    data["s-draft_day"] = 30
    r = office.post(url, data)
    assert r.status_code == 200
    assert "초안 작성일은 1~28이어야 합니다." in r.context["form"].errors["draft_day"]
    assert services.fee_settings(alpha.complex).draft_day == 5
