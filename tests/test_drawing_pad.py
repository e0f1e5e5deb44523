"""The digits explorer's drawing pad: a 32 x 32 drawing reduced to 8 x 8 counts as the UCI
images were made, and the ten one-vs-rest perceptrons' z and verdict, in Python
(reduce_drawing, draw_verdict) and in the view (digits.js, run in node) on the same shared
cases (tests/js/drawing_cases.json).

To write the cases again (after a change to the training): python -m tests.test_drawing_pad
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib import Perceptron, load_digits, pocket
from perceptron_lib.widgets import DigitsExplorer
from perceptron_lib.widgets.digits import all_runs, draw_verdict, reader_weights, reduce_drawing

HERE = Path(__file__).parent
CASES_FILE = HERE / "js" / "drawing_cases.json"
DIGITS = load_digits()


# --- the shared cases ----------------------------------------------------------------------

def _as_bitmap(counts):
    """A 32 x 32 bitmap whose 4 x 4 blocks hold ``counts`` pixels on (the first ones, row by
    row, in each block)."""
    bitmap = np.zeros((32, 32), dtype=int)
    for (r, c), n in np.ndenumerate(counts):
        block = np.zeros(16, dtype=int)
        block[:n] = 1
        bitmap[4 * r:4 * r + 4, 4 * c:4 * c + 4] = block.reshape(4, 4)
    return bitmap


def _pen(pts):
    """The pad's pen (radius 2 pixels, as in digits.js) drawn through the points (x, y), in
    pixels from the top left: a 32 x 32 bitmap."""
    ii, jj = np.mgrid[0:32, 0:32] + 0.5
    bitmap = np.zeros((32, 32), dtype=bool)
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((jj - x0) * dx + (ii - y0) * dy) / (dx * dx + dy * dy), 0, 1)
        bitmap |= (jj - x0 - t * dx) ** 2 + (ii - y0 - t * dy) ** 2 <= 4
    return bitmap.astype(int)


def _stroke(rng):
    """A few pen strokes through random points."""
    return _pen(rng.uniform(3, 29, size=(rng.integers(2, 7), 2)))


def make_cases():
    """Edge cases, the first test image of each digit as a bitmap, and 50 seeded random
    drawings (25 of scattered pixels, 25 of strokes), with what Python says to each."""
    named = {"empty pad": np.zeros((32, 32), int), "full pad": np.ones((32, 32), int)}
    for name, (r, c) in {"one pixel, top left": (0, 0), "one pixel, bottom right": (31, 31),
                         "one pixel, in the middle": (15, 16)}.items():
        named[name] = np.zeros((32, 32), int)
        named[name][r, c] = 1
    named["one full block"] = np.zeros((32, 32), int)
    named["one full block"][12:16, 4:8] = 1
    named["checkerboard"] = np.indices((32, 32)).sum(axis=0) % 2
    for digit in range(10):
        row = DIGITS.test[DIGITS.target[DIGITS.test] == digit][0]
        named[f"test image of a {digit}"] = _as_bitmap(DIGITS.images[row])
    rng = np.random.default_rng(2024)
    for k in range(25):
        named[f"random pixels {k}"] = (rng.random((32, 32)) < rng.uniform(0.02, 0.6)).astype(int)
    for k in range(25):
        named[f"random strokes {k}"] = _stroke(rng)
    cases = []
    for name, bitmap in named.items():
        counts = reduce_drawing(bitmap)
        z, verdict = draw_verdict(counts)
        cases.append({"name": name, "bitmap": ["".join(map(str, row)) for row in bitmap],
                      "counts": counts.ravel().tolist(), "z": z.tolist(), "verdict": verdict})
    return cases


def _bitmap(case):
    return np.array([[int(ch) for ch in row] for row in case["bitmap"]])


CASES = json.loads(CASES_FILE.read_text()) if CASES_FILE.exists() else []


def test_the_shared_cases_are_there_and_cover_the_edges():
    names = [c["name"] for c in CASES]
    assert len(CASES) >= 60 and len(set(names)) == len(names)
    for name in ("empty pad", "full pad", "one pixel, top left", "test image of a 8"):
        assert name in names
    assert {c["verdict"] for c in CASES} >= set(range(10)) | {None}


def test_python_says_what_the_shared_cases_say():
    for case in CASES:
        counts = reduce_drawing(_bitmap(case))
        z, verdict = draw_verdict(counts)
        assert counts.ravel().tolist() == case["counts"], case["name"]
        assert z.tolist() == case["z"], case["name"]            # exactly, not nearly
        assert verdict == case["verdict"], case["name"]


def _node(payload):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs): the drawing pad's "
                    "JavaScript is not checked")
    done = subprocess.run([node, str(HERE / "js" / "drawing.js")], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _view_weights():
    """The weights as the view gets them: the "k-rest" runs' W16."""
    return [all_runs()[f"{k}-rest"]["W16"] for k in range(10)]


def test_the_view_says_what_python_says_on_the_shared_cases():
    got = _node({"W16": _view_weights(), "bitmaps": [c["bitmap"] for c in CASES]})
    for case, have in zip(CASES, got, strict=True):
        assert have["counts"] == case["counts"], case["name"]
        assert have["z"] == case["z"], case["name"]             # bit for bit
        assert have["verdict"] == case["verdict"], case["name"]


def test_the_view_breaks_a_tie_as_argmax_does_the_first_digit():
    W16 = [[0] * 65 for _ in range(10)]
    W16[4][1] = W16[7][1] = 16                  # 4 and 7 both give z = x1
    one = ["1" + "0" * 31] + ["0" * 32] * 31
    got = _node({"W16": W16, "bitmaps": [one, ["0" * 32] * 32]})
    assert got[0]["z"][4] == got[0]["z"][7] == 1 / 16 and got[0]["verdict"] == 4
    assert int(np.argmax(np.array(got[0]["z"]))) == 4
    assert got[1]["verdict"] is None


# --- the reduction -----------------------------------------------------------------------------

def test_blocks_are_counted_4_by_4_without_overlap():
    bitmap = np.zeros((32, 32), dtype=int)
    bitmap[0, 0] = 1                       # block (0, 0)
    bitmap[3, 3] = 1                       # still block (0, 0)
    bitmap[4, 3] = 1                       # block (1, 0)
    bitmap[31, 28:32] = 1                  # block (7, 7): 4 pixels
    bitmap[8:12, 16:20] = 1                # block (2, 4): full
    counts = reduce_drawing(bitmap)
    expected = np.zeros((8, 8), dtype=int)
    expected[0, 0], expected[1, 0], expected[7, 7], expected[2, 4] = 2, 1, 4, 16
    assert np.array_equal(counts, expected) and counts.dtype.kind == "i"
    assert np.array_equal(reduce_drawing(np.ones((32, 32))), np.full((8, 8), 16))
    assert not reduce_drawing(np.zeros((32, 32), dtype=bool)).any()
    assert reduce_drawing(bitmap.astype(bool).tolist()).sum() == bitmap.sum()


def test_a_test_image_made_into_a_bitmap_comes_back():
    for row in DIGITS.test[:40]:
        image = DIGITS.images[row]
        assert np.array_equal(reduce_drawing(_as_bitmap(image)), image)


# --- the verdict -------------------------------------------------------------------------------

def test_the_weights_are_notebook_09s_ten_pocket_perceptrons():
    W = reader_weights()
    X, t = DIGITS.data, DIGITS.target
    for k in range(10):
        run = pocket(X[DIGITS.train], (t[DIGITS.train] == k).astype(int), epochs=30)
        assert np.array_equal(W[k], run.W), k
        assert all_runs()[f"{k}-rest"]["W16"] == [int(v) for v in run.W * 16]


def test_the_verdict_is_each_perceptrons_own_predict_and_the_largest_z():
    W = reader_weights()
    perceptrons = [Perceptron(64, W0=W[k]) for k in range(10)]
    said = []
    for row in DIGITS.test:
        counts = DIGITS.images[row]
        z, verdict = draw_verdict(counts)
        x = (counts.reshape(1, 64) / 16)
        fires = [int(p.predict(x)[0]) for p in perceptrons]
        assert fires == [int(v >= 0) for v in z]
        assert z.tolist() == (W[:, 0] + DIGITS.data[row] @ W[:, 1:].T).tolist()
        assert verdict == int(np.argmax(z))
        said.append(verdict)
    # notebook 09: the ten pocket perceptrons read 570 of the 597 test images right
    assert int(np.sum(np.array(said) == DIGITS.target[DIGITS.test])) == 570


def test_z_is_exact():
    """Whole sixteenths times ink counts: z is a whole number of 1/256, with no rounding."""
    rng = np.random.default_rng(5)
    W16 = np.array(_view_weights(), dtype=np.int64)
    for _ in range(200):
        counts = rng.integers(0, 17, size=(8, 8))
        z, _ = draw_verdict(counts)
        exact = 16 * W16[:, 0] + W16[:, 1:] @ counts.ravel()
        assert z.tolist() == (exact / 256).tolist()


def test_an_empty_drawing_gets_no_verdict():
    z, verdict = draw_verdict(np.zeros((8, 8), dtype=int))
    assert verdict is None
    assert z.tolist() == reader_weights()[:, 0].tolist()        # z = b, nothing else
    assert draw_verdict(reduce_drawing(np.eye(32)))[1] is not None


# --- odd input ---------------------------------------------------------------------------------

LEAKS = ("ufunc", "could not convert", "Traceback", "numpy", "ndarray", "np.", "dtype")


@pytest.mark.parametrize("value, says", [
    (None, "bitmap32 must be a 32 x 32 grid"),
    ("0101", "bitmap32 must be a 32 x 32 grid"),
    (np.zeros((8, 8)), "already reduced: give it to draw_verdict"),
    (np.zeros((32, 31)), "got shape (32, 31)"),
    (np.zeros(1024), "got shape (1024,)"),
    (7, "got a single number"),
    (np.full((32, 32), np.nan), "row 0, column 0 holds nan"),
    (np.full((32, 32), 2), "holds 2"),
    (np.full((32, 32), -1.0), "holds -1"),
    (np.full((32, 32), 0.5), "holds 0.5"),
    ([["a"] * 32] * 32, "bitmap32 must be numbers, not text"),
    ([[0] * 32] * 31 + [[0] * 30], "row 0 has 32 but row 31 has 30"),
    (True, "bitmap32 needs numbers, not True/False"),
])
def test_odd_bitmaps_get_a_clear_message(value, says):
    with pytest.raises((TypeError, ValueError)) as err:
        reduce_drawing(value)
    assert says in str(err.value)
    assert "bitmap32" in str(err.value)
    for leak in LEAKS:
        assert leak not in str(err.value), (leak, str(err.value))


@pytest.mark.parametrize("value, says", [
    (None, "counts must be an 8 x 8 picture"),
    ("3", "counts must be an 8 x 8 picture"),
    (np.zeros(64), "counts.reshape(8, 8)"),
    (np.zeros((32, 32)), "got shape (32, 32)"),
    (np.full((8, 8), np.nan), "holds nan"),
    (np.full((8, 8), np.inf), "holds inf"),
    (np.full((8, 8), 17), "holds 17"),
    (np.full((8, 8), 2.5), "holds 2.5"),
    ([["x"] * 8] * 8, "counts must be numbers, not text"),
])
def test_odd_counts_get_a_clear_message(value, says):
    with pytest.raises((TypeError, ValueError)) as err:
        draw_verdict(value)
    assert says in str(err.value)
    assert "counts" in str(err.value)
    for leak in LEAKS:
        assert leak not in str(err.value), (leak, str(err.value))


def test_the_callers_data_are_not_changed():
    bitmap = (np.random.default_rng(1).random((32, 32)) < 0.3)
    keep = bitmap.copy()
    counts = reduce_drawing(bitmap)
    assert np.array_equal(bitmap, keep) and bitmap.dtype == bool
    counts[0, 0] = 99                          # the result is the caller's own, too
    assert np.array_equal(reduce_drawing(bitmap)[0, 0], reduce_drawing(keep)[0, 0])
    image = DIGITS.images[DIGITS.test[0]]
    before = image.copy()
    draw_verdict(image)
    as_list = image.tolist()
    draw_verdict(as_list)
    assert np.array_equal(image, before) and as_list == before.tolist()
    assert np.array_equal(DIGITS.images[DIGITS.test[0]], before)


def test_the_weights_sent_to_the_view_are_small():
    ex = DigitsExplorer(3, 8)
    sent = [ex.runs[f"{k}-rest"]["W16"] for k in range(10)]
    assert all(len(w) == 65 and all(isinstance(v, int) for v in w) for w in sent)
    assert len(json.dumps(sent)) < 5_000
    assert all(ex.runs[f"{a}-{b}"]["W16"] is None for a in range(10) for b in range(10)
               if a != b)


def _write(cases):
    """The cases as JSON, one bitmap row a line, so that a case reads as a picture."""
    parts = []
    for case in cases:
        head = {k: v for k, v in case.items() if k != "bitmap"}
        rows = ",\n  ".join(json.dumps(row) for row in case["bitmap"])
        parts.append(json.dumps(head)[:-1] + ', "bitmap": [\n  ' + rows + "]}")
    CASES_FILE.write_text("[\n" + ",\n".join(parts) + "\n]\n")


if __name__ == "__main__":
    _write(make_cases())
    print(f"wrote {len(json.loads(CASES_FILE.read_text()))} cases to {CASES_FILE}")


@pytest.mark.parametrize("top, bottom", [(1, 31), (2, 30), (3, 29), (4, 28)])
def test_a_straight_one_is_read_as_09_says(top, bottom):
    """09: a thin straight 1 drawn from top to bottom is a 1 only from about two thirds of a
    square (2.5 pixels) left of the middle line (x = 16) to the line; a quarter square (1
    pixel) right, a 3; a whole square (4 pixels) left, a 5 or a 6. The pen draws 4 or 5
    pixels wide. Drawn thick (three strokes 3 pixels apart), it is a 1 from half a square
    left of the middle line to almost a whole square right of it."""
    def read(*xs):
        strokes = [_pen([(x, top), (x, bottom)]) for x in xs]
        return draw_verdict(reduce_drawing(np.maximum.reduce(strokes)))[1]
    assert {read(x) for x in np.arange(13.5, 16.5, 0.25)} == {1}
    assert read(12.5) != 1 and read(17) == 3 and read(12) in (5, 6)
    assert {int(_pen([(x, top), (x, bottom)])[16].sum()) for x in np.arange(14, 16.25, 0.25)} \
        == {4, 5}
    assert {read(x - 3, x, x + 3) for x in np.arange(14.5, 19.75, 0.25)} == {1}
    assert read(10, 13, 16) != 1 and read(17.5, 20.5, 23.5) != 1


def test_the_writers_ones_are_about_9_pixels_wide():
    """09: the 1s of the data set hold about 9 pixels of ink in each row of 32 (the median
    over their images of the ink in a row: an 8 x 8 row of counts is 4 pixel rows)."""
    ones = DIGITS.images[DIGITS.target == 1]
    assert 8.5 <= np.median(ones.sum(axis=2) / 4) <= 10
