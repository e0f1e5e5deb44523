"""Re-execute the course notebooks in place, each in a fresh kernel (Restart & Run All).

    python -m tools.execute_notebooks            # every notebook in notebooks/
    python -m tools.execute_notebooks notebooks/04_learning_rule.ipynb

The notebooks are committed with their outputs so that GitHub and nbviewer show the figures;
run this after changing a notebook or the library, then commit the result.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path, timeout=120):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # Keep the files small and stable: no per-run timing metadata.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    nbformat.write(nb, path)
    return seconds


def main(argv):
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    total = 0.0
    for p in paths:
        seconds = execute(p)
        total += seconds
        print(f"{p.name:40} {seconds:6.1f} s")
    print(f"{'all':40} {total:6.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
