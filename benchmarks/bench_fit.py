"""How fast is Perceptron.fit? Prints median times and ratios, all measured in this one run.

Compared with
  (a) the textbook loop of the tutorial (np.insert on every visit), run for the same number of
      epochs as our fit needed, so that both do the same work and end at the same weights;
  (b) scikit-learn's Perceptron, if installed (shuffle=False, tol=None, eta0=1, alpha=0, the
      same epoch cap; it always runs every epoch).

Run:  python benchmarks/bench_fit.py [--repeats N]
Targets: >= 50x faster than (a) on both data sets; faster than (b) on the separable set.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from perceptron_lib import Perceptron, make_noisy, make_separable


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


def median_time(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def noisy_50d(n, p, flip, seed):
    """n points in p dimensions labelled by a random hyperplane, a fraction of labels flipped."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    w = rng.normal(size=p)
    d = (X @ w > 0).astype(int)
    flipped = rng.choice(n, size=round(flip * n), replace=False)
    d[flipped] = 1 - d[flipped]
    return X, d


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--epochs", type=int, default=20, help="epoch cap for every method")
    args = parser.parse_args()

    try:
        from sklearn.linear_model import Perceptron as SkPerceptron
    except ImportError:
        SkPerceptron = None

    X_noisy, d_noisy = noisy_50d(10_000, 50, 0.10, seed=1)
    X_sep, d_sep = make_separable(100_000, margin=0.05, seed=0)
    _ = make_noisy  # the 2-D noisy generator is used in the notebooks
    datasets = [("100k separable 2-D", X_sep, d_sep), ("10k x 50, 10% flipped", X_noisy, d_noisy)]

    # Compile numba (if present) before timing.
    Perceptron(50, epochs=1, record_history=False).fit(X_noisy[:1000], d_noisy[:1000])

    rows = []
    for name, X, d in datasets:
        def ours(X=X, d=d):
            return Perceptron(X.shape[1], lr=1, epochs=args.epochs,
                              record_history=False).fit(X, d)
        t_ours, p = median_time(ours, args.repeats)

        def numpy_only(X=X, d=d):
            q = Perceptron(X.shape[1], lr=1, epochs=args.epochs, record_history=False)
            q._engine = "numpy"  # what runs where numba is missing (e.g. JupyterLite)
            return q.fit(X, d)
        t_np, q = median_time(numpy_only, args.repeats)
        assert np.array_equal(q.W, p.W)
        ran = len(p.mistakes_per_epoch_)
        t_text, W_text = median_time(lambda X=X, d=d, ran=ran: textbook_fit(X, d, 1, ran),
                                     max(1, args.repeats - 2))
        same = np.array_equal(W_text, p.W)
        row = [name, ran, t_ours, t_text, t_text / t_ours, same, t_text / t_np]
        if SkPerceptron is not None:
            def sk(X=X, d=d):
                return SkPerceptron(shuffle=False, tol=None, max_iter=args.epochs, eta0=1.0,
                                    alpha=0.0).fit(X, d)
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t_sk, _ = median_time(sk, args.repeats)
            row += [t_sk, t_sk / t_ours]
        else:
            row += [float("nan"), float("nan")]
        rows.append(row)

    print(f"Perceptron.fit benchmark (median of {args.repeats} runs; epoch cap {args.epochs})")
    head = (f"{'data':24} {'epochs':>6} {'ours (s)':>10} {'textbook (s)':>13} {'x faster':>9} "
            f"{'same W':>7} {'sklearn (s)':>12} {'x faster':>9} {'numpy-only x':>13}")
    print(head)
    print("-" * len(head))
    for name, ran, t_o, t_t, r_t, same, r_np, t_s, r_s in rows:
        print(f"{name:24} {ran:>6} {t_o:>10.4f} {t_t:>13.3f} {r_t:>9.1f} {str(same):>7} "
              f"{t_s:>12.4f} {r_s:>9.1f} {r_np:>13.1f}")
    print("numpy-only x: speed-up over the textbook loop without numba (as in JupyterLite)")
    if SkPerceptron is None:
        print("scikit-learn is not installed: pip install -r benchmarks/requirements.txt")
    ok = all(r[4] >= 50 for r in rows) and (SkPerceptron is None or rows[0][8] > 1)
    print("targets (>= 50x textbook on both, faster than sklearn on separable):",
          "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
