"""The SEN2 files are streamed a person at a time: the XML must be byte for byte what an
ElementTree of the whole return, indented, gives (the form COLLECT has always been sent), and
the zip must hold the same CSVs whatever the size of the batches read."""

import datetime
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from cases.models import Child
from reporting.sen2.builder import Sen2Data, sen2_build, sen2_header, sen2_persons
from reporting.sen2.modules import (
    ACTIVE_PLANS,
    ASSESSMENT,
    HEADER,
    NAMED_PLAN,
    PERSON,
    PLACEMENT_DETAIL,
    PLAN_DETAIL,
    REQUEST,
    SEN_NEED,
)
from reporting.sen2.writers import sen2_counts, sen2_csv_zip, sen2_write, sen2_xml

from . import test_sen2

pytestmark = pytest.mark.django_db
CENSUS = test_sen2.CENSUS
return_council = test_sen2.return_council  # the fixture: a council with every kind of record


def _fields(parent, record, names):
    for name in names:
        value = record.get(name)
        value = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else value
        if str(value) != "":
            ET.SubElement(parent, name).text = str(value)


def _tree_xml(data: Sen2Data) -> bytes:
    """The return as one ElementTree, indented: the reference the streamed XML must equal."""
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    _fields(ET.SubElement(header, "CollectionDetails"), data.header, HEADER[:3])
    _fields(ET.SubElement(header, "Source"), data.header, HEADER[3:9])
    _fields(ET.SubElement(header, "Officers"), data.header, ("DMO", "DCO", "DSCO"))
    persons = ET.SubElement(message, "Persons")
    for person in data.persons:
        node = ET.SubElement(persons, "Person")
        _fields(node, person, PERSON)
        requests = ET.SubElement(node, "Requests")
        for request in person["requests"]:
            request_node = ET.SubElement(requests, "Request")
            _fields(request_node, request, REQUEST)
            assessment = request["assessment"]
            if assessment:
                assessment_node = ET.SubElement(request_node, "Assessment")
                _fields(assessment_node, assessment, ASSESSMENT)
                plan = assessment["named_plan"]
                if plan:
                    plan_node = ET.SubElement(assessment_node, "NamedPlan")
                    _fields(plan_node, plan, NAMED_PLAN)
                    for detail in plan["plan_detail"]:
                        _fields(ET.SubElement(plan_node, "PlanDetail"), detail, PLAN_DETAIL)
        for active in person["active_plans"]:
            active_node = ET.SubElement(node, "ActivePlans")
            _fields(active_node, active, ACTIVE_PLANS)
            for placement in active["placements"]:
                _fields(ET.SubElement(active_node, "PlacementDetail"), placement, PLACEMENT_DETAIL)
            for need in active["needs"]:
                _fields(ET.SubElement(active_node, "SENneed"), need, SEN_NEED)
    ET.indent(message)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def test_streamed_xml_is_byte_for_byte_the_indented_tree(return_council):
    # Text that XML must escape, and letters beyond ASCII, in a name.
    Child.objects.filter(reference=return_council.children["T"].reference).update(
        surname="O'Brien & <Sons> Ñúñez", forename="Zoë"
    )
    data = sen2_build(census_date=CENSUS, header={"DMO": "Yes", "DCO": "No", "DSCO": ""})
    streamed = sen2_xml(data)
    assert streamed == _tree_xml(data)
    assert "Ñúñez".encode() in streamed and b"&amp; &lt;Sons&gt;" in streamed
    assert b"<Officers>" in streamed and b"<DSCO>" not in streamed


def test_an_empty_return_is_the_empty_tree():
    data = Sen2Data(
        census_date=CENSUS,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        header=sen2_header(CENSUS, {"DMO": "", "DCO": "", "DSCO": ""}),
    )
    assert sen2_xml(data) == _tree_xml(data)
    assert b"<Officers />" in sen2_xml(data) and b"<Persons />" in sen2_xml(data)


def test_batches_give_the_same_return_as_one_read(return_council):
    whole = list(sen2_persons(census_date=CENSUS))
    assert len(whole) > 3
    assert list(sen2_persons(census_date=CENSUS, batch=2)) == whole
    assert [p["PersonID"] for p in whole] == sorted(p["PersonID"] for p in whole)


def test_streaming_to_files_gives_the_same_files_and_counts(return_council, tmp_path):
    data = sen2_build(census_date=CENSUS)
    seen = []
    with open(tmp_path / "r.xml", "w+b") as xml_out, open(tmp_path / "r.zip", "w+b") as zip_out:
        counts = sen2_write(
            header=data.header,
            persons=iter(data.persons),
            xml_out=xml_out,
            zip_out=zip_out,
            each=seen.append,
        )
    assert (tmp_path / "r.xml").read_bytes() == sen2_xml(data)
    assert counts == sen2_counts(data) and counts["1 Person"] == len(data.persons) == len(seen)
    streamed = zipfile.ZipFile(tmp_path / "r.zip")
    in_memory = zipfile.ZipFile(io.BytesIO(sen2_csv_zip(data)))
    assert streamed.namelist() == in_memory.namelist()
    for name in streamed.namelist():
        assert streamed.read(name) == in_memory.read(name)
        assert streamed.read(name).count(b"\r\n") - 1 == counts[_module(name)]


def _module(filename: str) -> str:
    from reporting.sen2.modules import CSV_MODULES

    return next(name for name, file, *_rest in CSV_MODULES if file == filename)
