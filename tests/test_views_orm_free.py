"""Views parse input, call one service or selector, and render: no view module runs a database
query itself. Every view module in the project (`*/views.py`, `*/views/*.py`, `*/views_*.py`) is
read as Python (ast, nothing is imported) and any of these is reported as file:line:

- the manager attributes `.objects`, `._default_manager`, `._base_manager`;
- a call of a QuerySet method, on anything: `.filter(`, `.exclude(`, `.annotate(`,
  `.aggregate(`, `.select_related(`, `.prefetch_related(`, `.order_by(`, `.values_list(`,
  `.distinct(`, `.exists(`, `.first(`, `.last(`, `.all(` and the other names in QUERY_METHODS;
- the QuerySet methods whose names Python's own types share, where the call's shape is the
  QuerySet's and not the dict's or str's: `.get(` with keyword arguments (`qs.get(pk=1)`, not
  `request.GET.get("page")`), `.values(` with field names, `.count()` with no argument,
  `.update(` and `.create(` with keyword arguments only, `.delete()` and `.save()` with no
  positional argument (`cache.delete(key)` is not the ORM);
- `get_object_or_404(` and `get_list_or_404(`, which query for the view;
- any import from `django.db` (Q, F, Count, connection, transaction: query building, raw SQL or
  transactions belong in selectors and services).

There is no allow-list: a view that needs a query asks a selector or a service for it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VIEW_GLOBS = ("*/views.py", "*/views/*.py", "*/views_*.py")

QUERY_METHODS = frozenset(
    {
        "filter",
        "exclude",
        "annotate",
        "alias",
        "aggregate",
        "select_related",
        "prefetch_related",
        "order_by",
        "values_list",
        "distinct",
        "only",
        "defer",
        "using",
        "select_for_update",
        "in_bulk",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "bulk_update",
        "exists",
        "first",
        "last",
        "latest",
        "earliest",
        "iterator",
        "raw",
        "extra",
        "none",
        "all",
        "union",
        "intersection",
        "difference",
        "refresh_from_db",
        "aexists",
        "acount",
        "aget",
        "afirst",
        "alast",
    }
)
MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
QUERYING_SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})


def _what(call: ast.Call) -> str | None:
    """What the call is, when it is a query; None when it is not."""
    func = call.func
    if isinstance(func, ast.Name):
        return f"{func.id}()" if func.id in QUERYING_SHORTCUTS else None
    if not isinstance(func, ast.Attribute):
        return None
    name = func.attr
    positional = bool(call.args)
    keywords = [k for k in call.keywords if k.arg is not None]
    if name in QUERY_METHODS:
        return f".{name}()"
    if name == "get" and keywords:
        return ".get() with lookups"
    if name == "values" and positional:
        return ".values() with fields"
    if name == "count" and not positional and not call.keywords:
        return ".count()"
    if name in ("update", "create") and keywords and not positional:
        return f".{name}() with fields"
    if name in ("delete", "save") and not positional:
        return f".{name}()"
    return None


def orm_uses(source: str, filename: str = "<module>") -> list[tuple[int, str]]:
    """(line, what) for every database query the module's code makes or builds itself."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Call) and (what := _what(node)):
            found.append((node.lineno, what))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.db"):
            found.append((node.lineno, f"import from {node.module}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("django.db"):
                    found.append((node.lineno, f"import {alias.name}"))
    return sorted(set(found))


def view_modules() -> list[Path]:
    skip = {".venv", "node_modules"}
    return sorted(
        {
            path
            for pattern in VIEW_GLOBS
            for path in ROOT.glob(pattern)
            if not skip.intersection(path.relative_to(ROOT).parts)
        }
    )


def offences(path: Path, root: Path = ROOT) -> list[str]:
    relative = path.relative_to(root).as_posix()
    return [
        f"{relative}:{line}: {what}" for line, what in orm_uses(path.read_text(), filename=relative)
    ]


def test_the_project_has_view_modules_to_check():
    names = {path.relative_to(ROOT).as_posix() for path in view_modules()}
    assert {"panels/views.py", "local_offer/views.py", "alerts/views.py"} <= names
    assert "administration/views/staff.py" in names
    assert "accounts/views_two_factor.py" in names


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_view_module_runs_no_query(path):
    found = offences(path)
    assert not found, "Queries belong in a selector or service:\n" + "\n".join(found)


OFFENDING = """\
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .models import Meeting


def page(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    members = meeting.members.filter(attended=True).order_by("pk")
    count = Meeting.objects.count()
    one = meeting.items.get(pk=request.GET.get("item"))
    meeting.items.update(summary="")
    meeting.delete()
    return render(request, "x.html", {"m": members, "c": count, "one": one})
"""

CLEAN = """\
from django.core.cache import cache
from django.shortcuts import render

from . import selectors, services


def page(request, pk):
    context = {"page": request.GET.get("page", "1"), "tags": "a,b".split(",")}
    context.update({"meeting": selectors.meeting_for(user=request.user, pk=pk)})
    cache.delete("key")
    words = list(context.values())
    services.meeting_touch(meeting=context["meeting"], by=request.user)
    return render(request, "x.html", context | {"n": "aab".count("a"), "w": words})
"""


def test_an_offending_module_is_reported_line_by_line():
    assert orm_uses(OFFENDING) == [
        (1, "import from django.db.models"),
        (8, "get_object_or_404()"),
        (9, ".filter()"),
        (9, ".order_by()"),
        (10, ".count()"),
        (10, ".objects"),
        (11, ".get() with lookups"),
        (12, ".update() with fields"),
        (13, ".delete()"),
    ]


def test_a_module_without_queries_passes_though_it_uses_dicts_and_the_cache():
    assert orm_uses(CLEAN) == []


def test_offences_name_the_file_and_line(tmp_path):
    module = tmp_path / "meetings" / "views.py"
    module.parent.mkdir()
    module.write_text(OFFENDING)
    found = offences(module, root=tmp_path)
    assert found[0] == "meetings/views.py:1: import from django.db.models"
    assert "meetings/views.py:9: .filter()" in found
    assert len(found) == 9
