"""A service that has left the Local Offer (inactive or defunct) is gone for the public - page,
feed and feedback - and still there for the directory team. Feedback is limited per address."""

import pytest

from local_offer import services as lo
from local_offer.models import Feedback, ServiceStatus

pytestmark = pytest.mark.django_db

GONE = [ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT]


def set_status(service, status):
    service.status = status
    service.save()


@pytest.mark.parametrize("status", GONE)
def test_the_public_page_of_a_withdrawn_service_is_a_plain_404(client, small_directory, status):
    set_status(small_directory, status)
    response = client.get(f"/local-offer/services/{small_directory.pk}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "This service is no longer available" in body
    assert "Saturday Club" not in body and "Fenland Parent Carers" not in body
    assert "PE1 1AA" not in body


@pytest.mark.parametrize("status", GONE)
def test_a_withdrawn_service_takes_no_feedback(client, small_directory, status):
    set_status(small_directory, status)
    response = client.post(
        f"/local-offer/services/{small_directory.pk}/", {"useful": "no", "problem": "Closed"}
    )
    assert response.status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("status", GONE)
def test_the_service_refuses_feedback_for_a_withdrawn_service_whoever_calls_it(
    small_directory, status
):
    from django.core.exceptions import ValidationError

    set_status(small_directory, status)
    with pytest.raises(ValidationError, match=lo.FEEDBACK_SERVICE_GONE):
        lo.feedback_record(service=small_directory, useful="yes", problem="")
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("status", GONE)
def test_the_feed_does_not_serve_a_withdrawn_service(client, small_directory, status):
    set_status(small_directory, status)
    assert client.get(f"/api/oruk/services/{small_directory.pk}").status_code == 404
    assert client.get("/api/oruk/services").json()["total_items"] == 0
    assert client.get("/api/oruk/service_at_locations").json()["total_items"] == 0
    sal = small_directory.service_at_locations.get()
    assert client.get(f"/api/oruk/service_at_locations/{sal.pk}").status_code == 404


def test_a_temporarily_closed_service_stays_public_and_says_so(client, small_directory):
    set_status(small_directory, ServiceStatus.TEMPORARILY_CLOSED)
    response = client.get(f"/local-offer/services/{small_directory.pk}/")
    assert response.status_code == 200
    assert "This service is temporarily closed" in response.content.decode()
    feed = client.get(f"/api/oruk/services/{small_directory.pk}").json()
    assert feed["status"] == "temporarily closed"


@pytest.mark.parametrize("status", GONE)
def test_editors_still_see_a_withdrawn_service(client, small_directory, directory_editor, status):
    set_status(small_directory, status)
    client.force_login(directory_editor)
    page = client.get(f"/local-offer/services/{small_directory.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Saturday Club" in body and "Families cannot see this page" in body
    assert "Send feedback" not in body
    refused = client.post(f"/local-offer/services/{small_directory.pk}/", {"useful": "yes"})
    assert refused.status_code == 400 and not Feedback.objects.exists()
    assert client.get(f"/directory/services/{small_directory.pk}/edit/").status_code == 200


def test_a_caseworker_is_the_public_for_a_withdrawn_service(client, small_directory, caseworker):
    set_status(small_directory, ServiceStatus.DEFUNCT)
    client.force_login(caseworker)
    assert client.get(f"/local-offer/services/{small_directory.pk}/").status_code == 404


def test_feedback_is_limited_per_address_in_a_fixed_window(client, small_directory):
    url = f"/local-offer/services/{small_directory.pk}/"
    for _ in range(lo.FEEDBACK_PER_WINDOW):
        assert client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert lo.FEEDBACK_TOO_MANY in refused.content.decode().replace("&#x27;", "'")
    assert Feedback.objects.count() == lo.FEEDBACK_PER_WINDOW
    # Another address is not held back.
    assert client.post(url, {"useful": "no"}, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_the_feedback_window_ends(client, small_directory, time_machine):
    url = f"/local-offer/services/{small_directory.pk}/"
    time_machine.move_to("2026-03-02 10:00:00+00:00", tick=False)
    for _ in range(lo.FEEDBACK_PER_WINDOW + 1):
        client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.7")
    time_machine.move_to("2026-03-02 11:00:01+00:00", tick=False)
    assert client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_feedback_through_a_trusted_proxy_counts_the_family_not_the_proxy(
    client, small_directory, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    url = f"/local-offer/services/{small_directory.pk}/"
    for _ in range(lo.FEEDBACK_PER_WINDOW + 1):
        client.post(
            url, {"useful": "yes"}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
    other_family = client.post(
        url, {"useful": "yes"}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other_family.status_code == 302


@pytest.mark.redis
def test_the_feedback_limit_is_counted_in_redis_across_workers(
    client, small_directory, settings, redis_url
):
    """Production's cache: every worker counts into the same window."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "send_portal.cache.SharedRedisCache", "LOCATION": redis_url}
    }
    caches["default"].clear()
    url = f"/local-offer/services/{small_directory.pk}/"
    try:
        for _ in range(lo.FEEDBACK_PER_WINDOW):
            assert client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.9").status_code == 302
        # A second worker (a new connection to Redis) sees the same count.
        caches.close_all()
        settings.CACHES = {
            "default": {"BACKEND": "send_portal.cache.SharedRedisCache", "LOCATION": redis_url}
        }
        assert client.post(url, {"useful": "yes"}, REMOTE_ADDR="203.0.113.9").status_code == 429
    finally:
        caches["default"].clear()


def test_feedback_is_taken_when_the_cache_is_down(client, small_directory, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "send_portal.cache.SharedRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    url = f"/local-offer/services/{small_directory.pk}/"
    assert client.post(url, {"useful": "yes"}).status_code == 302
    assert Feedback.objects.count() == 1
