"""What every bench shares: the database in DATABASE_URL (PostgreSQL), rebuilt with the demo data
unless `--reuse` is given; Django with DEBUG off, so no query is kept in memory; files written
to a folder outside the repository (MEDIA_ROOT, a temporary folder unless set)."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNCIL_CHILDREN = 34_000  # about 24,700 plans in force


def arguments(description: str, *, children: int = COUNCIL_CHILDREN) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--reuse", action="store_true", help="use the data already in the database as it is"
    )
    parser.add_argument(
        "--children", type=int, default=children, help="children to build (without --reuse)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="the demo data's seed")
    return parser


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for benchmarking (it is flushed).")
    return url


def manage(*args: str, quiet: bool = False) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def build(args: argparse.Namespace) -> None:
    """Empties the database and loads `--children` demo children, unless `--reuse`."""
    database_url()
    if args.reuse:
        return
    manage("flush", "--no-input")
    manage("migrate", "-v0")
    started = time.perf_counter()
    manage(
        "demo_data",
        "--children",
        str(args.children),
        "--seed",
        str(args.seed),
        "--quiet-progress",
        quiet=True,
    )
    print(f"generated {args.children:,} children in {time.perf_counter() - started:.0f} s")


def setup(settings_module: str = "send_portal.settings.local") -> None:
    """Django, with DEBUG off and files outside the repository."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ["DEBUG"] = "false"
    os.environ.setdefault(
        "MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "send-portal-bench-media")
    )
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    media = Path(settings.MEDIA_ROOT).resolve()
    if media.is_relative_to(ROOT):
        sys.exit(f"MEDIA_ROOT {media} is inside the repository: set it to a folder outside it.")
