"""The portal's roles. Each is a Django group of the same name (created by a migration)."""

CASEWORKER = "caseworker"
PANEL_MEMBER = "panel_member"
MANAGER = "manager"
# The head of service (or the council's SEN2 officer): the whole service's figures and the
# SEN2 return, which names every child. A team manager sees only their own teams.
HEAD_OF_SERVICE = "head_of_service"
DIRECTORY_EDITOR = "directory_editor"
ADMINISTRATOR = "administrator"

LABELS = {
    CASEWORKER: "Caseworker",
    PANEL_MEMBER: "Panel member",
    MANAGER: "Manager",
    HEAD_OF_SERVICE: "Head of service",
    DIRECTORY_EDITOR: "Directory editor",
    ADMINISTRATOR: "Administrator",
}
ALL = tuple(LABELS)
# Anyone who works on children's cases in the browser.
CASE_STAFF = (CASEWORKER, MANAGER)
