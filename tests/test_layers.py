"""The layers hold: every production module imports only from its own app's layer or a lower one
(`core.layers.LAYERS`), no two apps import each other however indirectly, and no model points at a
model of a higher layer. Imports inside functions count, and so do `import_module("...")` and
`import_string("...")` with a literal name."""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from core.layers import LAYER_OF, LAYERS

ROOT = Path(__file__).resolve().parents[1]
NOT_APPS = {"tests", "bench", "node_modules", "static", "templates", "docs", "bin"}
DYNAMIC_IMPORTERS = {"import_module", "import_string"}


@dataclass(frozen=True)
class Arrow:
    path: str
    line: int
    importer: str
    imported: str
    module: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.importer} -> {self.imported} ({self.module})"


def project_packages(root: Path) -> list[str]:
    """Every top-level package of the repository that is production code."""
    return sorted(
        path.name
        for path in root.iterdir()
        if path.is_dir()
        and (path / "__init__.py").exists()
        and path.name not in NOT_APPS
        and not path.name.startswith(".")
    )


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module_name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module_name.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(root: Path, path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file, at any depth."""
    name = _module_name(root, path)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, _resolve(name, is_package, node)))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0] if node.args else None
            if (
                called in DYNAMIC_IMPORTERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.append((node.lineno, first.value))
    return found


def arrows(root: Path) -> tuple[list[Arrow], list[str]]:
    """Every import from one project package into another, and the packages with no layer."""
    packages = project_packages(root)
    unlayered = [package for package in packages if package not in LAYER_OF]
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            for line, module in imports_of(root, path):
                target = module.split(".")[0]
                if target != package and target in packages:
                    found.append(Arrow(str(path.relative_to(root)), line, package, target, module))
    return found, unlayered


def upward(found: list[Arrow]) -> list[Arrow]:
    return [
        arrow
        for arrow in found
        if arrow.importer in LAYER_OF
        and arrow.imported in LAYER_OF
        and LAYER_OF[arrow.imported] > LAYER_OF[arrow.importer]
    ]


def cycles(found: list[Arrow]) -> list[list[str]]:
    """The groups of apps that import each other, directly or through others (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for arrow in found:
        graph.setdefault(arrow.importer, set()).add(arrow.imported)
        graph.setdefault(arrow.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(graph[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return groups


def layer_report(root: Path) -> str:
    """What breaks the layers, one offending import a line; empty when nothing does."""
    found, unlayered = arrows(root)
    lines = [f"{package}: a package with no layer in core.layers.LAYERS" for package in unlayered]
    bad = upward(found)
    if bad:
        lines.append("Imports from a higher layer (file:line importer -> imported (module)):")
        lines.extend(f"  {arrow}" for arrow in bad)
    for group in cycles(found):
        # Every import between the group's apps closes a loop; the ones going down are each
        # allowed alone, so name those that go up or stay on one layer.
        lines.append(f"Apps importing each other: {' <-> '.join(group)}, through:")
        lines.extend(
            f"  {arrow}"
            for arrow in found
            if arrow.importer in group
            and arrow.imported in group
            and LAYER_OF.get(arrow.imported, -1) >= LAYER_OF.get(arrow.importer, -1)
        )
    return "\n".join(lines)


def test_every_app_imports_only_its_own_layer_or_lower_and_no_apps_import_each_other():
    report = layer_report(ROOT)
    assert not report, "\n" + report


def test_no_model_points_at_a_model_of_a_higher_layer():
    bad = []
    for model in django_apps.get_models():
        app = model._meta.app_label
        if app not in LAYER_OF:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            other = field.related_model._meta.app_label
            if other in LAYER_OF and LAYER_OF[other] > LAYER_OF[app]:
                bad.append(f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}")
    assert not bad, "\n".join(bad)


def test_each_app_is_in_one_layer():
    named = [app for layer in LAYERS for app in layer]
    assert len(named) == len(set(named))
    assert named[0] == "core"


# The checker itself: given a made-up tree, it names what is wrong.


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for package in {Path(name).parts[0] for name in files}:
        (tmp_path / package / "__init__.py").touch()
    return tmp_path


def test_the_checker_names_an_upward_import_even_inside_a_function(tmp_path):
    root = _tree(
        tmp_path,
        {
            "core/dates.py": "import datetime\n\n\ndef f():\n    from cases.models import Child\n",
            "cases/models.py": "from core.dates import today\n",
        },
    )
    report = layer_report(root)
    assert "core/dates.py:5 core -> cases (cases.models)" in report
    assert "cases/models.py" not in report
    assert "Apps importing each other: cases <-> core, through:" in report


def test_the_checker_names_a_cycle_within_one_layer_and_a_relative_import(tmp_path):
    root = _tree(
        tmp_path,
        {
            "panels/services.py": "from alerts.models import Alert\n",
            "alerts/sub/views.py": "from ...panels import services\n",
        },
    )
    report = layer_report(root)
    assert "Apps importing each other: alerts <-> panels" in report
    assert "alerts/sub/views.py:1 alerts -> panels (panels)" in report
    assert "panels/services.py:1 panels -> alerts (alerts.models)" in report


def test_the_checker_names_a_package_with_no_layer_and_a_dynamic_import(tmp_path):
    root = _tree(
        tmp_path,
        {
            "extras/views.py": "",
            "accounts/commands.py": (
                "from django.utils.module_loading import import_string\n"
                "builder = import_string('reporting.demo.build')\n"
            ),
            "reporting/demo.py": "",
        },
    )
    report = layer_report(root)
    assert "extras: a package with no layer" in report
    assert "accounts/commands.py:2 accounts -> reporting (reporting.demo.build)" in report


def test_a_lower_import_passes(tmp_path):
    root = _tree(tmp_path, {"cases/models.py": "from core.models import TimeStampedModel\n"})
    assert layer_report(root) == ""


@pytest.mark.parametrize(("importer", "imported"), [("core", "accounts"), ("cases", "panels")])
def test_the_declared_order_forbids_going_up(importer, imported):
    assert LAYER_OF[imported] > LAYER_OF[importer]
