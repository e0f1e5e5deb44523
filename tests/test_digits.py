"""The handwritten digits (load_digits), the pocket algorithm, and the facts notebook 09 states.

Every number that 09's prose states is computed here from the library, and the prose is
checked to say it.
"""

import inspect
import json
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import Perceptron, gate, load_digits, pocket

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "09_handwritten_digits.ipynb"
D = load_digits()
X, T = D.data, D.target


def prose():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def rows(where, *digits):
    return where[np.isin(T[where], digits)]


def wrong(W, where, d):
    return int(np.count_nonzero((W[0] + X[where] @ W[1:] >= 0).astype(int) != d[where]))


def solved_epoch(a, b):
    tr = rows(D.train, a, b)
    done = np.flatnonzero(pocket(X[tr], (T[tr] == a).astype(int)).wrong_per_epoch == 0)
    return int(done[0]) if len(done) else None


# --- load_digits ---------------------------------------------------------------------------------

def test_shapes_ranges_and_split():
    assert D.images.shape == (1797, 8, 8) and D.data.shape == (1797, 64)
    assert D.images.dtype.kind == "i" and D.images.min() == 0 and D.images.max() == 16
    assert np.array_equal(D.data, D.images.reshape(-1, 64) / 16)
    assert 0 <= D.data.min() and D.data.max() <= 1
    assert set(np.unique(D.target)) == set(range(10))
    assert (len(D.train), len(D.test)) == (1200, 597)
    assert len(np.union1d(D.train, D.test)) == 1797 and not len(np.intersect1d(D.train, D.test))
    again = load_digits()                                   # the same split every time
    assert np.array_equal(again.train, D.train) and np.array_equal(again.test, D.test)


def test_the_docstring_names_the_source_and_licence_and_says_nothing_is_downloaded():
    doc = inspect.getdoc(load_digits)
    for part in ("Alpaydin", "Kaynak", "1998", "UCI", "https://doi.org/10.24432/C50P49",
                 "CC BY 4.0", "nothing is downloaded"):
        assert part in doc, part


def test_the_notebook_and_the_licence_files_cite_the_data():
    text = prose()
    for part in ("Alpaydin", "Kaynak", "https://doi.org/10.24432/C50P49", "CC BY 4.0",
                 "nothing is downloaded"):
        assert part in text, part
    root = NOTEBOOK.parents[1]
    for name in ("LICENSE-CONTENT", "CITATION.cff", "README.md"):
        assert "10.24432/C50P49" in (root / name).read_text(), name


# --- pocket --------------------------------------------------------------------------------------

def test_wrong_per_epoch_is_what_the_perceptron_gets_wrong_after_each_epoch():
    tr = rows(D.train, 1, 8)
    d = (T[tr] == 1).astype(int)
    run = pocket(X[tr], d, epochs=12)
    p = Perceptron(64)
    counted = [int(np.count_nonzero(p.predict(X[tr]) != d))]
    for _ in range(12):
        p.partial_fit(X[tr], d)
        counted.append(int(np.count_nonzero(p.predict(X[tr]) != d)))
    assert run.wrong_per_epoch.tolist() == counted
    assert np.array_equal(run.W_last, p.W)
    assert run.W_per_epoch.shape == (13, 65)
    assert run.epoch == int(np.argmin(counted))
    assert np.array_equal(run.W, run.W_per_epoch[run.epoch])


def test_ties_keep_the_earlier_epoch():
    run = pocket(*gate("XOR"), epochs=10)          # 2 of 4 wrong after every epoch
    assert run.wrong_per_epoch.tolist() == [2] * 11 and run.epoch == 0
    assert np.array_equal(run.W, np.zeros(3))
    d5 = (T[D.train] == 5).astype(int)
    run5 = pocket(X[D.train], d5)
    best = run5.wrong_per_epoch.min()
    assert run5.epoch == int(np.flatnonzero(run5.wrong_per_epoch == best)[0])


def test_a_converged_run_stops_changing():
    tr = rows(D.train, 3, 8)
    run = pocket(X[tr], (T[tr] == 3).astype(int))
    assert run.epoch == 15 and run.wrong_per_epoch[15:].tolist() == [0] * 16
    assert all(np.array_equal(W, run.W) for W in run.W_per_epoch[15:])


def test_the_callers_arrays_are_not_changed():
    Xc, dc = X[:50].copy(), (T[:50] == 3).astype(int)
    keep = Xc.copy(), dc.copy()
    pocket(Xc, dc, epochs=3)
    assert np.array_equal(Xc, keep[0]) and np.array_equal(dc, keep[1])


@pytest.mark.parametrize("args, says", [
    ((X[:10], T[:10]), "0 or 1"),
    ((X[:10], np.zeros(9, dtype=int)), "one label per row"),
    ((X[:10], np.zeros(10, dtype=int), 0), "epochs"),
    (("abc", [0, 1]), "must be numbers"),
])
def test_bad_input_gets_a_message(args, says):
    with pytest.raises((ValueError, TypeError), match=says):
        pocket(*args)


# --- the facts of notebook 09 --------------------------------------------------------------------

def test_three_against_eight():
    tr, te = rows(D.train, 3, 8), rows(D.test, 3, 8)
    d = (T == 3).astype(int)
    p = Perceptron(64, epochs=30).fit(X[tr], d[tr])
    assert (len(tr), len(te)) == (250, 107)
    assert p.converged_epoch_ == 16 and solved_epoch(3, 8) == 15     # right after epoch 15
    assert wrong(p.W, te, d) == 1
    text = prose()
    assert "Epoch 16 goes through all 250 training images without a single update" in text
    assert "the weights after epoch 15 are final" in text


def test_every_pair_is_separated_within_30_epochs_and_one_and_eight_is_slowest():
    solved = {(a, b): solved_epoch(a, b) for a in range(10) for b in range(10) if a != b}
    assert all(e is not None for e in solved.values())
    assert solved[1, 8] == 20 and solved[8, 1] == 22
    assert max(solved, key=solved.get) == (8, 1)
    by_pair = {frozenset(k): max(v, solved[k[::-1]]) for k, v in solved.items()}
    assert max(by_pair, key=by_pair.get) == frozenset((1, 8))
    assert min(solved[1, 8], solved[8, 1]) > max(v for k, v in by_pair.items()
                                                 if k != frozenset((1, 8))) - 2


def test_one_against_every_other_digit():
    d = (T == 1).astype(int)
    run = pocket(X[D.train], d[D.train], epochs=30)
    assert 0 not in run.wrong_per_epoch
    assert (wrong(run.W_last, D.train, d), wrong(run.W_last, D.test, d)) == (50, 33)
    assert run.epoch == 24
    assert (wrong(run.W, D.train, d), wrong(run.W, D.test, d)) == (10, 21)
    text = prose()
    assert "50 training images wrong" in text and "epoch 24, with only 10 wrong" in text
    assert "(21 wrong instead of 33)" in text


def test_one_against_the_rest_separates_after_934_epochs_and_eight_not_within_3000():
    p1 = Perceptron(64, epochs=2000).fit(X[D.train], (T[D.train] == 1).astype(int))
    assert p1.converged_epoch_ == 934                  # the first epoch without a mistake
    p8 = Perceptron(64, epochs=3000).fit(X[D.train], (T[D.train] == 8).astype(int))
    assert p8.converged_epoch_ is None and min(p8.mistakes_per_epoch_) > 0
    text = prose()
    assert "first goes through the training images without a mistake in epoch 934" in text
    assert "with mistakes in every one of 3,000 epochs" in text
    assert "1 needs 934 epochs" in text and "8 still makes mistakes after 3,000" in text


def test_five_against_the_rest_the_pocket_is_worse_on_the_test_images():
    d = (T == 5).astype(int)
    run = pocket(X[D.train], d[D.train], epochs=30)
    assert wrong(run.W, D.train, d) == wrong(run.W_last, D.train, d) == 2
    assert (wrong(run.W, D.test, d), wrong(run.W_last, D.test, d)) == (8, 4)
    assert "Both get 2 training images wrong" in prose() and "8 wrong against 4" in prose()


def test_ten_digits_largest_z_wins():
    runs = [pocket(X[D.train], (T[D.train] == k).astype(int), epochs=30) for k in range(10)]
    te = D.test
    right = {}
    for name, W in (("last", np.array([r.W_last for r in runs])),
                    ("pocket", np.array([r.W for r in runs]))):
        said = (W[:, 0] + X[te] @ W[:, 1:].T).argmax(axis=1)
        right[name] = int(np.sum(said == T[te]))
    assert right == {"last": 558, "pocket": 570}
    W = np.array([r.W for r in runs])                  # notebook 07's distance z / ||w||
    dist = (W[:, 0] + X[te] @ W[:, 1:].T) / np.linalg.norm(W[:, 1:], axis=1)
    assert int(np.sum(dist.argmax(axis=1) == T[te])) == 571
    assert "reads 571 test images right instead of 570" in prose()
    assert "570 of the 597 test images right with the pocket weights (558 with the last" in prose()


def test_a_one_pixel_shift_fools_the_ten_perceptrons():
    W = np.array([pocket(X[D.train], (T[D.train] == k).astype(int), epochs=30).W
                  for k in range(10)])
    images = D.images[D.test]
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    right, lost = {}, {}
    for name, (down, across) in {"none": (0, 0), "up": (-1, 0), "down": (1, 0),
                                 "left": (0, -1), "right": (0, 1)}.items():
        moved = padded[:, 1 - down:9 - down, 1 - across:9 - across]
        for k in (0, 300):              # pixel (r, c) is the one from (r - down, c - across)
            for r in range(8):
                for c in range(8):
                    r0, c0 = r - down, c - across
                    inside = 0 <= r0 < 8 and 0 <= c0 < 8
                    assert moved[k, r, c] == (images[k, r0, c0] if inside else 0)
        said = (W[:, 0] + moved.reshape(-1, 64) / 16 @ W[:, 1:].T).argmax(axis=1)
        right[name] = int(np.sum(said == T[D.test]))
        lost[name] = int(np.sum(moved.sum(axis=(1, 2)) < images.sum(axis=(1, 2))))
    assert right == {"none": 570, "up": 230, "down": 250, "left": 227, "right": 263}
    assert lost == {"none": 0, "up": 597, "down": 597, "left": 7, "right": 79}
    text = prose()
    assert "read 570 of the 597 test images right (95.5%)" in text
    assert "between 227 (left) and 263 (right) right, fewer than half" in text
    assert "moving left loses ink in only 7 images and moving right in 79" in text
    assert "every image in the data set has ink in its top row and in its bottom row" in text
    inked = D.images > 0
    assert inked[:, 0].any(axis=1).all() and inked[:, 7].any(axis=1).all()
