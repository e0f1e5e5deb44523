"""How quickly does the training explorer answer a press of "step"? Prints medians.

Measured in-process: the time from a control change on the widget's Python side (a button
click, as the frontend sends it) to the new PNG being ready in the Image widget.

Run:  python benchmarks/bench_widgets.py
Target: median <= 20 ms per step; stepping back to a position already seen no slower than
stepping forward. Memory: an explorer over 100 epochs of 200 points adds < 50 MB.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
import tracemalloc

import matplotlib

matplotlib.use("Agg")

from perceptron_lib import make_noisy  # noqa: E402
from perceptron_lib.widgets import TrainingExplorer  # noqa: E402


def time_clicks(button, image, count):
    """Seconds from each click to the moment the new picture is set on the Image widget (what
    the browser then receives). Work the explorer does after that, such as drawing the next
    picture ahead of time, is not part of the wait."""
    times = []
    ready = []
    image.observe(lambda change: ready.append(time.perf_counter()), names="value")
    for _ in range(count):
        ready.clear()
        t0 = time.perf_counter()
        button.click()
        times.append((ready[0] if ready else time.perf_counter()) - t0)
    return times


def time_jump(ex, position):
    """Seconds from a slider move to the new picture being set."""
    marks = []
    ex.image.observe(lambda change: marks.append(time.perf_counter()), names="value")
    t0 = time.perf_counter()
    ex.slider.value = position
    return marks[0] - t0


def rss_mb():
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    rows = []
    X, d = make_noisy(200, flip=0.05, seed=0)
    for name, make in (("AND", lambda: TrainingExplorer(dataset="AND")),
                       ("200 custom points", lambda: TrainingExplorer(X, d, epochs=30))):
        ex = make()
        steps = min(24, len(ex.history))
        fwd = time_clicks(ex.step_button, ex.image, steps)
        back = time_clicks(ex.back_button, ex.image, steps)
        ex.picture._cache.clear()
        ex.go_to(steps)
        ex.picture._cache.clear()
        back_uncached = time_clicks(ex.back_button, ex.image, steps)
        ex.go_to(0)
        ex.picture._cache.clear()
        fwd_cold = []
        for _ in range(steps):       # forward with nothing drawn ahead: the worst case
            ex.picture._cache.clear()
            fwd_cold += time_clicks(ex.step_button, ex.image, 1)
        jump = time_jump(ex, len(ex.history) // 2)
        rows.append((name, len(ex.history), statistics.median(fwd), statistics.median(back),
                     statistics.median(back_uncached), jump, statistics.median(fwd_cold)))

    print("TrainingExplorer: time from a click to the new picture (median over 24 steps)")
    head = (f"{'data':20} {'visits':>7} {'step fwd':>10} {'back (seen)':>12} "
            f"{'back (redraw)':>14} {'slider jump':>12} {'fwd, no prefetch':>17}")
    print(head)
    print("-" * len(head))
    for name, n, f, b, bu, j, fc in rows:
        print(f"{name:20} {n:>7} {f * 1e3:>8.1f}ms {b * 1e3:>10.1f}ms {bu * 1e3:>12.1f}ms "
              f"{j * 1e3:>10.1f}ms {fc * 1e3:>15.1f}ms")
    print(f"ratio back(seen)/forward: {', '.join(f'{r[3] / r[2]:.2f}' for r in rows)}")

    # Memory: 100 epochs over 200 non-separable points.
    gc.collect()
    rss0 = rss_mb()
    tracemalloc.start()
    ex = TrainingExplorer(*make_noisy(200, flip=0.1, seed=1), epochs=100)
    for _ in range(64):            # fill the picture cache too
        ex.step_button.click()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory, explorer over {ex.history.n_epochs} epochs x 200 points "
          f"({len(ex.history)} visits): {current / 2**20:.1f} MB held by Python objects "
          f"(peak {peak / 2**20:.1f} MB), process grew {rss_mb() - rss0:.1f} MB")
    ok = all(r[6] <= 0.020 and r[3] <= r[6] for r in rows) and current < 50 * 2**20
    print("targets (median step <= 20 ms even without prefetch, back no slower, < 50 MB):",
          "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
