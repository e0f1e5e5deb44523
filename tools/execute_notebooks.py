"""Re-execute the course notebooks in place, each in a fresh kernel (Restart & Run All).

    python -m tools.execute_notebooks            # every notebook in notebooks/
    python -m tools.execute_notebooks notebooks/04_learning_rule.ipynb

The notebooks are committed with their outputs so that GitHub and nbviewer show the figures;
run this after changing a notebook or the library, then commit the result. A notebook is
rewritten only when all of its cells ran: if one fails, the file stays as it was.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]


def run(nb, folder, timeout=120):
    """Execute the notebook ``nb`` (in memory, in place) in a fresh kernel working in
    ``folder``; returns the seconds taken. Raises CellExecutionError when a cell fails."""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # Keep the files small and stable: no per-run timing metadata.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    return seconds


def notebook_text(nb):
    """The notebook as nbformat writes it to a file."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def write_atomically(path, text):
    """Write ``text`` to ``path`` all at once: into a temporary file in the same folder first,
    which then takes the file's name. A failure leaves the old file as it was."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def execute(path, timeout=120):
    """Execute the notebook at ``path`` and write it back with its outputs; returns the
    seconds taken. The file is rewritten only when every cell ran."""
    nb = nbformat.read(path, as_version=4)
    seconds = run(nb, Path(path).parent, timeout)
    write_atomically(path, notebook_text(nb))
    return seconds


def _problem(path):
    """Why ``path`` cannot be executed, in one line; None when it looks like a notebook."""
    if not path.exists():
        return f"no such notebook: {path}"
    if not path.is_file() or path.suffix != ".ipynb":
        return f"not a notebook (a .ipynb file): {path}"
    try:
        nbformat.read(path, as_version=4)
    except Exception as err:  # not JSON, not a notebook, unreadable: say so in one line
        reason = " ".join(str(err).split())[:120]
        return f"cannot read {path} as a notebook: {reason}"
    return None


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    problems = [m for m in map(_problem, paths) if m]
    if problems:
        for message in problems:
            print(f"error: {message}", file=sys.stderr)
        return 1
    total, failed = 0.0, 0
    for p in paths:
        try:
            seconds = execute(p)
        except CellExecutionError as err:
            failed += 1
            print(f"error: {p.name}: a cell raised {err.ename}: {err.evalue} (the notebook is "
                  f"left as it was)", file=sys.stderr)
            continue
        total += seconds
        print(f"{p.name:40} {seconds:6.1f} s")
    print(f"{'all':40} {total:6.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
