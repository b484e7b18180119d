"""The administrators' set-up pages. Each view parses input, calls one service or selector and
renders; only the administrator role may use them."""

from .clients import api_client_add, api_client_detail, api_client_list, api_client_rotate
from .council import changes, council, index
from .setup import (
    panel_type_delete,
    panel_type_form,
    panel_type_list,
    team_form,
    team_list,
)
from .staff import (
    staff_account,
    staff_add,
    staff_list,
    staff_member,
    staff_password,
)

__all__ = [
    "api_client_add",
    "api_client_detail",
    "api_client_list",
    "api_client_rotate",
    "changes",
    "council",
    "index",
    "panel_type_delete",
    "panel_type_form",
    "panel_type_list",
    "staff_account",
    "staff_add",
    "staff_list",
    "staff_member",
    "staff_password",
    "team_form",
    "team_list",
]
