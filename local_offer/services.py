"""Writes to the directory."""

import csv
import hashlib
import io
import time
import uuid

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from core import csv as portal_csv

from .models import Attribute, Feedback, Organization, Service, TaxonomyTerm
from .selectors import service_is_public

CSV_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees_description",
    "eligibility_description",
    "application_process",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "taxonomy_term_ids",
)
FEEDBACK_SERVICE_GONE = "This service is no longer in the Local Offer"
FEEDBACK_PER_WINDOW = 20
FEEDBACK_WINDOW_SECONDS = 3600
FEEDBACK_TOO_MANY = (
    "We have had a lot of feedback from your connection in the last hour. Try again later"
)

# The columns the import parses (ids, ages, a date, the list of terms); it takes the rest as text.
IMPORT_PARSED_FIELDS = frozenset(
    {"id", "organization_id", "minimum_age", "maximum_age", "assured_date", "taxonomy_term_ids"}
)
IMPORT_TEXT_FIELDS = tuple(name for name in CSV_FIELDS if name not in IMPORT_PARSED_FIELDS)
IMPORT_REQUIRED_COLUMNS = ("organization_id", "name", "description")
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_MAX_CELL_CHARS = 20_000
# A cell starting with one of these was written with an apostrophe before it (core.csv).
ESCAPED_STARTS = ("=", "+", "-", "@", "|", "%", "\t", "\r")

IMPORT_TOO_BIG = "The file is larger than 5 MB. Split it into smaller files and import each"
IMPORT_NOT_UTF8 = (
    "The file is not saved as UTF-8 text. In your spreadsheet, save it as "
    "'CSV UTF-8 (comma delimited)' and try again"
)
IMPORT_NOT_TEXT = "The file is not a CSV file: it contains characters that are not text"
IMPORT_EMPTY = "The file is empty"
IMPORT_MISSING_COLUMNS = (
    "The file has no {columns} column. The first row must name the columns, as in the export"
)
IMPORT_UNKNOWN_COLUMNS = "The file has columns the directory does not know: {columns}"
IMPORT_REPEATED_COLUMN = "The file names a column more than once in its first row"
IMPORT_TOO_MANY_ROWS = (
    "The file has more than 5,000 services. Split it into smaller files and import each"
)
IMPORT_WRONG_CELL_COUNT = "Row {row}: has {cells} cells, but the first row names {columns} columns"
IMPORT_CELL_TOO_LONG = "Row {row}: the {column} is longer than 20,000 characters"
IMPORT_CELL_FAR_TOO_LONG = "Row {row}: a cell is longer than 20,000 characters"
IMPORT_MALFORMED = (
    "Row {row}: the file is not a well-formed CSV file. Check for a quotation mark that is not "
    "closed, or text straight after a closing quotation mark"
)
IMPORT_NOT_AN_ID = "Row {row}: {column} is not an id in the format the export uses"
IMPORT_NOT_AN_AGE = "Row {row}: {column} must be a whole number of years, like 5"
IMPORT_REPEATED_ID = "Row {row}: this service's id is on an earlier row too"
IMPORT_UNKNOWN_TERM = (
    "Row {row}: taxonomy_term_ids names a need or service type that does not exist"
)
IMPORT_UNKNOWN_ORGANISATION = "Row {row}: organisation {org} is not in the directory"
IMPORT_INVALID = "Row {row}: {errors}"


@transaction.atomic
def service_save(*, form) -> Service:
    service = form.save()
    service.attributes.exclude(taxonomy_term__in=form.cleaned_data["terms"]).delete()
    existing = set(service.attributes.values_list("taxonomy_term_id", flat=True))
    Attribute.objects.bulk_create(
        Attribute(service=service, taxonomy_term=term)
        for term in form.cleaned_data["terms"]
        if term.pk not in existing
    )
    return service


def feedback_record(*, service: Service, useful: str, problem: str) -> Feedback:
    """A family's feedback on a service the public can see; a service that has gone takes none."""
    if not service_is_public(service=service):
        raise ValidationError(FEEDBACK_SERVICE_GONE)
    feedback = Feedback(
        service=service, useful={"yes": True, "no": False}.get(useful), problem=problem.strip()
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def feedback_mark_handled(*, pk: int) -> None:
    """The directory team has dealt with the feedback (one already handled, or gone, is left)."""
    Feedback.objects.filter(pk=pk).update(handled=True)


def feedback_throttle_hit(*, client_ip: str | None) -> bool:
    """Counts one feedback submission from this address; True when the address is over the
    limit. A fixed window in the default cache (shared by every worker in production); the
    address is kept only as a hash. With the cache unavailable nobody is held back."""
    window = int(time.time() // FEEDBACK_WINDOW_SECONDS)
    address = hashlib.sha256((client_ip or "unknown").encode()).hexdigest()[:32]
    key = f"local-offer:feedback:{address}:{window}"
    cache.add(key, 0, timeout=FEEDBACK_WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        return False
    return count > FEEDBACK_PER_WINDOW


def services_export_csv() -> str:
    """HSDS tabular format: one row per service; terms as a space-separated list of ids. Written by
    the portal's one CSV writer, so no cell can run as a spreadsheet formula."""
    out = io.StringIO()
    writer = portal_csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for service in Service.objects.prefetch_related("attributes").order_by("name"):
        writer.writerow(
            [
                service.id,
                service.organization_id,
                service.name,
                service.description,
                service.url,
                service.email,
                service.status,
                service.fees_description,
                service.eligibility_description,
                service.application_process,
                service.minimum_age if service.minimum_age is not None else "",
                service.maximum_age if service.maximum_age is not None else "",
                service.assured_date.isoformat() if service.assured_date else "",
                service.assurer_email,
                " ".join(str(a.taxonomy_term_id) for a in service.attributes.all()),
            ]
        )
    return out.getvalue()


def _read_csv(data: bytes) -> list[tuple[int, dict]]:
    """The file's rows as (spreadsheet row number, {column: cell}), or a ValidationError saying
    what is wrong with the file. Row 1 is the header; a cell spanning lines is still one row."""
    if len(data) > IMPORT_MAX_BYTES:
        raise ValidationError(IMPORT_TOO_BIG)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(IMPORT_NOT_UTF8) from error
    if "\x00" in text:
        raise ValidationError(IMPORT_NOT_TEXT)
    if not text.strip():
        raise ValidationError(IMPORT_EMPTY)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    number = 0  # the last row read
    try:
        header = [name.strip() for name in next(reader)]
        number = 1
        if missing := [name for name in IMPORT_REQUIRED_COLUMNS if name not in header]:
            raise ValidationError(IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing)))
        if unknown := [name for name in header if name not in CSV_FIELDS]:
            raise ValidationError(IMPORT_UNKNOWN_COLUMNS.format(columns=", ".join(unknown)))
        if len(set(header)) != len(header):
            raise ValidationError(IMPORT_REPEATED_COLUMN)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank row, as spreadsheets leave at the end
            if len(rows) == IMPORT_MAX_ROWS:
                raise ValidationError(IMPORT_TOO_MANY_ROWS)
            if len(cells) != len(header):
                raise ValidationError(
                    IMPORT_WRONG_CELL_COUNT.format(
                        row=number, cells=len(cells), columns=len(header)
                    )
                )
            row = dict(zip(header, cells, strict=True))
            for name, cell in row.items():
                if len(cell) > IMPORT_MAX_CELL_CHARS:
                    raise ValidationError(IMPORT_CELL_TOO_LONG.format(row=number, column=name))
            rows.append((number, {name: _unescape(cell.strip()) for name, cell in row.items()}))
    except csv.Error as error:
        # The row after the last one read: unbalanced quotes, or a cell past the csv module's
        # own limit (128 KB), which is far beyond ours.
        if "field larger than field limit" in str(error):
            raise ValidationError(IMPORT_CELL_FAR_TOO_LONG.format(row=number + 1)) from error
        raise ValidationError(IMPORT_MALFORMED.format(row=number + 1)) from error
    return rows


def _unescape(cell: str) -> str:
    """Undo the apostrophe the export puts before a cell a spreadsheet would run, so a file
    exported and imported again is unchanged."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in ESCAPED_STARTS:
        return cell[1:].replace("\\|", "|")
    return cell


def _uuid_cell(row: dict, column: str, line: int) -> uuid.UUID | None:
    if not row.get(column):
        return None
    try:
        return uuid.UUID(row[column])
    except ValueError as error:
        raise ValidationError(IMPORT_NOT_AN_ID.format(row=line, column=column)) from error


def _age_cell(row: dict, column: str, line: int) -> int | None:
    if not row.get(column):
        return None
    try:
        return int(row[column])
    except ValueError as error:
        raise ValidationError(IMPORT_NOT_AN_AGE.format(row=line, column=column)) from error


@transaction.atomic
def services_import_csv(*, data: bytes) -> int:
    """Creates or updates services from the HSDS tabular CSV (the export's columns); every row or
    none. Raises ValidationError with a message per problem a directory editor can act on."""
    rows = _read_csv(data)
    seen = set()
    count = 0
    for line, row in rows:
        org_id = _uuid_cell(row, "organization_id", line)
        org = Organization.objects.filter(pk=org_id).first() if org_id else None
        if org is None:
            raise ValidationError(
                IMPORT_UNKNOWN_ORGANISATION.format(
                    row=line, org=row.get("organization_id") or "(none)"
                )
            )
        service_id = _uuid_cell(row, "id", line)
        if service_id is not None:
            if service_id in seen:
                raise ValidationError(IMPORT_REPEATED_ID.format(row=line))
            seen.add(service_id)
        service = (
            Service.objects.filter(pk=service_id).first() if service_id else None
        ) or Service(id=service_id or uuid.uuid4(), organization=org)
        for field in IMPORT_TEXT_FIELDS:  # columns left out keep what the service has
            if field in row:
                setattr(service, field, row[field])
        service.organization = org
        if "minimum_age" in row:
            service.minimum_age = _age_cell(row, "minimum_age", line)
        if "maximum_age" in row:
            service.maximum_age = _age_cell(row, "maximum_age", line)
        if "assured_date" in row:
            service.assured_date = row["assured_date"] or None
        try:
            service.full_clean()
        except ValidationError as error:
            raise ValidationError(
                IMPORT_INVALID.format(
                    row=line,
                    errors="; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()),
                )
            ) from error
        service.save()
        if "taxonomy_term_ids" in row:
            term_ids = set()
            for raw in row["taxonomy_term_ids"].split():
                try:
                    term_ids.add(uuid.UUID(raw))
                except ValueError as error:
                    raise ValidationError(
                        IMPORT_NOT_AN_ID.format(row=line, column="taxonomy_term_ids")
                    ) from error
            terms = list(TaxonomyTerm.objects.filter(pk__in=term_ids))
            if len(terms) != len(term_ids):
                raise ValidationError(IMPORT_UNKNOWN_TERM.format(row=line))
            service.attributes.all().delete()
            Attribute.objects.bulk_create(
                Attribute(service=service, taxonomy_term=t) for t in terms
            )
        count += 1
    return count
