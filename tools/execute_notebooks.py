"""Re-execute the course notebooks in place, each in a fresh kernel (Restart & Run All).

    python -m tools.execute_notebooks            # every notebook in notebooks/
    python -m tools.execute_notebooks notebooks/04_learning_rule.ipynb

The notebooks are committed with their outputs so that GitHub and nbviewer show the figures;
run this after changing a notebook or the library, then commit the result. A notebook is
rewritten only when all of its cells ran: if one fails, the file stays as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]


def run(nb, folder, timeout=120):
    """Execute the notebook ``nb`` (in memory, in place) in a fresh kernel working in
    ``folder``; returns the seconds taken. Raises CellExecutionError when a cell fails."""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # Keep the files small and stable: no per-run timing metadata, a cell's printed text in
    # one output however the kernel cut it into messages (execute() also makes the widget
    # ids stable).
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    return seconds


def merged_streams(outputs):
    """Consecutive stream outputs of the same stream (stdout, stderr) as one."""
    merged = []
    for out in outputs:
        if (out.get("output_type") == "stream" and merged
                and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1]["text"] = "".join([merged[-1]["text"], out["text"]])
        else:
            merged.append(out)
    return merged


WIDGET_ID = re.compile(r"[0-9a-f]{32}")


def stable_widget_ids(nb, salt=""):
    """Rename the notebook's widget ids (random in every kernel) to ids made from their order
    in the notebook, everywhere they appear: re-executing a notebook then gives the same
    bytes when nothing else changed."""
    state = nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state")
    if not state:
        return
    names = {}
    for k, old in enumerate(state):
        names[old] = hashlib.sha256(f"{salt}/{k}".encode()).hexdigest()[:32]
    text = nbformat.writes(nb)
    text = WIDGET_ID.sub(lambda m: names.get(m.group(0), m.group(0)), text)
    renamed = nbformat.reads(text, as_version=4)
    nb.clear()
    nb.update(renamed)


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
        if path.exists():                       # the file keeps its permissions
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def execute(path, timeout=120):
    """Execute the notebook at ``path`` and write it back with its outputs; returns the
    seconds taken. The file is rewritten only when every cell ran."""
    nb = nbformat.read(path, as_version=4)
    seconds = run(nb, Path(path).parent, timeout)
    stable_widget_ids(nb, Path(path).stem)
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
        except CellTimeoutError:
            failed += 1
            print(f"error: {p.name}: a cell ran longer than the time allowed (the notebook "
                  f"is left as it was)", file=sys.stderr)
            continue
        except DeadKernelError:
            failed += 1
            print(f"error: {p.name}: the kernel died (out of memory?) (the notebook is left "
                  f"as it was)", file=sys.stderr)
            continue
        total += seconds
        print(f"{p.name:40} {seconds:6.1f} s")
    print(f"{'all':40} {total:6.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
