"""What the explorers cost on the Python side. Prints figures; asserts nothing.

Stepping happens in the browser (tests/browser/ prints those latencies); Python only builds a
run when the data, the learning rate or the points change. This measures that: the time to
retrain and build everything the view needs, and the size of what is sent to the browser.

Run:  python benchmarks/bench_widgets.py
"""

from __future__ import annotations

import json
import statistics
import time

from perceptron_lib import make_noisy
from perceptron_lib.widgets import (
    BoundaryExplorer,
    DescentExplorer,
    NeuronExplorer,
    TrainingExplorer,
)
from perceptron_lib.widgets.training_run import RUN_BUDGET


def median_seconds(action, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Each explorer as its notebook makes it: the time from the cell's start to the explorer's
# first picture being ready to send, in a fresh Python (nothing computed before: the hidden-
# layer runs and the digits' runs are made on the first call). The course's goal: 0.5 s.
EXPLORERS = {
    "NeuronExplorer(3)": "NeuronExplorer(3)",
    "BoundaryExplorer()": "BoundaryExplorer()",
    "TrainingExplorer(dataset='XOR')": "TrainingExplorer(dataset='XOR')",
    "HiddenLayerExplorer()": "HiddenLayerExplorer()",
    "DescentExplorer(seed=0)": "DescentExplorer(seed=0)",
    "DigitsExplorer(digit=3, against=8)": "DigitsExplorer(digit=3, against=8)",
    "CurvesExplorer()": "CurvesExplorer()",
}
FIRST_BUILD = """
import time
from perceptron_lib.widgets import *
start = time.perf_counter()
{call}
print(time.perf_counter() - start)
"""


def first_builds(repeat=3):
    """{explorer: median seconds of its first build in a fresh Python}."""
    import subprocess
    import sys
    out = {}
    for name, call in EXPLORERS.items():
        times = [float(subprocess.run([sys.executable, "-c", FIRST_BUILD.format(call=call)],
                                      capture_output=True, text=True, check=True).stdout)
                 for _ in range(repeat)]
        out[name] = statistics.median(times)
    return out


def main():
    print("each explorer's first build in a fresh Python, median of 3 (the course's goal: "
          "0.5 s)")
    for name, seconds in first_builds().items():
        print(f"  {name:46} {seconds * 1000:8.1f} ms {'' if seconds <= 0.5 else ' (over 0.5 s)'}")
    print()
    print(f"{'what':48} {'median':>10} {'sent to the browser':>20}")
    print("(a run past the budget is thinned: visit by visit for the first epochs, then per "
          "epoch)")
    cases = [("TrainingExplorer on AND (24 visits)", lambda: TrainingExplorer(dataset="AND")),
             ("TrainingExplorer on XOR, 30 epochs (120 visits)",
              lambda: TrainingExplorer(dataset="XOR"))]
    cases.append(("TrainingExplorer on XOR, 3000 epochs",
                  lambda: TrainingExplorer(dataset="XOR", epochs=3000)))
    cases.append(("TrainingExplorer on XOR, 40000 epochs",
                  lambda: TrainingExplorer(dataset="XOR", epochs=40000)))
    for n, epochs in ((200, 30), (200, 100), (2000, 30)):
        X, d = make_noisy(n, flip=0.1, seed=0)
        cases.append((f"TrainingExplorer, {n} noisy points, {epochs} epochs",
                      lambda X=X, d=d, e=epochs: TrainingExplorer(X, d, epochs=e)))
    cases.append(("DescentExplorer, seed 0, 1000 epochs", lambda: DescentExplorer(seed=0)))
    largest = 0
    for name, make in cases:
        seconds = median_seconds(make, repeat=3)
        run = make().run
        size = len(json.dumps(run))
        largest = max(largest, size)
        thinned = " (thinned)" if run.get("thinned") else ""
        print(f"{name:48} {seconds * 1000:8.1f} ms {size / 1024:17.0f} KB{thinned}")
    print(f"largest run sent: {largest / 1e6:.2f} MB; budget {RUN_BUDGET / 1e6:.0f} MB:",
          "met" if largest <= RUN_BUDGET else "NOT met")
    ex = TrainingExplorer(X=[[0, 0], [0, 1], [1, 0], [1, 1]], d=[0, 0, 0, 1])
    what = "one point added to AND's four by a click"
    print(f"{what:48} "
          f"{median_seconds(lambda: ex.add_point(0.3, 0.4, 1)) * 1000:8.1f} ms")
    b = BoundaryExplorer()
    print(f"{'BoundaryExplorer: exact outputs after a slider move':48} "
          f"{median_seconds(lambda: (setattr(b, 'w1', 0.7), b.outputs)) * 1000:8.2f} ms")
    n = NeuronExplorer(3)
    print(f"{'NeuronExplorer: exact sum after a toggle':48} "
          f"{median_seconds(lambda: (n.set_input(0), n.fires)) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
