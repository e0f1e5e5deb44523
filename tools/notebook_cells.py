"""Write the cells every notebook repeats: the header's links and the setup cell's preamble.

    python -m tools.notebook_cells            # rewrite them in every notebook
    python -m tools.notebook_cells --check    # only say which notebooks are out of date

In each course notebook (and the teacher's check-in quizzes):

- the header (the top Markdown cell) gets its navigation line (time, previous and next
  notebook) and a line of links that open the notebook in Google Colab or on Binder;
- just before the setup cell (the first code cell that imports perceptron_lib) stands the
  set-up cell for Google Colab and JupyterLite, which installs the library there. It is
  collapsed where the notebook opens (JupyterLab's ``source_hidden``, Colab's form view), so
  the first code a learner reads is the imports.

The links and the install URL name the course's home, as README's links do (change it for all
files at once with ``python -m tools.set_home OWNER/REPO``). Cell ids, the rest of each cell
and the outputs are kept. After running this, re-execute the notebooks that changed
(``python -m tools.execute_notebooks ...``). The tests fail when a notebook is out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from tools.set_home import current_home

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"

# The one sentence a learner sees when JupyterLite could not fetch numpy or matplotlib.
OFFLINE = ("JupyterLite needs an internet connection the first time it runs the course: "
           "connect and run this cell again.")

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
LINKS_START = "[![Open in Colab]"


def course_notebooks(root=ROOT):
    return sorted((Path(root) / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def install_url(owner, repo, branch):
    """What pip installs in Google Colab: the library from the course's repository."""
    return f"perceptron_lib @ git+https://github.com/{owner}/{repo}@{branch}"


PREAMBLE_TITLE = ("#@title Set-up for Google Colab and JupyterLite (on your own computer it does "
                  "nothing)")
PREAMBLE_METADATA = {"jupyter": {"source_hidden": True}, "cellView": "form",
                     "tags": ["course-setup"]}


def preamble(owner, repo, branch):
    """The set-up cell: install the library where it is not installed yet."""
    return f'''{PREAMBLE_TITLE}
import sys

if "google.colab" in sys.modules:  # in Google Colab: install the library, switch on the widgets
    %pip install -q "{install_url(owner, repo, branch)}"
    import importlib  # (an import statement naming google would make JupyterLite fetch it)

    importlib.import_module("google.colab.output").enable_custom_widget_manager()
elif sys.platform == "emscripten":  # in JupyterLite (Python in the browser): install the library
    %pip install -q perceptron_lib
    try:  # the browser fetches numpy and matplotlib from the internet the first time
        import matplotlib  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        offline = ImportError("{OFFLINE}")  # noqa: E501
        offline._render_traceback_ = lambda: [str(offline)]  # the sentence, not a traceback
        raise offline from None
'''


def links_line(relpath, owner, repo, branch):
    """Badges that open the notebook at ``relpath`` (from the repository root) elsewhere."""
    colab = f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{relpath}"
    binder = f"https://mybinder.org/v2/gh/{owner}/{repo}/{branch}?urlpath=lab/tree/{relpath}"
    return f"{LINKS_START}({COLAB_BADGE})]({colab}) [![Open on Binder]({BINDER_BADGE})]({binder})"


def _title(path):
    """'01 · The biological neuron', from the notebook's first line."""
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
    return first.lstrip("# ").strip()


def nav_line(path, root=ROOT):
    """'*Time: about N minutes* · [← previous](...) · Next: [next →](...)', from the course
    manifest (course.toml)."""
    from tools import course

    manifest = Path(root) / "course.toml"
    plan = course.load(manifest if manifest.exists() else course.MANIFEST)
    files = [book["file"] for book in plan["notebooks"]]
    return course.time_line(plan, files.index(Path(path).stem))


def setup_cell(nb):
    """The first code cell that imports perceptron_lib."""
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(r"^import perceptron_lib", cell.source, re.M):
            return cell
    raise ValueError("no setup cell (a code cell with `import perceptron_lib as pl`)")


def preamble_cell(nb):
    """The set-up cell for Colab and JupyterLite (the code cell just before the setup cell),
    or None."""
    k = nb.cells.index(setup_cell(nb))
    if k > 0 and nb.cells[k - 1].cell_type == "code" \
            and nb.cells[k - 1].source.startswith("#@title Set-up"):
        return nb.cells[k - 1]
    return None


def split_preamble(source):
    """(preamble, rest) of a cell: the preamble is the set-up title (if any), `import sys`
    and the if/elif block that follows it, up to the next line that starts at the margin."""
    lines = source.splitlines(keepends=True)
    start = 1 if lines and lines[0].startswith("#@title") else 0
    if len(lines) <= start or lines[start].strip() != "import sys":
        return "", source
    lines, title = lines[start:], "".join(lines[:start])
    k = 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k == len(lines) or not lines[k].startswith("if "):
        return "", source
    k += 1
    while k < len(lines) and (not lines[k].strip() or lines[k][0] in " \t"
                              or lines[k].startswith(("elif ", "else:"))):
        k += 1
    return title + "".join(lines[:k]).rstrip("\n") + "\n", "".join(lines[k:])


def with_header_links(source, relpath, home, nav=None):
    """The header ``source`` with its navigation line (if ``nav`` is given) and its links
    line (inserted after the navigation line, or replaced) written afresh."""
    paragraphs = source.split("\n\n")
    at = next((i for i, p in enumerate(paragraphs) if p.startswith("*Time: about")), None)
    if nav is not None:
        if at is None:
            raise ValueError("the header has no '*Time: about N minutes*' line")
        paragraphs[at] = nav
    links = links_line(relpath, *home)
    old = next((i for i, p in enumerate(paragraphs) if p.startswith(LINKS_START)), None)
    if old is not None:
        paragraphs[old] = links
    else:
        paragraphs.insert((at if at is not None else 0) + 1, links)
    return "\n\n".join(paragraphs)


def expected_cells(path, root=ROOT, home=None):
    """(header, set-up cell, setup cell) sources as they should be in the notebook at
    ``path``."""
    home = home or current_home(root)
    nb = nbformat.read(path, as_version=4)
    relpath = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    header = nb.cells[0].source
    course = Path(path).parent.resolve() == (Path(root) / "notebooks").resolve()
    nav = nav_line(path, root) if course else None
    return (with_header_links(header, relpath, home, nav), preamble(*home).rstrip("\n"),
            split_preamble(setup_cell(nb).source)[1].lstrip("\n"))


def stale(path, root=ROOT, home=None):
    """True when the header, the set-up cell or the setup cell differs from what this tool
    writes."""
    nb = nbformat.read(path, as_version=4)
    header, pre, setup = expected_cells(path, root, home)
    cell = preamble_cell(nb)
    return (nb.cells[0].source != header or setup_cell(nb).source != setup or cell is None
            or cell.source != pre or any(cell.metadata.get(k) != v
                                         for k, v in PREAMBLE_METADATA.items()))


def update(path, root=ROOT, home=None):
    """Rewrite the header, the set-up cell (adding it if missing) and the setup cell; True if
    the file changed."""
    if not stale(path, root, home):
        return False
    nb = nbformat.read(path, as_version=4)
    header, pre, setup = expected_cells(path, root, home)
    nb.cells[0].source = header
    setup_cell(nb).source = setup
    cell = preamble_cell(nb)
    if cell is None:
        cell = nbformat.v4.new_code_cell(pre, id="course-setup")
        nb.cells.insert(nb.cells.index(setup_cell(nb)), cell)
    cell.source = pre
    cell.metadata.update(PREAMBLE_METADATA)
    nbformat.write(nb, path)
    return True


def targets(root=ROOT):
    return course_notebooks(root) + sorted((Path(root) / "teacher").glob("*.ipynb"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; list what is stale")
    parser.add_argument("paths", nargs="*", help="notebooks (default: all)")
    args = parser.parse_args(argv)
    paths = [Path(p).resolve() for p in args.paths] or targets()
    if args.check:
        old = [p for p in paths if stale(p)]
        for p in old:
            print(f"out of date: {p.relative_to(ROOT)} (run python -m tools.notebook_cells)")
        return 1 if old else 0
    for p in paths:
        if update(p):
            print(f"rewrote {p.relative_to(ROOT)}; re-execute it with "
                  f"python -m tools.execute_notebooks {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
