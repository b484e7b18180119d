"""The README's examples print what the README says they print, every line of it."""

import contextlib
import io
import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_the_clock_example_prints_exactly_the_lines_shown():
    section = README.split("## The statutory clock", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
    shown, current = [], None
    for line in block.splitlines():
        if line.startswith("#   "):
            current += " " + line[4:]
        elif line.startswith("# "):
            if current is not None:
                shown.append(current)
            current = line[2:]
    shown.append(current)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert printed.getvalue().splitlines() == shown
