"""Writes the return: XML in the COLLECT structure, and a zip of one CSV per module (through
the portal's one CSV writer, so a name or address can never run as a spreadsheet formula).

Both are written a person at a time to open files, so a return for any size of council is
written in the same small memory: no tree of the whole return, no string of it.
"""

import datetime
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO
from xml.sax.saxutils import escape

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

INDENT = "  "
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class XmlWriter:
    """The COLLECT XML, indented two spaces a level, an element with nothing in it written
    `<Name />`: the same bytes as ElementTree's `indent` and `tostring` give for the same tree.
    COLLECT leaves optional items out rather than sending them empty."""

    def __init__(self, out: IO[bytes]):
        self.out = out

    def _write(self, parts: list[str]) -> None:
        self.out.write("".join(parts).encode("utf-8"))

    @staticmethod
    def _element(parts: list[str], level: int, name: str, children: list[str]) -> None:
        pad = "\n" + INDENT * level
        if not children:
            parts.append(f"{pad}<{name} />")
            return
        parts.append(f"{pad}<{name}>")
        parts.extend(children)
        parts.append(f"{pad}</{name}>")

    @staticmethod
    def _fields(level: int, record: dict, names: tuple[str, ...]) -> list[str]:
        pad = "\n" + INDENT * level
        parts = []
        for name in names:
            value = _text(record.get(name))
            if value != "":
                parts.append(f"{pad}<{name}>{escape(value)}</{name}>")
        return parts

    def start(self, header: dict) -> None:
        parts = [XML_DECLARATION, "<Message>", f"\n{INDENT}<Header>"]
        self._element(
            parts,
            2,
            "CollectionDetails",
            self._fields(3, header, ("Collection", "Year", "ReferenceDate")),
        )
        self._element(parts, 2, "Source", self._fields(3, header, HEADER[3:9]))
        self._element(parts, 2, "Officers", self._fields(3, header, ("DMO", "DCO", "DSCO")))
        parts.append(f"\n{INDENT}</Header>")
        self._write(parts)
        self.persons = 0

    def person(self, person: dict) -> None:
        if self.persons == 0:
            self._write([f"\n{INDENT}<Persons>"])
        self.persons += 1
        parts = self._fields(3, person, PERSON)
        requests: list[str] = []
        for request in person["requests"]:
            self._element(requests, 4, "Request", self._request(request))
        self._element(parts, 3, "Requests", requests)
        for active in person["active_plans"]:
            children = self._fields(4, active, ACTIVE_PLANS)
            for placement in active["placements"]:
                self._element(
                    children, 4, "PlacementDetail", self._fields(5, placement, PLACEMENT_DETAIL)
                )
            for need in active["needs"]:
                self._element(children, 4, "SENneed", self._fields(5, need, SEN_NEED))
            self._element(parts, 3, "ActivePlans", children)
        out: list[str] = []
        self._element(out, 2, "Person", parts)
        self._write(out)

    def _request(self, request: dict) -> list[str]:
        parts = self._fields(5, request, REQUEST)
        assessment = request["assessment"]
        if not assessment:
            return parts
        children = self._fields(6, assessment, ASSESSMENT)
        plan = assessment["named_plan"]
        if plan:
            plan_parts = self._fields(7, plan, NAMED_PLAN)
            for detail in plan["plan_detail"]:
                self._element(plan_parts, 7, "PlanDetail", self._fields(8, detail, PLAN_DETAIL))
            self._element(children, 6, "NamedPlan", plan_parts)
        self._element(parts, 5, "Assessment", children)
        return parts

    def finish(self) -> None:
        self._write([f"\n{INDENT}</Persons>" if self.persons else f"\n{INDENT}<Persons />"])
        self._write(["\n</Message>"])


def module_records(person: dict) -> Iterator[tuple[str, dict]]:
    """One person's records for each CSV module, each with its linking keys."""
    pid = person["PersonID"]
    yield "1 Person", person
    for request in person["requests"]:
        keys = {"PersonID": pid, "RequestID": f"{pid}-{request['RequestID']}"}
        yield "2 Requests", {**request, **keys}
        assessment = request["assessment"]
        if not assessment:
            continue
        yield "3 Assessment", {**assessment, **keys}
        plan = assessment["named_plan"]
        if plan:
            plan_keys = {**keys, "PlanID": f"{pid}-{plan['PlanID']}"}
            yield "4a Named plan", {**plan, **plan_keys}
            for detail in plan["plan_detail"]:
                yield "4b Plan detail", {**detail, **plan_keys}
    for active in person["active_plans"]:
        plan_keys = {"PersonID": pid, "PlanID": f"{pid}-{active['PlanID']}"}
        yield "5a Active plans", {**active, **plan_keys}
        for placement in active["placements"]:
            yield "5b Placement detail", {**placement, **plan_keys}
        for need in active["needs"]:
            yield "5c SEN need", {**need, **plan_keys}


class CsvWriter:
    """One CSV per module, each in a temporary file until `zip_to` puts them in one archive;
    counts the records in each module as it goes."""

    def __init__(self, directory: str):
        self.directory = directory
        self.files: dict[str, IO[str]] = {}
        self.writers = {}
        self.columns: dict[str, tuple[str, ...]] = {}
        self.counts = {name: 0 for name, *_rest in CSV_MODULES}
        for name, filename, keys, fields in CSV_MODULES:
            handle = open(f"{directory}/{filename}", "w", encoding="utf-8", newline="")  # noqa: SIM115
            self.files[name] = handle
            self.writers[name] = csv.writer(handle, lineterminator="\r\n")
            self.columns[name] = (*keys, *fields)
            self.writers[name].writerow(self.columns[name])

    def record(self, module: str, record: dict) -> None:
        self.counts[module] += 1
        self.writers[module].writerow([_text(record.get(key)) for key in self.columns[module]])

    def start(self, header: dict) -> None:
        self.record("0 Header", header)

    def person(self, person: dict) -> None:
        for module, record in module_records(person):
            self.record(module, record)

    def zip_to(self, out: IO[bytes]) -> None:
        for handle in self.files.values():
            handle.close()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for _name, filename, _keys, _fields in CSV_MODULES:
                with (
                    open(f"{self.directory}/{filename}", "rb") as source,
                    archive.open(filename, "w") as target,
                ):
                    shutil.copyfileobj(source, target, 1 << 20)


def sen2_write(
    *, header: dict, persons: Iterable[dict], xml_out: IO[bytes], zip_out: IO[bytes], each=None
) -> dict[str, int]:
    """Streams the return to the two files; `each(person)` sees every person on the way (the
    checks). Returns the records in each module."""
    xml = XmlWriter(xml_out)
    with tempfile.TemporaryDirectory(prefix="sen2-") as directory:
        csvs = CsvWriter(directory)
        xml.start(header)
        csvs.start(header)
        for person in persons:
            xml.person(person)
            csvs.person(person)
            if each is not None:
                each(person)
        xml.finish()
        csvs.zip_to(zip_out)
    return csvs.counts


def sen2_counts(data: Sen2Data) -> dict[str, int]:
    counts = {name: 0 for name, *_rest in CSV_MODULES}
    counts["0 Header"] = 1
    for person in data.persons:
        for module, _record in module_records(person):
            counts[module] += 1
    return counts


def sen2_xml(data: Sen2Data) -> bytes:
    """The whole XML as bytes (small returns and checks; the service streams it to storage)."""
    return _in_memory(data)[0]


def sen2_csv_zip(data: Sen2Data) -> bytes:
    return _in_memory(data)[1]


def _in_memory(data: Sen2Data) -> tuple[bytes, bytes]:
    xml_out, zip_out = io.BytesIO(), io.BytesIO()
    sen2_write(header=data.header, persons=data.persons, xml_out=xml_out, zip_out=zip_out)
    return xml_out.getvalue(), zip_out.getvalue()
