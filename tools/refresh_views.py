"""Bring the view code saved in the course notebooks up to date, without executing them.

    python -m tools.refresh_views            # rewrite the notebooks whose saved views are old
    python -m tools.refresh_views --check    # only say which are old (exit status 1 if any)

A notebook carries, in its saved widget state, each explorer's view (its ``_esm``, the
JavaScript that draws it): nbviewer, the static pages and the website draw with that copy.
After a change to ``perceptron_lib/widgets/*.js`` the copies are old. This tool replaces each
one with the view of the explorer it belongs to (named by the state's ``_anywidget_id``),
and changes nothing else: outputs, still pictures and runs stay as they were. When the
Python side of an explorer changed too, execute the notebooks instead
(``python -m tools.execute_notebooks``).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import nbformat

from tools.execute_notebooks import notebook_text, write_atomically

ROOT = Path(__file__).resolve().parents[1]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def view_of(anywidget_id):
    """Today's view code of the explorer class named ``module.Class``, or None when the
    name is not one of the course's explorers."""
    module, _, name = str(anywidget_id).rpartition(".")
    if not module.startswith("perceptron_lib.widgets"):
        return None
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    esm = getattr(cls, "_esm", None)
    return esm if isinstance(esm, str) else None


def refresh(nb):
    """Replace the old views saved in ``nb`` (in place); returns how many were replaced."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    replaced = 0
    for model in state.values():
        saved = model.get("state", {})
        today = view_of(saved.get("_anywidget_id"))
        if today is not None and saved.get("_esm") != today:
            saved["_esm"] = today
            replaced += 1
    return replaced


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] \
        or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    old = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        count = refresh(nb)
        if count:
            old.append(path)
            if not check:
                write_atomically(path, notebook_text(nb))
            print(f"{path.name}: {count} view{'s' if count > 1 else ''} "
                  f"{'old' if check else 'brought up to date'}")
    if check and old:
        print("run python -m tools.refresh_views to bring them up to date", file=sys.stderr)
        return 1
    if not old:
        print("every saved view is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
