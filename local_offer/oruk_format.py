"""The Open Referral UK feed's records: HSDS 3.0 (UK profile) dictionaries of the directory's
rows, with empty fields omitted (`clean`)."""

import datetime
import uuid

from .models import Service, Taxonomy, TaxonomyTerm


def clean(value):
    """Omit empty fields rather than sending null or an empty string."""
    if isinstance(value, dict):
        cleaned = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def fields_of(record, *names: str) -> dict:
    """The named fields of a row, under the same names in the feed."""
    return {name: getattr(record, name) for name in names}


def taxonomy_dict(taxonomy: Taxonomy) -> dict:
    return fields_of(taxonomy, "id", "name", "description", "uri", "version")


def term_dict(term: TaxonomyTerm, *, nested: bool = True) -> dict:
    data = fields_of(term, "id", "name", "description", "code", "parent_id", "taxonomy_id")
    if nested:
        data["taxonomy_detail"] = taxonomy_dict(term.taxonomy)
    return data


def service_summary(service: Service) -> dict:
    return {
        "id": service.id,
        "organization_id": service.organization_id,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees_description,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.assured_date,
        "assurer_email": service.assurer_email,
        "alert": service.alert,
        "last_modified": service.last_modified,
    }


def location_dict(location) -> dict:
    return {
        "id": location.id,
        "location_type": "physical",
        "name": location.name,
        "description": location.description,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "addresses": [
            {
                "id": location.id,
                "location_id": location.id,
                "address_1": location.address_1,
                "city": location.city,
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
                "state_province": "England",
            }
        ]
        if location.address_1
        else [],
        "accessibility": [
            {"id": location.id, "location_id": location.id, "description": location.accessibility}
        ]
        if location.accessibility
        else [],
    }


def service_full(service: Service) -> dict:
    org = service.organization
    data = service_summary(service)
    data.update(
        {
            "organization": fields_of(org, "id", "name", "description", "email", "website"),
            "service_at_locations": [
                {
                    "id": sal.id,
                    "service_id": service.id,
                    "location_id": sal.location_id,
                    "location": location_dict(sal.location),
                }
                for sal in service.service_at_locations.all()
            ],
            "contacts": [
                {
                    "id": c.id,
                    "service_id": service.id,
                    "name": c.name,
                    "title": c.title,
                    "email": c.email,
                    "phones": [{"id": c.id, "contact_id": c.id, "number": c.phone}]
                    if c.phone
                    else [],
                }
                for c in service.contacts.all()
            ],
            "schedules": [
                {
                    "id": s.id,
                    "service_id": service.id,
                    "description": s.description,
                    "byday": s.byday,
                    "opens_at": s.opens_at.isoformat() if s.opens_at else None,
                    "closes_at": s.closes_at.isoformat() if s.closes_at else None,
                    "freq": "WEEKLY" if s.byday else None,
                }
                for s in service.schedules.all()
            ],
            "cost_options": [
                {
                    "id": c.id,
                    "service_id": service.id,
                    "option": c.option,
                    "amount": float(c.amount) if c.amount is not None else None,
                    "currency": "GBP" if c.amount is not None else None,
                    "amount_description": c.amount_description,
                }
                for c in service.cost_options.all()
            ],
            "service_areas": [
                {"id": a.id, "service_id": service.id, "name": a.name}
                for a in service.service_areas.all()
            ],
            "languages": [
                {"id": lang.id, "service_id": service.id, "name": lang.name, "code": lang.code}
                for lang in service.languages.all()
            ],
            "attributes": [
                {
                    "id": a.id,
                    "link_id": service.id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": a.taxonomy_term_id,
                    "taxonomy_term": term_dict(a.taxonomy_term, nested=False),
                }
                for a in service.attributes.all()
            ],
        }
    )
    return data


def sal_dict(sal):
    return {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "location": location_dict(sal.location),
        "service": service_summary(sal.service),
    }
