"""The administrators' writes: staff, teams, panel types, partner API clients and the council's
settings. Each service validates, writes and records an `AdministrationChange` in one
transaction; its error messages are module constants."""

from .clients import api_client_register, api_client_rotate_secret
from .council import council_settings_update
from .panel_types import panel_type_create, panel_type_delete, panel_type_update
from .staff import (
    StaffDetails,
    administrator_promote,
    staff_create,
    staff_deactivate,
    staff_password_reset,
    staff_reactivate,
    staff_update,
)
from .teams import team_create, team_update

__all__ = [
    "StaffDetails",
    "administrator_promote",
    "api_client_register",
    "api_client_rotate_secret",
    "council_settings_update",
    "panel_type_create",
    "panel_type_delete",
    "panel_type_update",
    "staff_create",
    "staff_deactivate",
    "staff_password_reset",
    "staff_reactivate",
    "staff_update",
    "team_create",
    "team_update",
]
