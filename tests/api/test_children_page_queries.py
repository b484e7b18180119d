"""A page of children reads only the open deadlines, filtered in the database, in a fixed number
of queries whatever the page's size (closed deadlines were all loaded and dropped in Python)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import StatutoryDeadline

pytestmark = pytest.mark.django_db


def deadline_queries(client, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/children/", **headers)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries if "cases_statutorydeadline" in q["sql"]]


def test_only_open_deadlines_are_read_from_the_database(client, world):
    assert StatutoryDeadline.objects.filter(is_open=False).exists()
    response, sql = deadline_queries(client, world["council"])
    assert len(sql) == 1
    assert "is_open" in sql[0]
    served = sum(len(child["deadlines"]) for child in response.json()["results"])
    assert served == StatutoryDeadline.objects.filter(is_open=True).count()
