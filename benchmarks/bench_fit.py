"""How fast is Perceptron.fit, the first time and after? Prints timings and ratios from one run.

For each data set and each engine (auto: what the library chooses; numpy; numba) a fresh
Python process is started, so that nothing is imported or compiled yet:
  cold  the first fit in that process (numba, if used, is imported and loaded during it);
  warm  the median of the next fits in the same process;
  last  the last of them (by then the library has settled on its engine).
The fits are compared with
  (a) the textbook loop of the tutorial (np.insert on every visit), run for the same number of
      epochs as our fit needed, so that both do the same work and end at the same weights;
  (b) scikit-learn's Perceptron, if installed (shuffle=False, tol=None, eta0=1, alpha=0, the
      same epoch cap; it always runs every epoch).

A second table trains XOR (which never converges) for 1k to 100k epochs, with and without the
record of every visit, next to the textbook loop for the same epochs: time per epoch should
stay flat (linear in epochs), and the library should never be slower than the loop. Once the
weights repeat, the library copies the cycle instead of computing it again; with shuffle=True
they never repeat, so that row shows the plain per-epoch cost.

Run:  python benchmarks/bench_fit.py [--repeats N] [--epochs-only]
Targets: the library's first fit is never slower than the NumPy engine's first fit (10%
allowance for timing noise); the last fit >= 50x faster than (a) where numba is used.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np

from perceptron_lib import Perceptron, make_separable

DATASETS = {   # name: (maker, epoch cap)
    "100k separable 2-D": ("separable", 20),
    "10k x 50, 10% flipped": ("noisy", 20),
    "10k x 50, 10% flipped, cap 100": ("noisy", 100),
}
ENGINES = ("auto", "numpy", "numba")


def textbook_fit(X, d, lr, epochs):
    """The tutorial's loop, as a learner first writes it."""
    W = np.zeros(X.shape[1] + 1)
    for _ in range(epochs):
        for i in range(d.shape[0]):
            x = np.insert(X[i], 0, 1)
            z = W.T.dot(x)
            y = 1 if z >= 0 else 0
            e = d[i] - y
            W = W + lr * e * x
    return W


def noisy_50d(n, p, flip, seed):
    """n points in p dimensions labelled by a random hyperplane, a fraction of labels flipped."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    w = rng.normal(size=p)
    d = (X @ w > 0).astype(int)
    flipped = rng.choice(n, size=round(flip * n), replace=False)
    d[flipped] = 1 - d[flipped]
    return X, d


def make_data(kind):
    if kind == "separable":
        return make_separable(100_000, margin=0.05, seed=0)
    return noisy_50d(10_000, 50, 0.10, seed=1)


def times_of(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times, result


def median_time(fn, repeats):
    times, result = times_of(fn, repeats)
    return statistics.median(times), result


def child(kind, epochs, engine, repeats):
    """Runs in a fresh process: the first fit, then warm fits. Prints one line of JSON."""
    X, d = make_data(kind)

    def fit():
        p = Perceptron(X.shape[1], lr=1, epochs=epochs, record_history=False)
        p._engine = engine
        return p.fit(X, d)

    t0 = time.perf_counter()
    p = fit()
    cold = time.perf_counter() - t0
    warm, _ = times_of(fit, repeats)
    print(json.dumps({"cold": cold, "warm": statistics.median(warm), "last": warm[-1],
                      "W": p.W.tolist(),
                      "epochs": len(p.mistakes_per_epoch_),
                      "numba_loaded": "numba" in sys.modules}))


def run_fresh(kind, epochs, engine, repeats):
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(epochs), engine,
                          str(repeats)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def epochs_table(repeats):
    """XOR for 1k-100k epochs: our fit against the textbook loop, time per epoch."""
    X, d = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float), np.array([0, 1, 1, 0]))
    print("\nXOR, every epoch run (it never converges): seconds, and loop time / our time")
    head = (f"{'epochs':>7} {'loop (s)':>9} {'no record':>10} {'ratio':>7} {'record':>8} "
            f"{'ratio':>7} {'shuffle':>8} {'ratio':>7} {'us/epoch loop, record, shuffle':>32}")
    print(head)
    print("-" * len(head))
    slowest = float("inf")
    for epochs in (1_000, 5_000, 10_000, 40_000, 100_000):
        t_loop, W_loop = median_time(lambda e=epochs: textbook_fit(X, d, 1, e), 1)
        t_bare, p = median_time(lambda e=epochs: Perceptron(
            2, epochs=e, record_history=False).fit(X, d), repeats)
        assert np.array_equal(p.W, W_loop), "not the textbook loop's weights"
        t_rec, _ = median_time(lambda e=epochs: Perceptron(2, epochs=e).fit(X, d), repeats)
        t_shuf, _ = median_time(lambda e=epochs: Perceptron(
            2, epochs=e, shuffle=True, seed=0, record_history=False).fit(X, d), 1)
        ratios = (t_loop / t_bare, t_loop / t_rec, t_loop / t_shuf)
        slowest = min(slowest, *ratios)
        per = "/".join(f"{1e6 * t / epochs:.1f}" for t in (t_loop, t_rec, t_shuf))
        print(f"{epochs:>7} {t_loop:>9.3f} {t_bare:>10.4f} {ratios[0]:>7.0f} {t_rec:>8.4f} "
              f"{ratios[1]:>7.0f} {t_shuf:>8.3f} {ratios[2]:>7.1f} {per:>32}")
    print("target: never slower than the textbook loop (every ratio >= 1):",
          "met" if slowest >= 1 else f"NOT met (lowest ratio {slowest:.2f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm runs per timing (median)")
    parser.add_argument("--epochs-only", action="store_true", help="only the XOR epochs table")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, epochs, engine, repeats = args.child
        child(kind, int(epochs), engine, int(repeats))
        return
    if args.epochs_only:
        epochs_table(args.repeats)
        return

    try:
        from sklearn.linear_model import Perceptron as SkPerceptron
    except ImportError:
        SkPerceptron = None

    print(f"Perceptron.fit: first fit in a fresh process (cold) and the median of "
          f"{args.repeats} later fits (warm)")
    head = (f"{'data':34} {'epochs':>6} {'engine':>6} {'cold (s)':>8} {'warm (s)':>8} "
            f"{'last (s)':>8} {'cold/numpy cold':>15} {'textbook/last':>13} {'same W':>6} "
            f"{'numba':>6}")
    print(head)
    print("-" * len(head))
    never_slower, fast_warm = True, True
    for name, (kind, cap) in DATASETS.items():
        runs = {engine: run_fresh(kind, cap, engine, args.repeats) for engine in ENGINES}
        X, d = make_data(kind)
        ran = runs["numpy"]["epochs"]
        t_text, W_text = median_time(lambda X=X, d=d, ran=ran: textbook_fit(X, d, 1, ran), 1)
        for engine in ENGINES:
            r = runs[engine]
            same = np.array_equal(W_text, r["W"])
            to_numpy = r["cold"] / runs["numpy"]["cold"]
            speedup = t_text / r["last"]
            print(f"{name:34} {r['epochs']:>6} {engine:>6} {r['cold']:>8.3f} {r['warm']:>8.4f} "
                  f"{r['last']:>8.4f} {to_numpy:>15.2f} {speedup:>13.1f} {str(same):>6} "
                  f"{'loaded' if r['numba_loaded'] else '-':>6}")
            if engine == "auto":
                never_slower &= to_numpy <= 1.1
                if r["numba_loaded"]:
                    fast_warm &= speedup >= 50
        print(f"{'':34} {ran:>6} {'loop':>6} {'':>8} {t_text:>8.3f}   (the textbook loop)")
        if SkPerceptron is not None:
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t_sk, _ = median_time(lambda X=X, d=d, cap=cap: SkPerceptron(
                    shuffle=False, tol=None, max_iter=cap, eta0=1.0, alpha=0.0).fit(X, d),
                    args.repeats)
            print(f"{'':34} {cap:>6} {'skl':>6} {'':>8} {t_sk:>8.4f}   (scikit-learn, every "
                  f"epoch; our last auto fit is {t_sk / runs['auto']['last']:.1f}x faster)")
    print("numba: 'loaded' when the process imported numba (auto loads it only when it pays off)")
    if SkPerceptron is None:
        print("scikit-learn is not installed: pip install -r benchmarks/requirements.txt")
    print("target: auto's first fit never slower than the NumPy engine's (<= 1.1x):",
          "met" if never_slower else "NOT met")
    print("target: the last fit >= 50x faster than the textbook loop where numba is used:",
          "met" if fast_warm else "NOT met")
    epochs_table(args.repeats)


if __name__ == "__main__":
    main()
