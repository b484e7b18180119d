"""Every public parameter of the Open Referral UK feed and of the public search page: a value
that makes no sense is a 400 in the feed's error format (or an empty page), never a 500. Runs on
whichever database DATABASE_URL names; NUL bytes only ever crashed PostgreSQL."""

import pytest

from local_offer.oruk import (
    ERROR_DATETIME_RANGE,
    ERROR_NUL,
    ERROR_WHOLE_NUMBER,
)

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page"}


NUL = "\x00"
HUGE = "99999999999999999999"
ENDLESS = "9" * 5000  # past Python's int() digit limit
# Values every parameter must survive: a 200 or a 400 in the feed's error format, never a 500.
NASTY = [NUL, "a\x00b", HUGE, ENDLESS, "-1", "0", "1e9", "x" * 201, "%", "' OR 1=1 --", "null"]

SERVICE_PARAMETERS = [
    "search",
    "page",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "minimum_age",
    "maximum_age",
    "start_time",
    "end_time",
    "day",
    "modified_after",
]
ENDPOINT_PARAMETERS = [
    *(("services", name) for name in SERVICE_PARAMETERS),
    *(("service_at_locations", name) for name in [*SERVICE_PARAMETERS, "postcode", "proximity"]),
    ("taxonomies", "page"),
    ("taxonomies", "per_page"),
    *(
        ("taxonomy_terms", name)
        for name in ["page", "per_page", "taxonomy_id", "parent_id", "top_only"]
    ),
]


def assert_answered(response, query):
    assert response.status_code in (200, 400), (query, response.status_code)
    body = response.json()
    if response.status_code == 400:
        assert set(body) == {"error"} and body["error"], query
    else:
        assert set(body) >= PAGE_FIELDS and isinstance(body["contents"], list), query
    return body


@pytest.mark.parametrize(("endpoint", "name"), ENDPOINT_PARAMETERS)
def test_every_feed_parameter_answers_nonsense_with_a_400_or_a_page(
    client, small_directory, endpoint, name
):
    for value in NASTY:
        assert_answered(client.get(f"/api/oruk/{endpoint}", {name: value}), (name, value))


@pytest.mark.parametrize(("endpoint", "name"), ENDPOINT_PARAMETERS)
def test_a_nul_byte_in_any_parameter_is_a_400(client, small_directory, endpoint, name):
    response = client.get(f"/api/oruk/{endpoint}", {name: "Saturday\x00"})
    assert response.status_code == 400
    assert response.json() == {"error": ERROR_NUL.format(name=name)}


def test_search_for_a_nul_byte_is_a_400(client, small_directory):
    response = client.get("/api/oruk/services?search=%00")
    assert response.status_code == 400
    assert response.json() == {"error": ERROR_NUL.format(name="search")}


def test_a_nul_byte_in_a_parameter_nobody_asked_for_is_a_400(client, small_directory):
    assert client.get("/api/oruk/taxonomies?full=%00").status_code == 400
    assert client.get("/api/oruk/services?%00=1").status_code == 400


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59-23:00", "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00+23:59"]
)
def test_modified_after_beyond_the_calendar_is_a_400(client, small_directory, value):
    response = client.get("/api/oruk/services", {"modified_after": value})
    assert response.status_code == 400
    assert response.json() == {"error": ERROR_DATETIME_RANGE.format(name="modified_after")}


def test_modified_after_with_the_largest_offset_is_compared_in_utc(client, small_directory):
    # 2020-01-01T00:00+23:59 is 2019-12-31T00:01Z: the demo service was modified since.
    response = client.get("/api/oruk/services?modified_after=2020-01-01T00:00:00%2B23:59")
    assert response.status_code == 200 and response.json()["total_items"] == 1
    later = client.get("/api/oruk/services?modified_after=9999-12-31T00:00:00%2B23:59")
    assert later.status_code == 200 and later.json()["total_items"] == 0


def test_a_page_number_past_what_a_database_can_count_is_an_empty_page(client, small_directory):
    response = client.get(f"/api/oruk/services?page={HUGE}")
    assert response.status_code == 200
    body = response.json()
    assert body["contents"] == [] and body["empty"] and body["last_page"] and body["size"] == 0
    assert body["total_items"] == 1


def test_a_page_number_too_long_to_read_is_a_400(client, small_directory):
    response = client.get(f"/api/oruk/taxonomy_terms?page={ENDLESS[:150]}x")
    assert response.json() == {"error": ERROR_WHOLE_NUMBER.format(name="page")}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("day=SA", 1),
        ("day=MO", 0),
        ("start_time=11:00", 1),
        ("start_time=12:00", 0),
        ("end_time=10:30", 1),
        ("end_time=09:00", 0),
        ("day=SA&start_time=09:00&end_time=13:00", 1),
        ("top_only=false&per_page=1", 1),
    ],
)
def test_the_time_filters_work(client, small_directory, query, found):
    response = client.get(f"/api/oruk/services?{query}")
    assert response.status_code == 200 and response.json()["total_items"] == found


@pytest.mark.parametrize("query", ["start_time=25:00", "end_time=noon", "top_only=maybe"])
def test_badly_formed_times_and_flags_are_a_400(client, small_directory, query):
    endpoint = "taxonomy_terms" if query.startswith("top_only") else "services"
    assert client.get(f"/api/oruk/{endpoint}?{query}").status_code == 400


@pytest.mark.parametrize(
    "endpoint", ["services", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_an_id_with_a_nul_byte_is_a_404(client, small_directory, endpoint):
    assert client.get(f"/api/oruk/{endpoint}/%00").status_code == 404


# The public search page: every parameter of its form, and the page number.
SEARCH_PARAMETERS = ["q", "need", "age", "postcode", "free_only", "page"]


@pytest.mark.parametrize("name", SEARCH_PARAMETERS)
def test_every_public_search_parameter_answers_nonsense_with_the_page(
    client, small_directory, name
):
    for value in NASTY:
        response = client.get("/local-offer/", {name: value})
        assert response.status_code == 200, (name, value)


@pytest.mark.parametrize("name", ["q", "need", "age", "postcode"])
def test_a_nul_byte_in_the_public_search_is_a_form_error(client, small_directory, name):
    response = client.get("/local-offer/", {name: "Saturday\x00"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_feedback_with_a_nul_byte_is_refused_and_not_stored(client, small_directory):
    response = client.post(
        f"/local-offer/services/{small_directory.pk}/", {"useful": "yes\x00", "problem": "x\x00"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not small_directory.feedback.exists()
