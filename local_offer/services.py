"""Writes to the directory."""

import csv
import io

from django.db import transaction

from .models import Attribute, Feedback, Organization, Service, TaxonomyTerm

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
    return Feedback.objects.create(
        service=service, useful={"yes": True, "no": False}.get(useful), problem=problem.strip()
    )


def services_export_csv() -> str:
    """HSDS tabular format: one row per service; terms as a space-separated list of ids."""
    out = io.StringIO()
    writer = csv.writer(out)
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


@transaction.atomic
def services_import_csv(*, text: str) -> int:
    """Creates or updates services from the HSDS tabular CSV; all rows or none."""
    from django.core.exceptions import ValidationError

    count = 0
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        org = Organization.objects.filter(pk=row.get("organization_id") or None).first()
        if org is None:
            raise ValidationError(
                IMPORT_UNKNOWN_ORGANISATION.format(row=number, org=row.get("organization_id"))
            )
        service = Service.objects.filter(pk=row.get("id") or None).first() or Service(
            organization=org
        )
        for field in (
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees_description",
            "eligibility_description",
            "application_process",
            "assurer_email",
        ):
            setattr(service, field, row.get(field, "") or "")
        service.organization = org
        service.minimum_age = int(row["minimum_age"]) if row.get("minimum_age") else None
        service.maximum_age = int(row["maximum_age"]) if row.get("maximum_age") else None
        service.assured_date = row.get("assured_date") or None
        try:
            service.full_clean()
        except ValidationError as error:
            raise ValidationError(
                IMPORT_INVALID.format(
                    row=number,
                    errors="; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()),
                )
            ) from error
        service.save()
        terms = TaxonomyTerm.objects.filter(pk__in=(row.get("taxonomy_term_ids") or "").split())
        service.attributes.all().delete()
        Attribute.objects.bulk_create(Attribute(service=service, taxonomy_term=t) for t in terms)
        count += 1
    return count
