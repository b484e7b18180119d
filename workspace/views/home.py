"""The home page: what each person has to do, by role."""

from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..selectors.home import home_for


@roles_required(*roles.ALL)
def home(request):
    return render(request, "workspace/home.html", home_for(user=request.user))
