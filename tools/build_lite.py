"""Build the course as a static JupyterLite site: Python runs in the browser, no server.

    python -m venv .lite && .lite/bin/pip install -r lite/requirements.txt
    .lite/bin/python -m tools.build_lite            # writes _output/

Serve the folder with any static web server (e.g. `python -m http.server -d _output`) or
publish it (GitHub Pages, a school's web space). The site carries every notebook, the widget
frontends, and perceptron_lib as a wheel that the notebooks install in the browser
(`%pip install perceptron_lib`, which the notebooks' first code cell does only there).

The build downloads nothing: the wheel is built from this checkout without build isolation.
Note: the in-browser Python (Pyodide) itself is fetched from its CDN when a learner opens the
site, and so are the pure-Python packages perceptron_lib needs that Pyodide lacks.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(output_dir):
    output_dir = Path(output_dir).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--wheel-dir", tmp, str(ROOT)], check=True)
        wheel = next(Path(tmp).glob("perceptron_lib-*.whl"))
        subprocess.run([sys.executable, "-m", "jupyter", "lite", "build",
                        "--lite-dir", str(ROOT / "lite"),
                        "--contents", str(ROOT / "notebooks"),
                        "--piplite-wheels", str(wheel),
                        "--output-dir", str(output_dir)], check=True, cwd=tmp)
    return output_dir


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the JupyterLite site of the course.")
    parser.add_argument("--output-dir", default=str(ROOT / "_output"))
    args = parser.parse_args(argv)
    out = build(args.output_dir)
    print(f"JupyterLite site written to {out}; try: python -m http.server -d {out}")


if __name__ == "__main__":
    main()
