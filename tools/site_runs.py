"""The run of every menu choice of every explorer on the course's web pages, computed when
the site is built, so that the menus work there with no kernel.

    python -m tools.site_runs                     # what the committed notebooks give: sizes

On a web page no Python runs: the explorers step through the run saved with the page, but a
menu (the training explorer's data and learning rate; the descent explorer's seed, learning
rate and epochs) would need the kernel to train again. So the site's build (tools/build_site.py
calls :func:`add_runs` on its copies of the notebooks) trains each explorer again from its
saved settings, once for every menu choice, with the explorer itself (so with the same
``build_run`` as the kernel), and writes each run as a gzipped JSON file beside the pages:
``_static/_runs/<model id>/<file>.json.gz``. The explorer's saved state gets ``site_runs``,
``{"base": "_static/_runs/<model id>/", "runs": {key: file}}`` (and today's view module and
run, so that a page saved with an older view works too); the view, finding it, fetches the run
of a menu choice from there instead of asking a kernel. Each file is
``{"run": ..., "state": {...}}``: the run and the other settings the kernel would send with it.

Keys (the views build the same ones): the training explorer ``"<data>/<i>"`` with ``i`` the
learning rate's place in ``lr_options``; "custom" data is the learner's own points
(``"custom/<i>"``) or, for an explorer made on a gate, the points of the gate it started from
(``"custom+<gate>/<i>"``, the kernel's rule). The descent explorer ``"<seed>/<i>/<j>"``, ``j``
the place in ``epoch_options``, for ``DESCENT_SEEDS`` seeds from the saved one on (what "next
seed" reaches). Anything else (points added by clicking, another seed) still needs Python.

Before anything is computed, the explorer is rebuilt from its saved settings and must give the
saved training again, exactly (the same weights, visits and numbers; sentences reworded since
are taken as they are now, and the page shows the rebuilt run); an explorer that does not is
left as it is (its menus then say they need Python) and the report says why.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import numpy as np

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
RUNS = "_static/_runs"        # in the site's source folder; the pages find them at this address
TRAINING = "perceptron_lib.widgets.training.TrainingExplorer"
DESCENT = "perceptron_lib.widgets.descent.DescentExplorer"
DESCENT_SEEDS = 10            # the saved seed and the next 9: notebook 08 talks of seeds 0 to 9
ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".site-cache" / "runs"   # runs computed before, by the library's source (ignored)

__all__ = ["DESCENT_SEEDS", "RUNS", "add_runs", "descent_files", "explorer_models",
           "training_files"]


class CannotRebuild(Exception):
    """A saved explorer whose settings do not give its saved run again."""


def explorer_models(nb):
    """(model id, saved state) of every training and descent explorer saved in ``nb``."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model_id, model in state.items():
        saved = model.get("state", {})
        if saved.get("_anywidget_id") in (TRAINING, DESCENT) and saved.get("run"):
            yield model_id, saved


def _json(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


# What a run says in words: the library's sentences, which may have been reworded since the
# notebook was saved (the page then shows today's, for its saved run too).
WORDS = {"readout", "readout_epoch", "status", "thinned", "W_text", "rows"}


def _same(saved_run, run):
    """The rebuilt run is the saved training again: the same data, view, weights, visits and
    numbers (its sentences, and fields the saved run predates, aside)."""
    return all(_json(run.get(k)) == _json(v) for k, v in saved_run.items() if k not in WORDS)


# -- the training explorer -----------------------------------------------------------------------

def _inferred_training(saved):
    """The settings of an explorer saved before it recorded ``made_with``, read off its run.

    (Guesses: the rebuilt run is compared with the saved one before anything is used.)"""
    from perceptron_lib.style import format_number as fmt
    from perceptron_lib.widgets.training import GATE_VIEW
    from perceptron_lib.widgets.training_run import fit_view

    run = saved["run"]
    X = np.asarray(run["X"], dtype=float)
    view = (tuple(run["xlim"]), tuple(run["ylim"]))
    natural = fit_view(X) if run["dataset"] == "custom" and len(X) else GATE_VIEW
    fixed = [list(v) for v in view] if view != tuple(tuple(v) for v in natural) else [None, None]
    suffix = f", learning rate {fmt(run['lr'])}"
    title = run["title"][:-len(suffix)] if run["title"].endswith(suffix) else None
    if run["dataset"] != "custom" or title == "your points":
        title = None
    n = len(X)
    # visits in the data's order every epoch: no shuffling
    in_order = all(s == k % n for k, s in enumerate(run["sample"])) if n else True
    if not in_order:
        raise CannotRebuild("its samples were shuffled with a seed the page did not record")
    epochs = 30
    if run["has_history"] and not run["thinned"] and run["mistakes"] and run["mistakes"][-1]:
        epochs = run["n_epochs"]          # it stopped without converging: at its last epoch
    W0 = run["W"][0]
    return dict(epochs=epochs, shuffle=False, seed=0, W0=None if not any(W0) else W0,
                xlim=fixed[0], ylim=fixed[1], title=title, x_label=run["x_label"],
                y_label=run["y_label"], class_names=run["class_names"])


def _training(made, points, dataset, lr):
    from perceptron_lib.widgets import TrainingExplorer

    if points is not None:
        return TrainingExplorer(points[0], points[1], lr=lr, **made)
    return TrainingExplorer(dataset=dataset, lr=lr, **made)


def training_files(saved):
    """{key: file contents} for every menu choice of a saved training explorer, and the
    settings it was rebuilt from; CannotRebuild when they do not give the saved run again."""
    from perceptron_lib.widgets.base import GATES

    run = saved["run"]
    made = dict(saved.get("made_with") or _inferred_training(saved))
    own = run["dataset"] == "custom"
    if not own and saved.get("points_text"):
        raise CannotRebuild("it was saved on a gate with points of its own")
    points = (np.asarray(run["X"], dtype=float), np.asarray(run["d"], dtype=int)) \
        if own else None
    start = _training(made, points, run["dataset"], saved["lr"])
    if not _same(run, start.run):
        raise CannotRebuild("its saved settings do not give its saved run again")

    def choice(dataset, lr, gate=None):
        ex = _training(made, points, run["dataset"], saved["lr"])      # as saved
        if gate is not None and ex.dataset != gate:
            ex.dataset = gate
        if ex.dataset != dataset:
            ex.dataset = dataset
        if ex.lr != lr:
            ex.lr = lr
        file = {"run": ex.run, "state": {"points_text": ex.points_text, "message": ex.message}}
        if gate is not None:
            file["custom_from"] = gate
        return file

    files = {}
    for i, lr in enumerate(saved["lr_options"]):
        for dataset in saved["datasets"]:
            if dataset != "custom":
                files[f"{dataset}/{i}"] = choice(dataset, lr)
            elif own:
                files[f"custom/{i}"] = choice("custom", lr)
            else:                   # "custom" starts from the points of the gate it came from
                for gate in GATES:
                    files[f"custom+{gate}/{i}"] = choice("custom", lr, gate)
    return files, start


# -- the descent explorer ------------------------------------------------------------------------

def _descent_run(seed, lr, epochs, loss):
    from perceptron_lib.widgets import DescentExplorer

    return DescentExplorer(seed=seed, lr=lr, epochs=epochs, loss=loss).run


def _descent_esm():
    from perceptron_lib.widgets import DescentExplorer

    return DescentExplorer._esm


def descent_files(saved, seeds=None, workers=2):
    """{key: file contents} for every seed (``seeds`` of them from the saved one;
    DESCENT_SEEDS by default), learning rate and epochs of a saved descent explorer;
    CannotRebuild when its settings do not give the saved run again."""
    from perceptron_lib.widgets.descent import MAX_SEED

    seeds = DESCENT_SEEDS if seeds is None else seeds
    run = saved["run"]
    loss = {"squared loss": "squared", "log loss": "log"}.get(run["loss_name"])
    if loss is None:
        raise CannotRebuild(f"unknown loss {run['loss_name']!r}")
    if not _same(run, _descent_run(saved["seed"], saved["lr"], saved["epochs"], loss)):
        raise CannotRebuild("its saved settings do not give its saved run again")
    choices = [(f"{seed}/{i}/{j}", (seed, lr, epochs, loss))
               for seed in range(saved["seed"], min(saved["seed"] + seeds, MAX_SEED + 1))
               for i, lr in enumerate(saved["lr_options"])
               for j, epochs in enumerate(saved["epoch_options"])]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            runs = list(pool.map(_descent_run, *zip(*(c for _, c in choices)), chunksize=5))
    else:
        runs = [_descent_run(*c) for _, c in choices]
    return {key: {"run": r, "state": {"message": ""}} for (key, _), r in zip(choices, runs)}


# -- the site --------------------------------------------------------------------------------------

def _file_name(key):
    return key.replace("/", "_") + ".json.gz"


def write_gzip(path, text):
    """The run's JSON, gzipped (about a ninth of the bytes; the view unpacks it). No time
    stamp in the header, so the same run gives the same file."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def read_gzip(path):
    return json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8"))


def _library():
    """A digest of what the runs depend on: the library's source (Python and the views),
    this file and numpy."""
    digest = hashlib.sha256(np.__version__.encode())
    sources = [p for p in (ROOT / "perceptron_lib").rglob("*") if p.suffix in (".py", ".js")]
    for path in sorted(sources) + [Path(__file__).resolve()]:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


SETTINGS = ("_anywidget_id", "run", "dataset", "datasets", "lr", "lr_options", "points_text",
            "made_with", "seed", "epochs", "epoch_options")


def _explorer_files(saved, kind, workers, cache):
    """files, and the saved state's fields to update: computed, or as computed before (the
    same library, the same saved explorer) from ``cache``."""
    key = hashlib.sha256((_library() + str(DESCENT_SEEDS) + _json(
        {k: saved.get(k) for k in SETTINGS})).encode()).hexdigest()
    kept = Path(cache) / f"{kind}-{key}.json" if cache else None
    if kept is not None and kept.exists():
        return json.loads(kept.read_text(encoding="utf-8"))
    if kind == "training":
        files, start = training_files(saved)
        # the saved run, with any fields added since it was saved, the settings it came from,
        # and today's view (the one that fetches these runs)
        update = {"run": start.run, "made_with": start.made_with, "_esm": start._esm}
    else:
        files = descent_files(saved, workers=workers)
        key = f"{saved['seed']}/{saved['lr_options'].index(saved['lr'])}/" \
              f"{saved['epoch_options'].index(saved['epochs'])}"
        update = {"run": files[key]["run"]} if key in files else {}
        update["_esm"] = _descent_esm()
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(".partial")
        partial.write_text(_json([files, update]), encoding="utf-8")
        partial.replace(kept)
    return files, update


def _warn(text):
    print(f"site runs: {text}", file=sys.stderr)


def add_runs(src, log=_warn, workers=2, cache=CACHE):
    """For every notebook in the folder ``src`` (the site's source), write the runs of every
    explorer's menu choices under ``src/_static/_runs/`` and tell each explorer's saved state
    where they are. Runs computed before for the same library and explorer are taken from
    ``cache`` (None: compute everything). Returns one row per explorer: page, model id, kind,
    files, bytes, largest file (bytes), or the reason it was left out."""
    from perceptron_lib.widgets.training_run import RUN_BUDGET

    src = Path(src)
    report = []
    for path in sorted(src.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        changed = False
        for model_id, saved in explorer_models(nb):
            kind = "training" if saved["_anywidget_id"] == TRAINING else "descent"
            try:
                files, update = _explorer_files(saved, kind, workers, cache)
                saved.update(update)
            except CannotRebuild as err:
                report.append(dict(page=path.stem, model=model_id, kind=kind, left_out=str(err)))
                if log:
                    log(f"{path.stem}: the {kind} explorer's menus will need Python: {err}")
                continue
            folder = src / RUNS / model_id
            folder.mkdir(parents=True, exist_ok=True)
            sizes = []
            for key, file in files.items():
                text = _json(file)
                size = len(text.encode())
                if size > RUN_BUDGET:
                    raise ValueError(f"{path.stem}: the run {key} is {size:,} bytes, over the "
                                     f"budget of {RUN_BUDGET:,}")
                write_gzip(folder / _file_name(key), text)
                sizes.append((folder / _file_name(key)).stat().st_size)
            saved["site_runs"] = {"base": f"{RUNS}/{model_id}/",
                                  "runs": {key: _file_name(key) for key in files}}
            changed = True
            report.append(dict(page=path.stem, model=model_id, kind=kind, files=len(files),
                               bytes=sum(sizes), largest=max(sizes)))
        if changed:
            nbformat.write(nb, path)
    return report


def main(argv=None):
    import tempfile

    from tools.notebook_cells import course_notebooks

    with tempfile.TemporaryDirectory() as tmp:
        for path in course_notebooks():
            (Path(tmp) / path.name).write_bytes(path.read_bytes())
        report = add_runs(tmp, log=print)
    total = 0
    for row in report:
        if "left_out" in row:
            print(f"{row['page']:34} {row['kind']:9} left out: {row['left_out']}")
            continue
        total += row["bytes"]
        print(f"{row['page']:34} {row['kind']:9} {row['files']:4} runs {row['bytes'] / 1e6:7.2f} MB"
              f" (largest {row['largest'] / 1e3:.0f} kB)")
    print(f"{'all':34} {'':9} {'':4}      {total / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
