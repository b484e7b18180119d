"""Deny by default: every view declares who may use it.

`AccessPolicyMiddleware` refuses any view that has not declared a policy with one of:
- `@public` - anyone, signed in or not (sign-in page, health check, the public Local Offer);
- `@roles_required(...)` / `RolesRequiredMixin.allowed_roles` - signed-in staff with one of the roles;
- `@api_view_policy` / `access = API` - the REST API, which authenticates and authorises itself.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required

PUBLIC = "public"
API = "api"


def public(view: Callable) -> Callable:
    view = login_not_required(view)
    view.access = PUBLIC
    return view


def roles_required(*roles: str) -> Callable[[Callable], Callable]:
    if not roles:
        raise ValueError("roles_required needs at least one role")

    def decorate(view: Callable) -> Callable:
        view.access = tuple(roles)
        return view

    return decorate


class RolesRequiredMixin:
    """Class-based views: set `allowed_roles`."""

    allowed_roles: tuple[str, ...] = ()

    @classmethod
    def as_view(cls, **initkwargs):
        if not cls.allowed_roles:
            raise TypeError(f"{cls.__name__} must set allowed_roles")
        view = super().as_view(**initkwargs)
        view.access = tuple(cls.allowed_roles)
        return view


def policy_of(view: Callable) -> str | tuple[str, ...] | None:
    policy = getattr(view, "access", None)
    if policy is None:
        view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
        policy = getattr(view_class, "access", None)
    return policy
