"""What the cases app tells the apps built on it, so that it never reaches into their tables."""

from django.dispatch import Signal

# Sent with `deadlines` (a queryset of StatutoryDeadline) just before the stored deadlines of steps
# that no longer apply are deleted, inside the same transaction. The alerts app closes its alerts
# on them.
deadlines_removing = Signal()
