"""Paging a family's search keeps it, and so does going back from a service; the directory team
find any service, keep the 'last checked' date when they save, and return where they were."""

import datetime
import re
from html import unescape

import pytest

from local_offer.forms import ASSURED_IN_FUTURE
from local_offer.models import Service, ServiceStatus

pytestmark = pytest.mark.django_db


def hrefs(response, rel=None) -> list[str]:
    body = response.content.decode()
    pattern = r'href="([^"]*)"' + (rf'[^>]*rel="{rel}"' if rel else "")
    return [unescape(h) for h in re.findall(pattern, body)]


@pytest.fixture
def many_swimming(small_directory):
    for n in range(45):
        Service.objects.create(
            organization=small_directory.organization,
            name=f"Swimming session {n:02}",
            description="Pool time",
        )


def test_next_keeps_the_search_and_has_one_question_mark(client, many_swimming):
    first = client.get("/local-offer/", {"q": "swimming", "age": "8"})
    (next_link,) = hrefs(first, rel="next")
    assert next_link.startswith("?") and not next_link.startswith("??")
    assert "q=swimming" in next_link and "age=8" in next_link and "page=2" in next_link
    second = client.get("/local-offer/" + next_link)
    assert second.context["page"].number == 2
    assert all("Swimming" in s.name for s in second.context["page"])
    (previous,) = hrefs(second, rel="prev")
    assert not previous.startswith("??") and "q=swimming" in previous


def test_back_to_search_keeps_the_search(client, many_swimming):
    results = client.get("/local-offer/", {"q": "swimming", "page": "2"})
    link = next(h for h in hrefs(results) if h.startswith("/local-offer/services/"))
    assert "q=swimming" in link and "page=2" in link
    service_page = client.get(link)
    assert service_page.status_code == 200
    back = next(h for h in hrefs(service_page) if h.startswith("/local-offer/?"))
    assert "q=swimming" in back and "page=2" in back
    # Feedback keeps it too.
    sent = client.post(link, {"useful": "yes"})
    assert sent.status_code == 302 and "q=swimming" in sent["Location"]


def test_back_to_search_carries_only_the_search(client, small_directory):
    url = f"/local-offer/services/{small_directory.pk}/?q=club&next=https://evil.example&x=1"
    back = next(h for h in hrefs(client.get(url)) if h.startswith("/local-offer/?"))
    assert back == "/local-offer/?q=club"


@pytest.fixture
def editor_client(client, directory_editor):
    client.force_login(directory_editor)
    return client


def form_data(service, **changes):
    data = {
        "organization": service.organization_id,
        "name": service.name,
        "description": service.description,
        "status": service.status,
    }
    if service.assured_date:
        data |= {
            "assured_date_day": service.assured_date.day,
            "assured_date_month": service.assured_date.month,
            "assured_date_year": service.assured_date.year,
        }
    return data | changes


def test_the_last_checked_date_is_three_fields_filled_from_the_service(
    editor_client, small_directory
):
    small_directory.assured_date = datetime.date(2026, 5, 16)
    small_directory.save()
    body = editor_client.get(f"/directory/services/{small_directory.pk}/edit/").content.decode()
    assert re.search(r'name="assured_date_day"[^>]*value="16"', body)
    assert re.search(r'name="assured_date_month"[^>]*value="5"', body)
    assert re.search(r'name="assured_date_year"[^>]*value="2026"', body)
    assert 'type="date"' not in body


def test_saving_unchanged_keeps_the_last_checked_date(editor_client, small_directory):
    small_directory.assured_date = datetime.date(2026, 5, 16)
    small_directory.save()
    response = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/", form_data(small_directory)
    )
    assert response.status_code == 302
    small_directory.refresh_from_db()
    assert small_directory.assured_date == datetime.date(2026, 5, 16)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "Date the details were checked must be a real date"),
        ("16", "", "2026", "Date the details were checked must include a day, month and year"),
        ("1", "1", "2999", ASSURED_IN_FUTURE),
    ],
)
def test_a_bad_last_checked_date_is_a_clear_error(
    editor_client, small_directory, day, month, year, message
):
    response = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/",
        form_data(
            small_directory, assured_date_day=day, assured_date_month=month, assured_date_year=year
        ),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    small_directory.refresh_from_db()
    assert small_directory.assured_date is None


def test_editors_list_and_find_every_service_whatever_its_status(editor_client, many_swimming):
    Service.objects.filter(name="Swimming session 07").update(status=ServiceStatus.DEFUNCT)
    listing = editor_client.get("/directory/")
    assert listing.context["page"].paginator.count == Service.objects.count() == 46
    found = editor_client.get("/directory/", {"q": "session 07"})
    assert [s.name for s in found.context["page"]] == ["Swimming session 07"]
    by_org = editor_client.get("/directory/", {"q": "Fenland", "status": "defunct"})
    assert [s.name for s in by_org.context["page"]] == ["Swimming session 07"]
    (next_link,) = hrefs(editor_client.get("/directory/", {"q": "swimming"}), rel="next")
    assert next_link.startswith("?q=swimming") or "q=swimming" in next_link
    assert not next_link.startswith("??")


def test_after_saving_the_editor_returns_where_they_came_from(editor_client, small_directory):
    came_from = "/directory/?q=club&page=1"
    edit = editor_client.get(f"/directory/services/{small_directory.pk}/edit/", {"next": came_from})
    assert f'value="{came_from}"'.replace("&", "&amp;") in edit.content.decode()
    saved = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/",
        form_data(small_directory, next=came_from),
    )
    assert saved["Location"] == came_from


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_return_address_off_the_site_goes_to_the_directory(
    editor_client, small_directory, target
):
    saved = editor_client.post(
        f"/directory/services/{small_directory.pk}/edit/",
        form_data(small_directory, next=target),
    )
    assert saved["Location"] == "/directory/"


def test_editors_get_an_edit_link_on_the_public_page(client, small_directory, directory_editor):
    url = f"/local-offer/services/{small_directory.pk}/"
    assert "Edit this service" not in client.get(url).content.decode()
    client.force_login(directory_editor)
    body = client.get(url).content.decode()
    assert f"/directory/services/{small_directory.pk}/edit/?next=" in body
