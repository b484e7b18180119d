"""The SEN2 return pages (the head of service only: the return names every child in the service):
ask for a return, watch it being generated, read the validation report, download the files.
Downloads go through this view, never a public URL; the selectors check the role again."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import roles
from accounts.access import roles_required

from . import services
from .figures import DASHBOARDS
from .forms import Sen2RequestForm
from .selectors.access import sen2_file_for, sen2_return_get_for, sen2_returns_for
from .selectors.sen2 import sen2_counts_in_order, sen2_findings_in_order, sen2_request_initial

# The progress page refreshes itself without JavaScript (meta refresh). WCAG 2.2.1: the person
# can turn that off (and back on) from a link at the top of the page, before the first refresh.
REFRESH_SECONDS = 10


@roles_required(roles.HEAD_OF_SERVICE)
def sen2_index(request):
    form = Sen2RequestForm(
        request.POST or None,
        initial=sen2_request_initial(user=request.user, today=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            sen2_return = services.sen2_return_request(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("reporting:sen2_status", pk=sen2_return.pk)
    returns = sen2_returns_for(user=request.user)
    status = 400 if form.errors else 200
    return render(
        request,
        "reporting/sen2_index.html",
        {
            "form": form,
            "returns": returns,
            "dashboards": [(key, label) for key, (label, _keys) in DASHBOARDS.items()],
            "sen2_allowed": True,
        },
        status=status,
    )


@never_cache
@roles_required(roles.HEAD_OF_SERVICE)
def sen2_status(request, pk: int):
    sen2_return = sen2_return_get_for(user=request.user, pk=pk)
    findings = sen2_findings_in_order(findings=sen2_return.findings)
    errors = [f for f in findings if f.get("severity") == "error"]
    warnings = [f for f in findings if f.get("severity") != "error"]
    auto_refresh = request.GET.get("refresh") != "off"
    return render(
        request,
        "reporting/sen2_status.html",
        {
            "sen2_return": sen2_return,
            "refresh": REFRESH_SECONDS if auto_refresh and not sen2_return.is_finished else None,
            "auto_refresh": auto_refresh,
            "refresh_seconds": REFRESH_SECONDS,
            "errors": errors,
            "warnings": warnings,
            "counts": sen2_counts_in_order(sen2_return=sen2_return),
            "not_sent": services.sen2_return_not_sent(sen2_return=sen2_return),
        },
    )


def _download(request, pk: int, kind: str, content_type: str):
    file = sen2_file_for(user=request.user, pk=pk, kind=kind)
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(
        handle, as_attachment=True, filename=file.name.rsplit("/", 1)[-1], content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@roles_required(roles.HEAD_OF_SERVICE)
def sen2_xml(request, pk: int):
    return _download(request, pk, "xml", "application/xml")


@roles_required(roles.HEAD_OF_SERVICE)
def sen2_csv(request, pk: int):
    return _download(request, pk, "csv", "application/zip")
