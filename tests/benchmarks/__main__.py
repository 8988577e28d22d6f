"""Run every benchmark module (``bench_*.py``) in this package, or only those named on the command line."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Import and run each benchmark's ``main()``; returns the exit status."""
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    failed = 0
    for name in wanted:
        print(f"== {name}", flush=True)
        # Each benchmark in a process of its own, so start-up and memory figures start from nothing.
        code = f"import tests.benchmarks.{name} as m; m.main()"
        failed += subprocess.run([sys.executable, "-c", code], cwd=here.parent.parent).returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
