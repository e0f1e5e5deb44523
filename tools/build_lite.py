"""Build the course as a static JupyterLite site: Python runs in the browser, no server.

    python -m venv .lite && .lite/bin/pip install -r lite/requirements.txt
    .lite/bin/python -m tools.build_lite            # writes _output/

Serve the folder with any static web server (e.g. `python -m http.server -d _output`) or
publish it (GitHub Pages, a school's web space). The site carries every notebook, the widget
frontends, perceptron_lib as a wheel that the notebooks install in the browser
(`%pip install perceptron_lib`, which the notebooks' first code cell does only there), and
the wheels of the widget packages perceptron_lib needs there (`lite/pypi/`: ipywidgets,
jupyterlab_widgets, comm, anywidget, psygnal, typing_extensions). The site turns
piplite's PyPI fallback off, so the only thing a learner's browser fetches from elsewhere is
Pyodide: its core and its own packages (numpy, matplotlib, ipython, ...) from Pyodide's CDN.

The build downloads nothing: the wheel is built from this checkout without build isolation,
and the widget wheels are in `lite/pypi/`. To move them to the versions pinned in
`lite/requirements.txt` (the frontends the site carries must match them):

    .lite/bin/python -m tools.build_lite --update-wheels     # asks PyPI

Pyodide on the site itself (used by the tests, which let the browser reach no other host):

    npm pack pyodide@314.0.6                          # Pyodide's core, from the npm registry
    .lite/bin/python -m tools.build_lite --pyodide pyodide-314.0.6.tgz [--pyodide-wheels DIR]

With `--pyodide` the site loads Pyodide's core from itself, and its packages from the CDN
(the lock file names them there). `--pyodide-wheels DIR` puts pure-Python wheels in the
site in place of Pyodide's own builds of the same packages (each is checked to be the same
package at the same version as in Pyodide's lock file), e.g. what the kernel needs to start.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"
PYPI = LITE / "pypi"

#: the Pyodide that jupyterlite-pyodide-kernel (lite/requirements.txt) is built for
PYODIDE_VERSION = "314.0.6"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"

#: what perceptron_lib installs in the browser besides Pyodide's own packages, shipped as
#: wheels in lite/pypi at the versions pinned in lite/requirements.txt
WIDGET_WHEELS = ("ipywidgets", "comm", "jupyterlab_widgets", "anywidget",
                 "psygnal", "typing_extensions")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_name_version(path):
    """(canonical name, version) from a wheel's file name."""
    name, version = Path(path).name.split("-")[:2]
    return canonical(name), version


def pinned_versions():
    """The exact pins (name==version) in lite/requirements.txt, by canonical name."""
    pins = {}
    for line in (LITE / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonical(name)] = version.strip()
    return pins


def update_wheels():
    """Replace lite/pypi's wheels with the versions pinned in lite/requirements.txt."""
    pins = pinned_versions()
    wanted = []
    for name in WIDGET_WHEELS:
        if canonical(name) not in pins:
            raise SystemExit(f"lite/requirements.txt pins no version of {name}")
        wanted.append(f"{name}=={pins[canonical(name)]}")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--python-version", "3.14", "--platform", "any",
                        "--dest", tmp, *wanted], check=True)
        fresh = sorted(Path(tmp).glob("*.whl"))
        bad = [p.name for p in fresh if not p.name.endswith("-py3-none-any.whl")]
        if bad:
            raise SystemExit(f"not pure-Python wheels, Pyodide cannot install them: {bad}")
        PYPI.mkdir(exist_ok=True)
        for old in PYPI.glob("*.whl"):
            old.unlink()
        for wheel in fresh:
            shutil.copy2(wheel, PYPI / wheel.name)
    print("lite/pypi:", ", ".join(p.name for p in sorted(PYPI.glob("*.whl"))))


def unpack_pyodide(source, dest):
    """Pyodide's core from the npm package `pyodide` (.tgz or unpacked folder) into dest."""
    source = Path(source)
    dest.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        root = source
    else:
        with tarfile.open(source) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(dest.parent / "npm-pyodide", filter="data")
            else:  # pragma: no cover - Python < 3.11.4
                tar.extractall(dest.parent / "npm-pyodide")
        root = dest.parent / "npm-pyodide" / "package"
    info = json.loads((root / "package.json").read_text())
    if info.get("name") != "pyodide" or info.get("version") != PYODIDE_VERSION:
        raise SystemExit(f"{source} is {info.get('name')} {info.get('version')}; the site's "
                         f"kernel needs pyodide {PYODIDE_VERSION} (npm pack pyodide@"
                         f"{PYODIDE_VERSION})")
    for path in root.iterdir():
        if path.is_file() and not path.name.endswith((".map", ".d.ts", ".html", ".md")):
            shutil.copy2(path, dest / path.name)
    return dest


def wheel_metadata_version(path):
    with zipfile.ZipFile(path) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        for line in z.read(meta).decode().splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    return None


def localise_lock(pyodide_dir, wheels=()):
    """Rewrite pyodide-lock.json for a site that serves Pyodide's core itself: the given
    pure-Python wheels are served from the site in place of Pyodide's builds of the same
    packages; every other package keeps coming from Pyodide's CDN."""
    lock_path = pyodide_dir / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    packages = lock["packages"]
    for wheel in map(Path, wheels):
        if not wheel.name.endswith("-none-any.whl"):
            raise SystemExit(f"{wheel.name}: only pure-Python wheels can replace Pyodide's")
        name, version = wheel_name_version(wheel)
        entry = packages.get(name)
        if entry is None:
            raise SystemExit(f"{wheel.name}: Pyodide {PYODIDE_VERSION} has no package {name}")
        if entry["version"] != version or wheel_metadata_version(wheel) != version:
            raise SystemExit(f"{wheel.name}: Pyodide {PYODIDE_VERSION} has {name} "
                             f"{entry['version']}; use that version")
        shutil.copy2(wheel, pyodide_dir / wheel.name)
        entry["file_name"] = wheel.name
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    for entry in packages.values():
        name = entry["file_name"]
        if "://" not in name and not (pyodide_dir / name).exists():
            entry["file_name"] = PYODIDE_CDN + name
    lock_path.write_text(json.dumps(lock))


def set_kernel_settings(lite_dir):
    """The site never falls back to PyPI: what the notebooks install is on the site."""
    config_path = lite_dir / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    data = config.setdefault("jupyter-config-data", {})
    plugins = data.setdefault("litePluginSettings", {})
    kernel = plugins.setdefault("@jupyterlite/pyodide-kernel-extension:kernel", {})
    kernel["disablePyPIFallback"] = True
    config_path.write_text(json.dumps(config, indent=2) + "\n")


def build(output_dir, pyodide=None, pyodide_wheels=()):
    output_dir = Path(output_dir).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # a copy of lite/, so that the build's cache and Pyodide stay out of the checkout
        lite = tmp / "lite"
        shutil.copytree(LITE, lite, ignore=shutil.ignore_patterns(".cache", "requirements.txt"))
        set_kernel_settings(lite)
        if pyodide:
            # lite/static/pyodide is where jupyterlite-pyodide-kernel looks for Pyodide
            core = unpack_pyodide(pyodide, lite / "static" / "pyodide")
            wheels = [w for d in pyodide_wheels for w in sorted(Path(d).glob("*.whl"))]
            localise_lock(core, wheels)
            shutil.rmtree(lite / "static" / "npm-pyodide", ignore_errors=True)
        wheel_dir = tmp / "wheel"
        # the wheel is built from a copy of what it is made of: setuptools writes build/ and
        # an egg-info folder beside the sources it builds, and the checkout stays as it was
        source = tmp / "source"
        shutil.copytree(ROOT / "perceptron_lib", source / "perceptron_lib",
                        ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT"):
            shutil.copy2(ROOT / name, source / name)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--wheel-dir", str(wheel_dir), str(source)],
                       check=True)
        wheel = next(wheel_dir.glob("perceptron_lib-*.whl"))
        subprocess.run([sys.executable, "-m", "jupyter", "lite", "build",
                        "--lite-dir", str(lite),
                        "--contents", str(ROOT / "notebooks"),
                        "--piplite-wheels", str(wheel),
                        "--output-dir", str(output_dir)], check=True, cwd=tmp)
    return output_dir


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the JupyterLite site of the course.")
    parser.add_argument("--output-dir", default=str(ROOT / "_output"))
    parser.add_argument("--pyodide", metavar="PATH",
                        help=f"serve Pyodide's core from the site: the npm package pyodide "
                             f"{PYODIDE_VERSION} (.tgz from npm pack, or its folder)")
    parser.add_argument("--pyodide-wheels", metavar="DIR", action="append", default=[],
                        help="pure-Python wheels to serve in place of Pyodide's builds of "
                             "the same packages (needs --pyodide)")
    parser.add_argument("--update-wheels", action="store_true",
                        help="refresh lite/pypi from PyPI at lite/requirements.txt's pins")
    args = parser.parse_args(argv)
    if args.update_wheels:
        update_wheels()
        return
    if args.pyodide_wheels and not args.pyodide:
        parser.error("--pyodide-wheels needs --pyodide")
    out = build(args.output_dir, pyodide=args.pyodide, pyodide_wheels=args.pyodide_wheels)
    print(f"JupyterLite site written to {out}; try: python -m http.server -d {out}")


if __name__ == "__main__":
    main()
