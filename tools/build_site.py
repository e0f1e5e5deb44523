"""Build the course website: every notebook a page, every explorer live, no other host asked.

    pip install -r requirements-site.txt          # once (Sphinx, myst-nb, sphinx-book-theme)
    python -m tools.build_site --out _site        # then open _site/index.html, or serve it

The pages come from the committed notebooks as they are (they carry their outputs and their
widgets' saved state; nothing is re-executed), plus a home page, the teacher's guide and the
answer key. Every front-end file a page loads is copied into the site: require.js, the
widgets' HTML manager, anywidget's view loader and MathJax with its fonts, taken from npm at
pinned versions and checked against their SHA-256 (fetched once into a cache folder; the
build then works offline). The notebooks' Colab and Binder badge pictures, which live on
other hosts, become plain links; the theme's launch buttons open each page's notebook in
Binder or Colab from the course's home (``python -m tools.set_home`` changes it).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat

from tools.notebook_cells import LINKS_START, course_notebooks
from tools.set_home import current_home

ROOT = Path(__file__).resolve().parents[1]

# npm package -> (version, SHA-256 of the tarball npm serves)
FRONT_END = {
    "requirejs": ("2.3.8", "777158e89275e16bd51aec3ef714fbcb5dc45789e7078659933bc814916d7dec"),
    "@jupyter-widgets/html-manager": (
        "1.0.15", "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638"),
    "anywidget": ("0.11.0", "44efed0d0c9999ec94cd3a86e317e902591f01df8edb3c8006b7e390b7e15ed8"),
    "mathjax": ("3.2.2", "1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09"),
}

# Run after require.js, before the widgets' HTML manager: the manager asks require.js for a
# widget's module first (and a CDN only if that fails), so anywidget is found in the site.
REQUIRE_CONFIG = """(function () {
  var base = document.currentScript.src.replace(/require-config\\.js.*$/, "");
  // the HTML manager finds its own files (the fonts of ipywidgets' icons) from the address
  // require.js gives its module: here, next to it
  require.config({ paths: { anywidget: base + "anywidget/index",
                            "@jupyter-widgets/html-manager/dist": base + "html-manager" } });
})();
"""

# The widgets' HTML manager typesets widget labels with MathJax 2's MathJax.Hub.Queue, which
# MathJax 3 does not have: give it one that does nothing (the course's widget labels hold no
# maths). Runs after MathJax, before the manager renders the widgets (on "load").
MATHJAX_HUB = """if (window.MathJax && !window.MathJax.Hub) {
  window.MathJax.Hub = { Queue: function () {} };
}
"""

CONF = """# Written by tools/build_site.py for one build; not kept.
project = "The perceptron"
author = "The perceptron course"
copyright = "the course's authors"
extensions = ["myst_nb"]
exclude_patterns = ["_build"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "sphinx_book_theme"
html_title = "The perceptron"
html_context = {{"default_mode": "auto"}}
html_static_path = ["_static"]
mathjax_path = "vendor/mathjax/tex-chtml.js"
html_js_files = [("vendor/mathjax-hub.js", {{"defer": "defer", "priority": 900}})]
nb_ipywidgets_js = {{
    "vendor/require.js": {{}},
    "vendor/require-config.js": {{}},
    "vendor/html-manager/embed-amd.js": {{}},
}}
html_theme_options = {{
    "repository_url": "https://github.com/{owner}/{repo}",
    "repository_branch": "{branch}",
    "path_to_docs": "notebooks",
    "use_download_button": True,
    "use_repository_button": True,
    "launch_buttons": {{
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    }},
}}
"""


class BuildError(Exception):
    pass


def npm_unpack(name, version, dest, sha256=None):
    """``npm pack name@version`` unpacked into ``dest`` (``dest/package/...``), checked against
    ``sha256`` when given. Raises BuildError when npm or its registry cannot give it."""
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("npm is needed once to fetch the front-end files (apt-get install "
                         "nodejs npm); the build then works offline.")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([npm, "pack", f"{name}@{version}", "--pack-destination", tmp,
                              "--silent"], capture_output=True, text=True, timeout=300)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if out.returncode != 0 or len(tarballs) != 1:
            raise BuildError(f"npm pack {name}@{version} failed (is the npm registry "
                             f"reachable?): {out.stderr.strip()[-500:]}")
        digest = hashlib.sha256(tarballs[0].read_bytes()).hexdigest()
        if sha256 is not None and digest != sha256:
            raise BuildError(f"{name}@{version} is not the file the build was made for "
                             f"(SHA-256 {digest}, expected {sha256}).")
        partial = dest.with_name(dest.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(partial, filter="data")
        partial.rename(dest)


def fetch(name, version, sha256, cache):
    """The unpacked npm package ``name@version`` (its ``package`` folder), from the cache or
    from npm, checked against ``sha256``."""
    folder = cache / f"{name.replace('/', '+')}-{version}"
    if not (folder / "package" / "package.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        npm_unpack(name, version, folder, sha256)
    return folder / "package"


def front_end(static, cache):
    """Copy the front-end files every page loads into ``static/vendor``."""
    vendor = static / "vendor"
    packages = {name: fetch(name, v, h, cache) for name, (v, h) in FRONT_END.items()}
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy(packages["requirejs"] / "require.js", vendor / "require.js")
    (vendor / "require-config.js").write_text(REQUIRE_CONFIG)
    (vendor / "mathjax-hub.js").write_text(MATHJAX_HUB)
    manager = vendor / "html-manager"
    manager.mkdir()
    for f in (packages["@jupyter-widgets/html-manager"] / "dist").iterdir():
        if f.name == "embed-amd.js" or f.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
            shutil.copy(f, manager / f.name)
    (vendor / "anywidget").mkdir()
    shutil.copy(packages["anywidget"] / "dist" / "index.js", vendor / "anywidget" / "index.js")
    es5 = packages["mathjax"] / "es5"
    (vendor / "mathjax").mkdir()
    shutil.copy(es5 / "tex-chtml.js", vendor / "mathjax" / "tex-chtml.js")
    shutil.copytree(es5 / "output" / "chtml" / "fonts" / "woff-v2",
                    vendor / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2")


def page_of(path, home):
    """A notebook as a page: its Colab and Binder badges (pictures from other hosts) become
    plain links."""
    nb = nbformat.read(path, as_version=4)
    owner, repo, branch = home
    rel = f"notebooks/{path.name}"
    paragraphs = nb.cells[0].source.split("\n\n")
    for k, p in enumerate(paragraphs):
        if p.startswith(LINKS_START):
            paragraphs[k] = (
                f"[Open in Colab](https://colab.research.google.com/github/{owner}/{repo}/blob/"
                f"{branch}/{rel}) · [Open on Binder](https://mybinder.org/v2/gh/{owner}/{repo}/"
                f"{branch}?urlpath=lab/tree/{rel})")
    nb.cells[0].source = "\n\n".join(paragraphs)
    return nb


def home_page(books):
    rows = []
    for path in books:
        nb = nbformat.read(path, as_version=4)
        lines = nb.cells[0].source.splitlines()
        title = lines[0].lstrip("# ").strip()
        promise = next((line.strip("*") for line in lines[1:] if line.startswith("**")), "")
        time = next((line.split("*")[1] for line in lines if line.startswith("*Time:")), "")
        rows.append(f"| [{title}]({path.name}) | {promise} | {time.replace('Time: ', '')} |")
    toc = "\n".join(p.name for p in books)
    return f"""# The perceptron, from a biological neuron to the learning rule

An interactive course in nine short notebooks. It starts with how a nerve cell decides to
fire, builds Rosenblatt's artificial neuron from that idea, shows which problems a single
straight line can and cannot separate (AND and OR yes, XOR no), and lets you watch the
perceptron learn, sample by sample. It ends with a small network that learns its own hidden
layer by gradient descent.

Every explorer on these pages works in your browser, without Python: step, go back, scrub and
play. What needs Python (training on new points or settings) opens the notebook in Binder or
Colab from the rocket button at the top of each page, or runs on your own computer:
`pip install -r requirements.txt && jupyter lab notebooks/00_start_here.ipynb`.

| notebook | what you leave with | time |
|---|---|---|
{chr(10).join(rows)}

```{{toctree}}
:caption: The course
:maxdepth: 1
:hidden:

{toc}
```

```{{toctree}}
:caption: For teachers
:maxdepth: 1
:hidden:

teacher_guide
answer_key
```
"""


# Two fixes to the theme's markup, found by axe-core: its search button's name leaves out the
# words it shows ("Search Ctrl + K"), and its left sidebar (the site's title and the table of
# contents) is in no landmark.
THEME_FIXES = (
    ('class="btn search-button-field search-button__button pst-js-only" title="Search" '
     'aria-label="Search"',
     'class="btn search-button-field search-button__button pst-js-only" title="Search"'),
    ('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
     '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="navigation" '
     'aria-label="The course">'),
)


def fix_theme(out):
    for page in Path(out).glob("*.html"):
        text = page.read_text()
        for old, new in THEME_FIXES:
            text = text.replace(old, new)
        page.write_text(text)


def build(out, cache):
    """Build the site into ``out``; returns the seconds the build took."""
    import time

    try:
        import myst_nb  # noqa: F401
        import sphinx_book_theme  # noqa: F401
    except ImportError:
        raise BuildError("the site's build tools are missing: pip install -r "
                         "requirements-site.txt") from None
    start = time.perf_counter()
    home = current_home()
    books = course_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for path in books:
            nbformat.write(page_of(path, home), src / path.name)
        shutil.copy(ROOT / "notebooks" / "teacher_guide.md", src / "teacher_guide.md")
        shutil.copy(ROOT / "teacher" / "answer_key.md", src / "answer_key.md")
        (src / "index.md").write_text(home_page(books))
        (src / "conf.py").write_text(CONF.format(owner=home[0], repo=home[1], branch=home[2]))
        front_end(src / "_static", cache)
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src),
                               str(out)], capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"Sphinx failed:\n{done.stderr[-3000:]}")
    fix_theme(out)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="_site", help="where to write the site (_site)")
    parser.add_argument("--cache", default=str(ROOT / ".site-cache"),
                        help="where the front-end files are kept once fetched")
    args = parser.parse_args(argv)
    try:
        seconds = build(Path(args.out).resolve(), Path(args.cache).resolve())
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"built {args.out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
