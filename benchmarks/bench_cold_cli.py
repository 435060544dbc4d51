"""Cold start of the CLI against importing rdflib, measured in the same run.

Run by hand (not a test; timings on shared 2-core machines are noisy)::

    python benchmarks/bench_cold_cli.py [--runs 15]

Each round starts a fresh interpreter for ``fwgraph show keras`` and one for
``python -c "import rdflib"``, interleaved so that load on the machine hits both
alike; the report gives medians and their ratio. The first ``fwgraph`` run of a
new version parses the packaged Turtle and caches it and the answers of the named
queries it asked (keyed by the packaged files' hash); it is run once
before the rounds and reported separately.

Both sides run from bytecode: rdflib's ``.pyc`` files were written when pip
installed it, so fwgraph's package is compiled the same way first (an editable
install under ``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile every module
from source on each run, ~25 ms that no installed wheel pays).
"""

# Last run (2 December 2026, main, two cores, nothing else running; --runs 21):
#   fwgraph show keras 0.156 s, python -c "import rdflib" 0.117 s: 1.33x.

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    import fwgraph  # noqa: PLC0415 - only to find the package to compile

    compiled = compileall.compile_dir(Path(fwgraph.__file__).parent, quiet=1)
    cache = Path(tempfile.mkdtemp(prefix="fwgraph-bench-"))
    env = {**os.environ, "FWGRAPH_CACHE_DIR": str(cache)}
    exe = shutil.which("fwgraph") or str(Path(sys.executable).with_name("fwgraph"))
    show = [exe, "show", "keras"]
    rdflib = [sys.executable, "-c", "import rdflib"]
    first = _time(show, env)
    cli, base = [], []
    for _ in range(args.runs):
        cli.append(_time(show, env))
        base.append(_time(rdflib))
    shutil.rmtree(cache, ignore_errors=True)
    m_cli, m_base = statistics.median(cli), statistics.median(base)
    print(f"runs: {args.runs} (interleaved), python {sys.version.split()[0]}")
    print(f"fwgraph bytecode compiled as pip install does: {bool(compiled)}")
    print(f"first run, parses and caches the packaged graph: {first:.3f} s")
    print(f"fwgraph show keras (cached), median:  {m_cli:.3f} s  (min {min(cli):.3f})")
    print(f'python -c "import rdflib", median:    {m_base:.3f} s  (min {min(base):.3f})')
    print(f"ratio (target <= 1.5):                {m_cli / m_base:.2f}x")


if __name__ == "__main__":
    main()
