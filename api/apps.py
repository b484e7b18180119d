from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partner API"

    def ready(self):
        from oauth2_provider.models import AccessToken, Application

        from cases.models import EducationSetting, PartnerOrganisation

        from .authentication import token_changed
        from .models import PartnerClient
        from .selectors import settings_changed

        # A kept token answers for its client and organisation: any change to them counts at
        # the next request (api.authentication).
        for model in (AccessToken, Application, PartnerClient, PartnerOrganisation):
            post_save.connect(token_changed, sender=model, dispatch_uid=f"api-token-{model}")
            post_delete.connect(token_changed, sender=model, dispatch_uid=f"api-token-d-{model}")
        post_save.connect(settings_changed, sender=EducationSetting, dispatch_uid="api-settings")
        post_delete.connect(
            settings_changed, sender=EducationSetting, dispatch_uid="api-settings-d"
        )
