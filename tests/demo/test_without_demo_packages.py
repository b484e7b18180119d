"""The portal, the demo app included, runs without the demo packages (the production image has
neither Faker nor tqdm); the command says what to install."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
sys.modules["faker"] = None  # as if Faker were not installed
sys.modules["tqdm"] = None
import django
django.setup()
import importlib, pkgutil, demo
for module in pkgutil.walk_packages(demo.__path__, "demo."):
    importlib.import_module(module.name)
from django.core.management import call_command
from django.core.management.base import CommandError
try:
    call_command("demo_data", children=1, quiet_progress=True)
except CommandError as error:
    print("REFUSED:", error)
"""


def test_the_demo_app_imports_without_faker_and_the_command_says_what_to_install(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "send_portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "REFUSED:" in result.stdout
    assert "requirements-demo.txt" in result.stdout
