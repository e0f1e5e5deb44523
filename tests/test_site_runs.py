"""The runs made in advance for the website's menus (tools/site_runs.py): each one is the run
the kernel computes for that menu choice, every file keeps the size budget, every explorer
saved in the notebooks can be trained again from its saved settings, and the CSV file the
browser view makes from a run is Python's to_csv, byte for byte (the view's code run in node).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pytest

from perceptron_lib import gate, make_noisy
from perceptron_lib.widgets import DescentExplorer, TrainingExplorer
from perceptron_lib.widgets.base import GATES
from perceptron_lib.widgets.training_run import RUN_BUDGET
from tools import site_runs
from tools.notebook_cells import course_notebooks

HERE = Path(__file__).parent
RNG = np.random.default_rng(7)
OWN_X = np.round(RNG.normal(size=(24, 2)), 3)
OWN_D = (OWN_X[:, 0] + 0.5 * OWN_X[:, 1] > 0.1).astype(int)
H, H_D = np.array([[0.0, 1], [1, 1], [1, 1], [1, 0]]), np.array([0, 1, 1, 0])

TRAINING = {   # how each explorer is made, as a notebook would
    "gate": lambda: TrainingExplorer(dataset="AND"),
    "xor, 8 epochs": lambda: TrainingExplorer(dataset="XOR", epochs=8, lr=0.5),
    "own data, shuffled, names": lambda: TrainingExplorer(
        OWN_X, OWN_D, shuffle=True, seed=3, title="mine", x_label="a", y_label="b",
        class_names=("no", "yes")),
    "fixed view, W0": lambda: TrainingExplorer(H, H_D, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5),
                                               W0=[0.5, -1, 1]),
}


def saved_state(ex):
    """The explorer's state as a notebook saves it (plain JSON)."""
    return json.loads(json.dumps(ex.get_state()))


def as_json(obj):
    return json.dumps(obj, sort_keys=True)


def kernel_run(make, dataset, lr, gate_first=None):
    """What the kernel shows after the learner picks ``dataset`` and ``lr`` in the menus
    (for "custom", after first showing ``gate_first``): the settings set one by one."""
    ex = make()
    for name, value in (("dataset", gate_first), ("dataset", dataset), ("lr", lr)):
        if value is not None and getattr(ex, name) != value:
            setattr(ex, name, value)
    return ex


@pytest.mark.parametrize("name", list(TRAINING))
def test_every_training_menu_choice_is_the_kernels_run(name):
    make = TRAINING[name]
    saved = saved_state(make())
    files, start = site_runs.training_files(saved)
    own = saved["dataset"] == "custom"
    expected = {f"{d}/{i}" for i in range(len(saved["lr_options"])) for d in GATES}
    expected |= ({f"custom/{i}" for i in range(len(saved["lr_options"]))} if own else
                 {f"custom+{g}/{i}" for i in range(len(saved["lr_options"])) for g in GATES})
    assert set(files) == expected
    for key, file in files.items():
        data, i = key.split("/")
        dataset, _, first = data.partition("+")
        ex = kernel_run(make, dataset, saved["lr_options"][int(i)], first or None)
        assert as_json(file["run"]) == as_json(ex.run), key
        assert file["state"] == {"points_text": ex.points_text, "message": ex.message}, key
        assert file.get("custom_from") == (first or None)
        assert len(json.dumps(file)) <= RUN_BUDGET
    assert as_json(start.run) == as_json(saved["run"])


def test_an_explorer_saved_before_made_with_is_read_off_its_run():
    for make in TRAINING.values():
        saved = saved_state(make())
        del saved["made_with"]
        try:
            files, start = site_runs.training_files(saved)
        except site_runs.CannotRebuild as err:      # shuffled: the seed is not in the run
            assert "shuffled" in str(err)
            continue
        assert as_json(start.run) == as_json(saved["run"])


def test_sentences_reworded_since_the_notebook_was_saved_are_todays():
    saved = saved_state(TrainingExplorer(dataset="OR"))
    saved["run"]["status"][0][1] = "an older wording"
    saved["run"]["readout"][1] = "an older wording"
    files, start = site_runs.training_files(saved)
    assert as_json(start.run) == as_json(TrainingExplorer(dataset="OR").run)


def test_a_saved_run_its_settings_do_not_give_is_left_alone():
    saved = saved_state(TrainingExplorer(dataset="XOR", epochs=8))
    saved["made_with"]["epochs"] = 9
    with pytest.raises(site_runs.CannotRebuild):
        site_runs.training_files(saved)


def test_descent_menu_choices_are_the_kernels_runs():
    make = lambda: DescentExplorer(seed=3, lr=2, epochs=250)     # noqa: E731
    saved = saved_state(make())
    files = site_runs.descent_files(saved, seeds=2, workers=1)
    lrs, epochs = saved["lr_options"], saved["epoch_options"]
    assert set(files) == {f"{s}/{i}/{j}" for s in (3, 4) for i in range(len(lrs))
                          for j in range(len(epochs))}
    for key in ("3/0/0", "4/1/0", "3/4/2", "4/3/1", f"4/{lrs.index(2)}/{epochs.index(250)}"):
        seed, i, j = map(int, key.split("/"))
        ex = make()
        ex.seed, ex.lr, ex.epochs = seed, lrs[i], epochs[j]          # the menus, one by one
        assert as_json(files[key]["run"]) == as_json(ex.run), key
    assert all(len(json.dumps(f)) <= RUN_BUDGET for f in files.values())
    log = saved_state(DescentExplorer(seed=1, epochs=250, loss="log"))
    assert as_json(site_runs.descent_files(log, seeds=1, workers=1)["1/3/0"]["run"]) == \
        as_json(DescentExplorer(seed=1, lr=5, epochs=250, loss="log").run)


def test_every_explorer_saved_in_the_notebooks_can_be_trained_again():
    found = 0
    for path in course_notebooks():
        nb = nbformat.read(path, as_version=4)
        for _model_id, saved in site_runs.explorer_models(nb):
            found += 1
            if saved["_anywidget_id"] == site_runs.TRAINING:
                files, _ = site_runs.training_files(saved)
                assert len(files) >= len(saved["lr_options"]) * len(GATES), path.stem
            else:
                files = site_runs.descent_files(saved, seeds=1)
            assert max(len(json.dumps(f)) for f in files.values()) <= RUN_BUDGET
    assert found >= 6


def _notebook_with(explorers):
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {site_runs.WIDGET_STATE: {"state": {
        f"model{k}": {"model_name": "AnyModel", "model_module": "anywidget",
                      "model_module_version": "~0.11.*", "state": saved_state(ex)}
        for k, ex in enumerate(explorers)}, "version_major": 2, "version_minor": 0}}
    return nb


def test_add_runs_writes_the_files_and_tells_the_saved_state(tmp_path, monkeypatch):
    monkeypatch.setattr(site_runs, "DESCENT_SEEDS", 1)
    src = tmp_path / "src"
    src.mkdir()
    nb = _notebook_with([TrainingExplorer(dataset="OR"), DescentExplorer(epochs=250)])
    broken = saved_state(TrainingExplorer(dataset="XOR", epochs=8))
    broken["made_with"]["epochs"] = 9
    nb.metadata["widgets"][site_runs.WIDGET_STATE]["state"]["model2"] = {"state": broken}
    nbformat.write(nb, src / "page.ipynb")
    report = site_runs.add_runs(src, workers=1, cache=tmp_path / "cache")
    assert [r["kind"] for r in report] == ["training", "descent", "training"]
    assert "left_out" in report[2] and "files" not in report[2]
    state = nbformat.read(src / "page.ipynb", as_version=4).metadata["widgets"][
        site_runs.WIDGET_STATE]["state"]
    assert "site_runs" not in state["model2"]["state"]
    for k, want in ((0, 84), (1, 25)):
        where = state[f"model{k}"]["state"]["site_runs"]
        assert where["base"] == f"_static/_runs/model{k}/" and len(where["runs"]) == want
        for name in where["runs"].values():
            assert name.endswith(".json.gz")
            file = site_runs.read_gzip(src / where["base"] / name)
            assert set(file) >= {"run", "state"}
            assert (src / where["base"] / name).stat().st_size <= RUN_BUDGET
        assert report[k]["files"] == want and report[k]["largest"] <= RUN_BUDGET
    assert state["model0"]["state"]["run"]["z"] is not None     # the saved run, brought up to date
    # a second build takes the runs computed before
    again = tmp_path / "again"
    again.mkdir()
    del nb.metadata["widgets"][site_runs.WIDGET_STATE]["state"]["model2"]
    nbformat.write(nb, again / "page.ipynb")
    monkeypatch.setattr(site_runs, "training_files", None)
    monkeypatch.setattr(site_runs, "descent_files", None)
    assert site_runs.add_runs(again, workers=1, cache=tmp_path / "cache")[:2] == report[:2]


# -- the CSV file the browser makes -----------------------------------------------------------

def _node(cases):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs): the view's CSV file is "
                    "not checked")
    out = subprocess.run([node, str(HERE / "js" / "csv.js")], input=json.dumps(cases),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_views_numbers_are_pythons_repr():
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.normal(size=400) * 10.0 ** rng.integers(-12, 20, size=400),
                             10.0 ** rng.uniform(-320, 308, size=100),
                             [0.1 + 0.2, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 5e-324,
                              1.7976931348623157e308, 123456789.0, -2.5, 0.0, 1.0, 100.0]])
    cases = [float(v) for v in values]
    got = _node({"floats": cases + ["inf", "-inf", "nan", "-0.0"], "runs": []})["floats"]
    assert got == [repr(v) for v in cases] + ["inf", "-inf", "nan", "-0.0"]


def test_the_views_csv_file_is_pythons(tmp_path):
    explorers = [make() for make in TRAINING.values()]
    explorers.append(TrainingExplorer(dataset="OR", lr=0.1))
    X, d = make_noisy(n=3000, seed=1)
    explorers.append(TrainingExplorer(X, d, epochs=40))                  # a long run, thinned
    explorers.append(TrainingExplorer(*gate("XOR"), lr=0.25))
    runs = [ex.run for ex in explorers]
    assert any(r["stepped"] < r["n"] or r["thinned"] for r in runs)
    got = _node({"floats": [], "runs": runs})["csv"]
    for k, (ex, run, text) in enumerate(zip(explorers, runs, got)):
        path = ex.history.to_csv(tmp_path / f"run{k}.csv")
        want = Path(path).read_bytes().decode()
        lines = want.split("\r\n")
        if run["stepped"] < len(ex.history):          # the visits the page has
            want = "\r\n".join(lines[:run["stepped"] + 1]) + "\r\n"
        assert text == want, k
