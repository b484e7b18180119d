"""Navigation by role: each entry names the roles that see it."""

from django.urls import NoReverseMatch, reverse

from . import roles

ITEMS = (
    ("Home", "workspace:home", roles.ALL),
    ("Children", "workspace:children", roles.CASE_STAFF),
    ("Caseload", "workspace:caseload", roles.CASE_STAFF),
    ("Team", "workspace:team", (roles.MANAGER,)),
    ("Inbox", "alerts:inbox", roles.CASE_STAFF),
    ("Panels", "panels:meetings", (roles.PANEL_MEMBER, *roles.CASE_STAFF)),
    ("Reports", "reporting:timeliness", (roles.MANAGER, roles.HEAD_OF_SERVICE)),
    ("Local Offer directory", "local_offer:directory", (roles.DIRECTORY_EDITOR,)),
    ("Administration", "administration:index", (roles.ADMINISTRATOR,)),
)


def navigation_for(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for label, url_name, allowed in ITEMS:
        if not user.has_role(*allowed):
            continue
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        current = request.path == href or (href != "/" and request.path.startswith(href))
        items.append({"text": label, "href": href, "current": current})
    return items
