from accounts import roles

from .selectors import unread_count


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_role(*roles.CASE_STAFF):
        return {"inbox_unread": None}
    return {"inbox_unread": unread_count(user=user)}
