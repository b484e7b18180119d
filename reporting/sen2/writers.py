"""Writes the return: XML in the COLLECT structure, and a zip of one CSV per module (through
the portal's one CSV writer, so a name or address can never run as a spreadsheet formula)."""

import datetime
import io
import zipfile
from xml.etree import ElementTree as ET  # noqa: S405 - used to write XML only, never to parse

from core import csv

from .builder import Sen2Data
from .modules import (
    ACTIVE_PLANS,
    ASSESSMENT,
    CSV_MODULES,
    HEADER,
    NAMED_PLAN,
    PERSON,
    PLACEMENT_DETAIL,
    PLAN_DETAIL,
    REQUEST,
    SEN_NEED,
)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _fields(parent: ET.Element, record: dict, names: tuple[str, ...]) -> None:
    """COLLECT leaves optional items out rather than sending them empty."""
    for name in names:
        value = _text(record.get(name))
        if value != "":
            ET.SubElement(parent, name).text = value


def sen2_xml(data: Sen2Data) -> bytes:
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    _fields(details, data.header, ("Collection", "Year", "ReferenceDate"))
    source = ET.SubElement(header, "Source")
    _fields(source, data.header, HEADER[3:9])
    officers = ET.SubElement(header, "Officers")
    _fields(officers, data.header, ("DMO", "DCO", "DSCO"))
    persons = ET.SubElement(message, "Persons")
    for person in data.persons:
        node = ET.SubElement(persons, "Person")
        _fields(node, person, PERSON)
        requests = ET.SubElement(node, "Requests")
        for request in person["requests"]:
            request_node = ET.SubElement(requests, "Request")
            _fields(request_node, request, REQUEST)
            assessment = request["assessment"]
            if not assessment:
                continue
            assessment_node = ET.SubElement(request_node, "Assessment")
            _fields(assessment_node, assessment, ASSESSMENT)
            plan = assessment["named_plan"]
            if not plan:
                continue
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


def sen2_module_rows(data: Sen2Data) -> dict[str, list[dict]]:
    """The tree flattened into one list of records per module, each with its linking keys."""
    rows: dict[str, list[dict]] = {name: [] for name, *_rest in CSV_MODULES}
    rows["0 Header"].append(data.header)
    for person in data.persons:
        pid = person["PersonID"]
        rows["1 Person"].append(person)
        for request in person["requests"]:
            keys = {"PersonID": pid, "RequestID": f"{pid}-{request['RequestID']}"}
            rows["2 Requests"].append({**request, **keys})
            assessment = request["assessment"]
            if not assessment:
                continue
            rows["3 Assessment"].append({**assessment, **keys})
            plan = assessment["named_plan"]
            if plan:
                plan_keys = {**keys, "PlanID": f"{pid}-{plan['PlanID']}"}
                rows["4a Named plan"].append({**plan, **plan_keys})
                for detail in plan["plan_detail"]:
                    rows["4b Plan detail"].append({**detail, **plan_keys})
        for active in person["active_plans"]:
            plan_keys = {"PersonID": pid, "PlanID": f"{pid}-{active['PlanID']}"}
            rows["5a Active plans"].append({**active, **plan_keys})
            for placement in active["placements"]:
                rows["5b Placement detail"].append({**placement, **plan_keys})
            for need in active["needs"]:
                rows["5c SEN need"].append({**need, **plan_keys})
    return rows


def sen2_counts(data: Sen2Data) -> dict[str, int]:
    return {name: len(records) for name, records in sen2_module_rows(data).items()}


def sen2_csv_zip(data: Sen2Data) -> bytes:
    modules = sen2_module_rows(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, filename, keys, fields in CSV_MODULES:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow([*keys, *fields])
            for record in modules[name]:
                writer.writerow([_text(record.get(key)) for key in (*keys, *fields)])
            archive.writestr(filename, out.getvalue())
    return buffer.getvalue()
