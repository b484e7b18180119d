"""The portal's layers, lowest first: an app may import only from its own layer or a lower one,
and no two apps may import each other, however indirectly (`tests/test_layers.py` checks every
module, including imports inside functions, and every model relation).

A lower layer that must tell a higher one something sends a signal the higher one listens to
(for example `cases.signals.deadlines_removing`, which alerts receives)."""

LAYERS: tuple[tuple[str, ...], ...] = (
    # The ground floor: abstract models, GOV.UK forms, refusing a step, dates, CSV, the queue.
    ("core",),
    # Staff, teams, roles, the access policy and the council's settings.
    ("accounts",),
    # The Local Offer directory: services families can find; a plan links to them.
    ("local_offer",),
    # Children's records, the statutory clock, one service per step, the workflow declaration.
    ("cases",),
    # What acts on cases: panels decide, alerts warn.
    ("panels", "alerts"),
    # What reads across cases: the reports and the partner API.
    ("reporting", "api"),
    # The council's set-up pages (staff, teams, panel types, API clients, settings).
    ("administration",),
    # Pages that bring the apps together, and the demo council built from every app.
    ("workspace", "demo"),
    # The project: settings, URLs, the Celery app and its schedule, project-wide commands.
    ("send_portal",),
)

LAYER_OF: dict[str, int] = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def may_import(importer: str, imported: str) -> bool:
    """Whether `importer` (an app) may import from `imported` (an app): its own layer or below."""
    return LAYER_OF[imported] <= LAYER_OF[importer]
