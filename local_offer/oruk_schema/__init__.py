"""The Open Referral UK profile's schemas and OpenAPI description, vendored (see README.md)."""

from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
# Where the OpenAPI description's absolute `$ref`s point: the same files, upstream.
UPSTREAM_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
