"""Finding a child by name on PostgreSQL: pg_trgm for names spelt nearly right and unaccent for
names typed without their accents. Django's CreateExtension does nothing on other databases."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []
    operations = [TrigramExtension(), UnaccentExtension()]
