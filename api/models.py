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
