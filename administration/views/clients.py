"""Partner API clients: registering, and secrets shown once and rotated."""

from functools import partial

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import ApiClientForm
from ..models import Area
from .common import CLIENT_SECRET, administrators_only, written


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
            return CLIENT_SECRET.shown(request, *made, new=True)
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
    rotate = partial(services.api_client_rotate_secret, client=client)
    return CLIENT_SECRET.renewal(
        request, client, rotate, ask="administration/api_client_rotate.html"
    )
