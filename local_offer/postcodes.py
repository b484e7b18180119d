"""Offline distance search: approximate centroids of the postcode districts the demo council
covers (Peterborough and Cambridgeshire), shipped with the code. A council replaces this table
with its own districts (e.g. from the ONS Postcode Directory) in `postcode_districts.csv`: one
row per district, its centroid's latitude and longitude."""

import csv
import math
from pathlib import Path

DISTRICTS_FILE = Path(__file__).with_name("postcode_districts.csv")


def _districts() -> dict[str, tuple[float, float]]:
    with DISTRICTS_FILE.open(newline="") as rows:
        return {
            row["district"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(rows)
        }


DISTRICTS = _districts()


def district_of(postcode: str) -> str:
    compact = "".join((postcode or "").upper().split())
    if len(compact) >= 5:  # a full postcode: the inward code is the last three characters
        return compact[:-3]
    return compact


def district_centroid(postcode: str) -> tuple[float, float] | None:
    return DISTRICTS.get(district_of(postcode))


def distance_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 3958.8 * 2 * math.asin(math.sqrt(h))
