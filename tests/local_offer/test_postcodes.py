"""The offline postcode districts: read from the shipped table, a full postcode or a district
finds its centroid, anything else none."""

import pytest

from local_offer.postcodes import DISTRICTS, distance_miles, district_centroid, district_of


def test_every_district_in_the_table_is_read_with_its_centroid():
    assert len(DISTRICTS) == 27
    assert DISTRICTS["PE1"] == (52.581, -0.233)
    assert DISTRICTS["CB25"] == (52.26, 0.2)
    assert all(50 < lat < 54 and -1 < lon < 1 for lat, lon in DISTRICTS.values())


@pytest.mark.parametrize(
    "postcode, district", [("PE1 1XX", "PE1"), ("pe11xx", "PE1"), ("CB21", "CB21"), ("", "")]
)
def test_the_district_of_a_postcode(postcode, district):
    assert district_of(postcode) == district


def test_a_district_outside_the_table_has_no_centroid():
    assert district_centroid("PE1 1XX") == (52.581, -0.233)
    assert district_centroid("SW1A 1AA") is None
    assert district_centroid("") is None


def test_distance_between_two_districts_in_miles():
    assert distance_miles(DISTRICTS["PE1"], DISTRICTS["PE1"]) == 0
    assert 30 < distance_miles(DISTRICTS["PE1"], DISTRICTS["CB1"]) < 32  # Peterborough, Cambridge
