"""Times a SEN2 return for a council and measures its peak memory (target: under 150 MiB,
whatever the size of the council, and no slower than before).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/send_bench .venv/bin/python bench/sen2.py --reuse
    DATABASE_URL=... .venv/bin/python bench/sen2.py --children 34000   (builds a council first)

Each run generates the return through the service, as the worker does (the files written to
storage: MEDIA_ROOT, outside the repository), in a fresh process, and reports the wall time,
the process's peak resident memory (getrusage maxrss) and how much of it the generation added
above the process as it stood after Django's start.
"""

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

# The repository first, not this folder (whose api.py would shadow the api app).
sys.path[0] = str(Path(__file__).resolve().parents[1])
from bench.common import arguments, build, setup  # noqa: E402

TARGET_MIB = 150


def _child(census: str) -> None:
    """In the fresh process: generate one return, print what it measured as JSON."""
    setup()
    import datetime

    from reporting.models import Sen2Return
    from reporting.services import sen2_return_generate

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sen2_return = Sen2Return.objects.create(
        census_date=datetime.date.fromisoformat(census),
        dmo_in_post="Yes",
        dco_in_post="Yes",
        dsco_in_post="Yes",
    )
    started = time.perf_counter()
    sen2_return = sen2_return_generate(sen2_return=sen2_return)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "status": sen2_return.status,
                "seconds": round(elapsed, 2),
                "peak_mib": round(peak / 1024, 1),
                "added_mib": round((peak - before) / 1024, 1),
                "plans": sen2_return.counts.get("5a Active plans", 0),
                "persons": sen2_return.counts.get("1 Person", 0),
                "xml_bytes": sen2_return.xml_file.size if sen2_return.xml_file else 0,
            }
        )
    )


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--census", default="2026-01-15")
    parser.add_argument("--child", action="store_true", help=argparse_hidden())
    args = parser.parse_args()
    if args.child:
        _child(args.census)
        return 0
    build(args)
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--census", args.census],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(results[-1])
    best = min(results, key=lambda r: r["seconds"])
    peak = max(r["peak_mib"] for r in results)
    print(
        f"\n{best['plans']:,} active plans, {best['persons']:,} persons, "
        f"XML {best['xml_bytes'] / 1e6:.1f} MB: best {best['seconds']:.1f} s, "
        f"peak {peak:.0f} MiB (target < {TARGET_MIB} MiB)"
    )
    return 0 if peak < TARGET_MIB and all(r["status"] == "complete" for r in results) else 1


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
