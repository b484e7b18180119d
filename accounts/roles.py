"""The portal's roles. Each is a Django group of the same name (created by a migration)."""

CASEWORKER = "caseworker"
PANEL_MEMBER = "panel_member"
MANAGER = "manager"
DIRECTORY_EDITOR = "directory_editor"
ADMINISTRATOR = "administrator"

LABELS = {
    CASEWORKER: "Caseworker",
    PANEL_MEMBER: "Panel member",
    MANAGER: "Manager",
    DIRECTORY_EDITOR: "Directory editor",
    ADMINISTRATOR: "Administrator",
}
ALL = tuple(LABELS)
# Anyone who works on children's cases in the browser.
CASE_STAFF = (CASEWORKER, MANAGER)
