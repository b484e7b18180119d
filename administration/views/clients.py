"""Partner API clients: registering, and secrets shown once and rotated."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import ApiClientForm
from ..models import Area
from .common import administrators_only, written


@administrators_only
def api_client_list(request):
    return render(
        request, "administration/api_client_list.html", {"clients": selectors.api_clients()}
    )


@administrators_only
@never_cache
def api_client_add(request):
    form = ApiClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        made = written(request, form, services.api_client_register, **form.cleaned_data)
        if made:
            client, secret = made
            return render(
                request,
                "administration/secret_once.html",
                {"client": client, "secret": secret, "new": True},
            )
    return render(request, "administration/api_client_form.html", {"form": form})


@administrators_only
def api_client_detail(request, pk: int):
    client = selectors.api_client(pk=pk)
    return render(
        request,
        "administration/api_client_detail.html",
        {"client": client, "changes": selectors.history_of(area=Area.API_CLIENT, target=client)},
    )


@administrators_only
@never_cache
def api_client_rotate(request, pk: int):
    client = selectors.api_client(pk=pk)
    if request.method == "POST":
        secret = services.api_client_rotate_secret(client=client, by=request.user)
        return render(
            request,
            "administration/secret_once.html",
            {"client": client, "secret": secret, "new": False},
        )
    return render(request, "administration/api_client_rotate.html", {"client": client})
