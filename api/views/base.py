"""What every API resource shares: who may call it, the change feed's filter, the access log of
every child's record read, and Cache-Control: no-store on every answer."""

from operator import attrgetter

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from .. import services
from ..access import NOBODY, PartnerKindAllowed, ScopedResource, caller, client_label
from ..etags import etag_for
from ..filters import ChangeFilter


class Resource:
    access = "api"
    filter_backends = [DjangoFilterBackend]  # the change feed has one order: no ?ordering=
    lookup_value_regex = "[^/]+"  # any id reaches the API, which answers 404 in its own format
    permission_classes = [ScopedResource, PartnerKindAllowed]
    filterset_class = ChangeFilter
    resource = ""
    # The records the caller may see: a function of api.selectors taking the caller.
    selector = None
    # Where a record names its child, for the access log ("child_id", "plan.child_id", ...);
    # None for a resource that is not about children.
    child_path: str | None = "child_id"
    # Who may read or write at all, by partner kind (and STAFF): see PartnerKindAllowed.
    partner_kinds: dict[str, set[str]] = {}
    partner_kinds_refusal = ""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model
            return type(self).selector(caller=NOBODY)
        return type(self).selector(caller=caller(self.request))

    def check_permissions(self, request):
        """A method the resource does not offer is a 405 for anyone signed in, whatever their
        scopes: 'you may not' and 'there is no such thing' are different answers."""
        method = request.method.lower()
        signed_in = request.auth is not None or getattr(request.user, "is_authenticated", False)
        if signed_in and (method not in self.http_method_names or not hasattr(self, method)):
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        # Children's personal data: no browser, proxy or gateway keeps a copy.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    # Partner systems carry a token, not a session: DRF authenticates them, not the sign-in page.
    dispatch.login_required = False

    def acting_user(self):
        """The person acting, when staff call in a browser; None for a partner's system."""
        user = self.request.user
        return user if getattr(user, "is_authenticated", False) else None

    def log_reads(self, child_ids, what: str) -> None:
        """Every read of a child's record is attributable, in one insert per page."""
        services.reads_record(
            child_ids=child_ids,
            user=self.acting_user(),
            client_label=client_label(self.request),
            what=what,
        )

    def child_ids(self, records) -> list[int]:
        if self.child_path is None:
            return []
        child_id = attrgetter(self.child_path)
        return [child_id(record) for record in records]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.log_reads(self.child_ids(self._page_records), f"api {self.resource} list")
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_records = page or []
        return page

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.log_reads(self.child_ids([instance]), f"api {self.resource}")
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag_for(instance)
        return response
