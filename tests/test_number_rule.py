"""One rule for numbers a person sets, and one for printing numbers, in Python and in the
browser views: the same cases (tests/js/number_cases.json, plus seeded random ones) run on both
sides. The JavaScript side runs in node."""

import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from perceptron_lib.exact import as_decimal
from perceptron_lib.style import format_number
from perceptron_lib.widgets import BoundaryExplorer, NeuronExplorer

HERE = Path(__file__).parent
CASES = json.loads((HERE / "js" / "number_cases.json").read_text())


def _number(v):
    return float(v) if isinstance(v, str) else v


def _random_cases():
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.normal(size=300) * 10.0 ** rng.integers(-8, 8, size=300),
                             [round(v, int(k)) for v, k in zip(rng.uniform(-3, 3, size=200),
                                                            rng.integers(0, 12, size=200))],
                             10.0 ** rng.uniform(-320, 308, size=200)])
    values = [float(v) for v in values]
    sums = [values[i:i + 3] for i in range(0, 600, 3)]
    return {"exact_sums": [{"values": v, "sum": str(sum(map(as_decimal, v), Fraction(0)))}
                           for v in sums],
            "format": [[v, format_number(v)] for v in values]}


def test_python_follows_the_shared_cases():
    for case in CASES["exact_sums"]:
        assert str(sum(map(as_decimal, case["values"]), Fraction(0))) == case["sum"]
    for value, text in CASES["format"]:
        assert format_number(_number(value)) == text


def _node(cases):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs): the views' JavaScript "
                    "number rules are not checked")
    out = subprocess.run([node, str(HERE / "js" / "numbers.js")], input=json.dumps(cases),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("cases", [CASES, _random_cases()], ids=["shared", "random"])
def test_the_views_javascript_follows_the_same_rules(cases):
    got = _node(cases)
    assert got["exact_sums"] == [c["sum"] for c in cases["exact_sums"]]
    assert got["format"] == [text for _, text in cases["format"]]


def test_a_typed_number_means_the_decimal_it_shows():
    # 1 + 1 - 2.0000000001 < 0: (1, 1) is not on the line, so AND is 3 rows right, not 4
    ex = BoundaryExplorer(gate="AND", w1=1, w2=1, b=-2.0000000001)
    assert not ex.implements_gate and ex.rows_right == 3
    assert BoundaryExplorer(gate="AND", w1=0.6, w2=0.3, b=-0.9).implements_gate
    n = NeuronExplorer(n_inputs=2, weights=[0.2999999999, 0.6], threshold=0.9)
    n.set_input(0, 1)
    n.set_input(1, 1)
    assert not n.fires
    n.weight_values = [0.3, 0.6]
    assert n.fires


def test_counts_get_whole_ticks_in_the_views():
    """A bar chart of counts (the digits explorer's mistakes, the descent explorer's epochs)
    is labelled with whole numbers: 0, 5, 10, not 0, 2.5, 5, 7.5, 10."""
    tops = [1, 2, 3, 5, 7, 10, 13, 18, 40, 1000]
    got = _node({"exact_sums": [], "format": [],
                 "ticks": [[0, top, 4, True] for top in tops]})["ticks"]
    for top, ticks in zip(tops, got):
        assert ticks[0] == 0 and ticks[-1] <= top and len(ticks) >= 2, (top, ticks)
        assert all(float(t).is_integer() for t in ticks), (top, ticks)
    assert got[tops.index(10)] == [0, 5, 10]
