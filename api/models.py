from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class PartnerClient(models.Model):
    """An OAuth2 client (a partner's system) and the organisation it acts for."""

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="partner_client"
    )
    partner = models.ForeignKey(
        "cases.PartnerOrganisation", on_delete=models.PROTECT, related_name="clients"
    )

    def __str__(self) -> str:
        return f"{self.application.name} ({self.partner})"


class IdempotencyKey(models.Model):
    """A create request a client may safely retry: the same key from the same client returns the
    first response, and is written in the same transaction as the record it created."""

    application = models.ForeignKey(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64, help_text="SHA-256 of method, path and body")
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "key"], name="one_idempotency_key_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.response_status})"
