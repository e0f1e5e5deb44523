"""The committed notebooks: executed cleanly, in order, and built to the course conventions.

(nbval, run by `python -m pytest`, re-executes them and compares the outputs.)
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_start_here", "01_biological_neuron", "02_artificial_neuron",
            "03_linear_separability", "04_learning_rule", "05_convergence",
            "06_hidden_layer_xor", "07_real_data", "08_learning_the_hidden_layer",
            "09_handwritten_digits", "10_bending_the_line"]
LAST = EXPECTED[-1]


def load(path):
    return json.loads(path.read_text())


def source(cell):
    return "".join(cell["source"])


def test_the_course_has_all_its_notebooks():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_cleanly_executed(path):
    nb = load(path)
    counts = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not source(cell).strip():
            continue
        assert cell["execution_count"] is not None, f"code cell {i} was not executed"
        counts.append(cell["execution_count"])
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"cell {i} has an error: {out.get('ename')}"
            text = "".join(out.get("text", ""))
            assert "Traceback" not in text and "Warning" not in text, f"cell {i}: {text[:200]}"
    assert counts == list(range(1, len(counts) + 1)), "not run top to bottom in a fresh kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_saved_explorers_carry_todays_views(path):
    """What nbviewer, the static pages and the website draw is the view code saved with the
    notebook: after a view changes, python -m tools.refresh_views brings the copies up to
    date (tools.refresh_views --check)."""
    import nbformat

    from tools.refresh_views import refresh

    nb = nbformat.read(path, as_version=4)
    explorers = [m for m in nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {}).values()
        if "_anywidget_id" in m.get("state", {})]
    assert all(m["state"]["_anywidget_id"].startswith("perceptron_lib.widgets.")
               for m in explorers)
    assert refresh(nb) == 0, f"run python -m tools.refresh_views ({path.name} has old views)"


def test_refresh_views_replaces_only_the_old_view_code(tmp_path):
    """A view saved before a change to its JavaScript is replaced by today's, and nothing
    else in the notebook changes."""
    import json

    from tools import refresh_views

    path = tmp_path / "04.ipynb"
    nb = json.loads((NOTEBOOK_DIR / "04_learning_rule.ipynb").read_text())
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    models = [m for m in state.values() if "_esm" in m["state"]]
    for model in models:
        model["state"]["_esm"] = "// an old view\n" + model["state"]["_esm"]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    assert refresh_views.main(["--check", str(path)]) == 1
    assert refresh_views.main([str(path)]) == 0
    assert refresh_views.main(["--check", str(path)]) == 0
    fresh = json.loads(path.read_text())
    again = fresh["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    for key, model in state.items():
        if "_esm" in model["state"]:
            model["state"]["_esm"] = again[key]["state"]["_esm"]
            assert not again[key]["state"]["_esm"].startswith("// an old view")
    assert fresh == nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_follows_the_course_conventions(path):
    nb = load(path)
    cells = nb["cells"]
    top = source(cells[0])
    assert top.startswith(f"# {path.stem[:2]} · "), "title first"
    assert "*Time: about" in top and "You will learn to" in top
    links = re.findall(r"\]\((\d\d_\w+\.ipynb)\)", top)
    assert links and all((NOTEBOOK_DIR / link).exists() for link in links)
    assert ("Next:" in top) == (path.stem != LAST), "a next link on all but the last notebook"
    bottom = " ".join(source(c) for c in cells[-2:])
    assert "## Key points" in bottom
    code = [c for c in cells if c["cell_type"] == "code"]
    k = 0 if path.stem != "00_start_here" else 1
    # the set-up for Colab and JupyterLite comes first, collapsed; the first code a learner
    # reads is the imports
    assert source(code[k]).startswith("#@title Set-up for Google Colab and JupyterLite")
    assert code[k]["metadata"]["jupyter"]["source_hidden"] is True
    assert code[k]["metadata"]["cellView"] == "form"
    setup = code[k + 1]
    assert "import perceptron_lib as pl" in source(setup)
    assert "google.colab" not in source(setup) and "emscripten" not in source(setup)
    assert 'pl.require("0.2.0")' in source(setup)
    checks = [c for c in cells if c["cell_type"] == "code" and ".check(" in source(c)]
    assert len(checks) >= 3, "at least three exercises"
    for c in checks:
        out = "".join("".join(o.get("text", "")) for o in c["outputs"])
        assert "not answered yet" in out, "exercises are committed unanswered"
    # every figure is explained: a markdown cell follows or precedes each plotting cell
    for i, c in enumerate(cells):
        if c["cell_type"] == "code" and "plt.show()" in source(c):
            near = source(cells[i - 1]) + (source(cells[i + 1]) if i + 1 < len(cells) else "")
            assert "What to see" in near or "what to see" in near.lower() or len(near) > 200


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_downloads_at_run_time(path):
    # Only the setup cell's preamble may install anything, and only in Google Colab or in
    # JupyterLite (tests/test_classroom.py runs it with both simulated); it is exempt here
    # when it is exactly the one tools.notebook_cells writes.
    from tools.notebook_cells import preamble
    from tools.set_home import current_home

    allowed = preamble(*current_home()).rstrip("\n")
    code = " ".join(source(c).replace(allowed, "", 1) for c in load(path)["cells"]
                    if c["cell_type"] == "code")
    for word in ("urlopen", "requests.", "wget", "curl ", "http://", "https://", "!pip"):
        assert word not in code
