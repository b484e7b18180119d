"""Offline distance search: approximate centroids of the postcode districts the demo council
covers (Peterborough and Cambridgeshire), shipped with the code. A council replaces this table
with its own districts (e.g. from the ONS Postcode Directory)."""

import math

DISTRICTS = {
    "PE1": (52.581, -0.233),
    "PE2": (52.555, -0.273),
    "PE3": (52.586, -0.285),
    "PE4": (52.617, -0.272),
    "PE6": (52.650, -0.270),
    "PE7": (52.540, -0.220),
    "PE8": (52.500, -0.470),
    "PE13": (52.665, 0.160),
    "PE15": (52.550, 0.090),
    "PE16": (52.455, 0.050),
    "PE19": (52.230, -0.270),
    "PE26": (52.450, -0.120),
    "PE27": (52.325, -0.070),
    "PE28": (52.340, -0.200),
    "PE29": (52.330, -0.180),
    "CB1": (52.195, 0.150),
    "CB2": (52.195, 0.120),
    "CB3": (52.210, 0.080),
    "CB4": (52.225, 0.135),
    "CB5": (52.215, 0.165),
    "CB6": (52.400, 0.260),
    "CB7": (52.380, 0.300),
    "CB21": (52.160, 0.260),
    "CB22": (52.130, 0.150),
    "CB23": (52.220, 0.000),
    "CB24": (52.270, 0.100),
    "CB25": (52.260, 0.200),
}


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
