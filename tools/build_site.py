"""Build the course website: every notebook a page, every explorer live, no other host asked.

    pip install -r requirements-site.txt          # once (Sphinx, myst-nb, sphinx-book-theme)
    python -m tools.build_site --out _site        # then open _site/index.html, or serve it

The pages come from the committed notebooks as they are (they carry their outputs and their
widgets' saved state; nothing is re-executed), plus a home page, the teacher's guide and the
answer key, and the lecture slides (tools/build_slides.py, in slides/). Every front-end file
a page loads is copied into the site: require.js, ipywidgets' base and controls modules with a
small widget manager (tools/site_widgets/, bundled by esbuild), anywidget's view loader, KaTeX
with its fonts and reveal.js, taken from npm at pinned versions and checked against their
SHA-256 (fetched once into a cache folder; the build then works offline). Each page's first
visit stays under 3 MB (benchmarks/bench_site.py measures it). The notebooks' Colab and
Binder badge pictures, which live on other hosts, become plain links; the theme's launch
buttons open each page's notebook in Binder or Colab from the course's home (``python -m
tools.set_home`` changes it), or in the JupyterLite site published beside the pages (lite/).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat

from tools import build_slides
from tools.notebook_cells import LINKS_START, course_notebooks
from tools.set_home import current_home
from tools.trim_css import trim_site

ROOT = Path(__file__).resolve().parents[1]

# npm package -> (version, SHA-256 of the tarball npm serves)
FRONT_END = {
    "requirejs": ("2.3.8", "777158e89275e16bd51aec3ef714fbcb5dc45789e7078659933bc814916d7dec"),
    # ipywidgets 8's base and controls modules, as built for require.js (their part of
    # embed-amd.js); the rest of that file (ipywidgets 7, the Output widget, a JSON-schema
    # validator, Font Awesome: 2.8 MB of its 3.6) is for pages the course does not make
    "@jupyter-widgets/html-manager": (
        "1.0.15", "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638"),
    # the widget manager's ManagerBase, bundled with tools/site_widgets/ by esbuild
    "@jupyter-widgets/base-manager": (
        "1.0.13", "e7f6b741f1f6ac0c34486703686106b302dcd65ff1a74c215d39ce7c2128586d"),
    # the controls' style sheets (only a page with ipywidgets controls loads them)
    "@jupyter-widgets/controls": (
        "5.0.13", "0291eae85e2c83ad76418cf2689e898f0dfde19d9bac9588f5eec4f28304449a"),
    "anywidget": ("0.11.0", "44efed0d0c9999ec94cd3a86e317e902591f01df8edb3c8006b7e390b7e15ed8"),
    "katex": ("0.19.1", "24da5a599eb2fcede2e270b99a6ff48bca816beecc95feeb84e8cccbd1bb34fd"),
    # esbuild as WebAssembly (one package for every platform), run with node at build time
    "esbuild-wasm": (
        "0.28.2", "61594de12ce998652be2aa0ab72dda54bfa49407fb37ee3464468a2aac306baa"),
    "reveal.js": ("6.0.2", "2f0c20bfb02447a198a1ebe8a8c097a5437d035caa38f2820bf4ba887a3eac91"),
}

# Run after require.js, before the widget manager: every widget module a page's state names is
# found in the site (a page asks no other host).
REQUIRE_CONFIG = """(function () {
  var base = document.currentScript.src.replace(/require-config\\.js.*$/, "");
  require.config({ paths: { anywidget: base + "anywidget/index",
                            "@jupyter-widgets/base": base + "widgets/base",
                            "@jupyter-widgets/controls": base + "widgets/controls" } });
})();
"""

# The widget manager (tools/site_widgets/, bundled by esbuild as CommonJS) as a require.js
# module, started when the page has loaded.
WIDGETS_AMD = """/* The course's widget manager (tools/site_widgets), with ManagerBase from
   @jupyter-widgets/base-manager {version} (BSD-3-Clause, Jupyter Development Team). */
(function () {{
var __PL_VENDOR__ = document.currentScript.src.replace(/widgets\\/[^/]*$/, "");
define("pl-widgets", ["require", "exports", "module", "@jupyter-widgets/base"],
       function (require, exports, module) {{
{bundle}
}});
require(["pl-widgets"], function (widgets) {{
  function draw() {{
    widgets.renderWidgets().catch(function (err) {{ console.error(err); }});
  }}
  if (document.readyState === "complete") draw(); else window.addEventListener("load", draw);
}});
}})();
"""

# KaTeX typesets every formula Sphinx marks (inline \(...\), display \[...\]); runs
# after katex.min.js in the same file. KaTeX's wrapper would register it with require.js on
# pages that have it: katex.min.js is wrapped so that it sets window.katex instead.
KATEX_RENDER = r"""
(function () {
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = base + "katex.min.css";
  document.head.appendChild(link);
  function typeset(root) {
    (root || document).querySelectorAll(".math").forEach(function (el) {
      if (el.querySelector(".katex")) return;
      var tex = el.textContent.trim(), display = el.tagName === "DIV";
      if (tex.slice(0, 2) === "\\(" && tex.slice(-2) === "\\)") tex = tex.slice(2, -2);
      else if (tex.slice(0, 2) === "\\[" && tex.slice(-2) === "\\]") {
        tex = tex.slice(2, -2);
        display = true;
      }
      window.katex.render(tex, el, { displayMode: display, throwOnError: false });
    });
  }
  window.plTypeset = typeset;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { typeset(); });
  } else {
    typeset();
  }
})();
"""

CONF = """# Written by tools/build_site.py for one build; not kept.
project = "The perceptron"
author = "The perceptron course"
copyright = "the course's authors"
extensions = ["myst_nb", "sphinx_copybutton"]
# the prompt and output lines are left out of what a copy button copies
copybutton_exclude = ".linenos, .gp, .go"
exclude_patterns = ["_build"]
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
myst_update_mathjax = False
html_theme = "sphinx_book_theme"
html_title = "The perceptron"
html_context = {{"default_mode": "auto"}}
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = [("exercises.js", {{"defer": "defer"}})]
html_favicon = "_static/favicon.svg"
mathjax_path = "vendor/katex/katex-render.js"
nb_ipywidgets_js = {{
    "vendor/require.js": {{}},
    "vendor/require-config.js": {{}},
    "vendor/widgets/manager.js": {{}},
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
        "jupyterlite_url": "{lite}",
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


# The pages' formulas are typeset once, when the site is built, by the same KaTeX the slides
# run in the browser: a page needs only KaTeX's style sheet and fonts, and is drawn at once.
MATH = re.compile(r'<(span|div) class="math notranslate nohighlight">(.*?)</\1>', re.S)
KATEX_SCRIPT = re.compile(r'<script defer(?:="defer")? src="(_static/vendor/katex/)'
                          r'katex-render\.js[^"]*"></script>')
KATEX_NODE = """
const katex = require(process.argv[1]);
const formulas = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = formulas.map(([tex, display]) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
  } catch (err) {
    return { error: String(err.message || err) };
  }
});
process.stdout.write(JSON.stringify(out));
"""


def tex_of(kind, text):
    """(TeX, display) of a formula as Sphinx writes it."""
    tex, display = html.unescape(text).strip(), kind == "div"
    if tex.startswith("\\(") and tex.endswith("\\)"):
        tex = tex[2:-2]
    elif tex.startswith("\\[") and tex.endswith("\\]"):
        tex, display = tex[2:-2], True
    return tex, display


def typeset(out, katex_dist):
    """Every formula of the site's pages typeset by KaTeX (node), in place; the pages load
    KaTeX's style sheet instead of its script. Raises BuildError on a formula KaTeX refuses."""
    pages = {page: page.read_text(encoding="utf-8") for page in Path(out).glob("*.html")}
    formulas = sorted({tex_of(m.group(1), m.group(2))
                       for text in pages.values() for m in MATH.finditer(text)})
    done = subprocess.run([node(), "-e", KATEX_NODE, str(Path(katex_dist) / "katex.js")],
                          input=json.dumps(formulas), capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"KaTeX failed:\n{done.stderr[-2000:]}")
    typeset_as = {}
    for (tex, display), result in zip(formulas, json.loads(done.stdout)):
        if "error" in result:
            raise BuildError(f"KaTeX cannot typeset {tex!r}: {result['error']}")
        typeset_as[tex, display] = result["html"]
    for page, text in pages.items():
        text = MATH.sub(lambda m: f'<{m.group(1)} class="math notranslate nohighlight">'
                        f'{typeset_as[tex_of(m.group(1), m.group(2))]}</{m.group(1)}>', text)
        text = KATEX_SCRIPT.sub(r'<link rel="stylesheet" type="text/css" '
                                r'href="\1katex.min.css" />', text)
        page.write_text(text, encoding="utf-8")


def node():
    found = shutil.which("node")
    if found is None:
        raise BuildError("node is needed to bundle the widget manager (apt-get install nodejs).")
    return found


def widget_manager(packages, cache):
    """The widget manager (tools/site_widgets/ with ManagerBase) as one require.js module,
    bundled and minified by esbuild; kept in the cache for the same sources and versions."""
    sources = sorted((ROOT / "tools" / "site_widgets").rglob("*.js"))
    key = hashlib.sha256(repr([FRONT_END["esbuild-wasm"], FRONT_END[
        "@jupyter-widgets/base-manager"]]).encode()
        + b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    kept = cache / f"site-widgets-{key}.js"
    if kept.exists():
        return kept.read_text()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        modules = work / "node_modules"
        shutil.copytree(packages["@jupyter-widgets/base-manager"],
                        modules / "@jupyter-widgets" / "base-manager")
        shims = ROOT / "tools" / "site_widgets" / "shims"
        for name, shim in (("@lumino/coreutils", "coreutils.js"), ("base64-js", "base64.js"),
                           ("sanitize-html", "sanitize.js")):
            (modules / name).mkdir(parents=True)
            shutil.copy(shims / shim, modules / name / "index.js")
        shutil.copy(ROOT / "tools" / "site_widgets" / "index.js", work / "index.js")
        done = subprocess.run(
            [node(), str(packages["esbuild-wasm"] / "bin" / "esbuild"), "index.js", "--bundle",
             "--format=cjs", "--minify", "--target=es2019", "--legal-comments=none",
             "--external:@jupyter-widgets/base", "--outfile=out.js", "--log-level=warning"],
            cwd=work, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise BuildError(f"esbuild failed on tools/site_widgets:\n{done.stderr[-2000:]}")
        bundle = (work / "out.js").read_text()
    text = WIDGETS_AMD.format(bundle=bundle,
                              version=FRONT_END["@jupyter-widgets/base-manager"][0])
    kept.write_text(text)
    return text


def amd_module(bundle, name):
    """The part of html-manager's embed-amd.js that defines the require.js module ``name``,
    with its licence line."""
    lines = bundle.read_text().split("\n")
    for k, line in enumerate(lines):
        if line.startswith(f'define("{name}",'):
            licence = lines[k - 1] if lines[k - 1].startswith("/*!") else ""
            return f"{licence}\n{line}\n"
    raise BuildError(f"{bundle} has no module {name}: not the html-manager the build knows")


# The controls' style sheets in the order their @imports give, the imports taken out.
CONTROLS_CSS = ("materialcolors.css", "labvariables.css", "nouislider.css", "widgets-base.css")


def front_end(static, cache):
    """Copy the front-end files every page loads into ``static/vendor``; returns the npm
    packages' folders."""
    vendor = static / "vendor"
    packages = {name: fetch(name, v, h, cache) for name, (v, h) in FRONT_END.items()}
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy(packages["requirejs"] / "require.js", vendor / "require.js")
    (vendor / "require-config.js").write_text(REQUIRE_CONFIG)
    widgets = vendor / "widgets"
    widgets.mkdir()
    embed = packages["@jupyter-widgets/html-manager"] / "dist" / "embed-amd.js"
    (widgets / "base.js").write_text(amd_module(embed, "@jupyter-widgets/base"))
    (widgets / "controls.js").write_text(amd_module(embed, "@jupyter-widgets/controls"))
    (widgets / "manager.js").write_text(widget_manager(packages, cache))
    css = packages["@jupyter-widgets/controls"] / "css"
    shutil.copy(css / "lumino.css", widgets / "lumino.css")
    (widgets / "controls.css").write_text("\n".join(
        re.sub(r"(?m)^@import .*$", "", (css / name).read_text()) for name in CONTROLS_CSS))
    (vendor / "anywidget").mkdir()
    shutil.copy(packages["anywidget"] / "dist" / "index.js", vendor / "anywidget" / "index.js")
    katex = packages["katex"] / "dist"
    (vendor / "katex" / "fonts").mkdir(parents=True)
    (vendor / "katex" / "katex-render.js").write_text(
        "(function (define, module, exports) {\n" + (katex / "katex.min.js").read_text()
        + "\n})();\n" + KATEX_RENDER)
    # browsers that show this site read woff2: the other formats are left out
    (vendor / "katex" / "katex.min.css").write_text(re.sub(
        r',url\(fonts/[^)]*\.(woff|ttf)\) format\("(woff|truetype)"\)', "",
        (katex / "katex.min.css").read_text()))
    for font in (katex / "fonts").glob("*.woff2"):
        shutil.copy(font, vendor / "katex" / "fonts" / font.name)
    return packages


def page_of(path, home, folder="notebooks"):
    """A notebook as a page: its Colab and Binder badges (pictures from other hosts) become
    plain links."""
    nb = nbformat.read(path, as_version=4)
    owner, repo, branch = home
    rel = f"{folder}/{path.name}"
    paragraphs = nb.cells[0].source.split("\n\n")
    for k, p in enumerate(paragraphs):
        if p.startswith(LINKS_START):
            paragraphs[k] = (
                f"[Open in Colab](https://colab.research.google.com/github/{owner}/{repo}/blob/"
                f"{branch}/{rel}) · [Open on Binder](https://mybinder.org/v2/gh/{owner}/{repo}/"
                f"{branch}?urlpath=lab/tree/{rel})")
    nb.cells[0].source = "\n\n".join(paragraphs)
    for cell in nb.cells:               # the Colab and JupyterLite set-up has no use on a page
        if "course-setup" in cell.metadata.get("tags", []):
            cell.metadata["tags"] = [*cell.metadata["tags"], "remove-cell"]
    return nb


# Links between the repository's files, as they read from a page of the site (every page
# sits at the site's top level).
SITE_LINKS = (("../teacher/answer_key.md", "answer_key.md"),
              ("../teacher/checkin_quizzes.ipynb", "checkin_quizzes.ipynb"),
              ("../notebooks/teacher_guide.md", "teacher_guide.md"),
              ("../notebooks/", ""))

# Pages for teachers: in the site's menu, but not in what a learner's search finds
# (the answer key would give every exercise away).
TEACHER_FRONT = "---\nnosearch: true\n---\n\n"


def site_links(text):
    """``text`` with its links to other files of the repository made links between pages."""
    for old, new in SITE_LINKS:
        text = text.replace(f"]({old}", f"]({new}")
    return text


def teacher_page(path, home):
    """A page for teachers (the answer key, the check-in quizzes), kept out of search."""
    if path.suffix == ".md":
        return TEACHER_FRONT + site_links(path.read_text(encoding="utf-8"))
    nb = page_of(path, home, folder="teacher")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = site_links(cell.source)
    nb.metadata["nosearch"] = True
    return nb


def guide_page():
    """The teacher's guide, with the links to the session slides after its session plans
    (before its next section), or at its end."""
    text = TEACHER_FRONT + site_links(
        (ROOT / "notebooks" / "teacher_guide.md").read_text(encoding="utf-8"))
    links = build_slides.guide_links()
    plans = text.find("## A series of sessions")
    after = text.find("\n## ", plans + 1) if plans >= 0 else -1
    if after < 0:
        return f"{text.rstrip()}\n\n{links}\n"
    return f"{text[:after].rstrip()}\n\n{links}\n{text[after:]}"


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NUMBER_WORDS = {8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def exercises_for_pages(static):
    """The exercises' answer boxes: every exercise's page spec (exercises.json, by name) and
    the script that checks answers in the browser (exercises.js: the views' shared DOM, number
    and request helpers, the exercises' checks.js and the page's boxes, in one closure)."""
    from perceptron_lib.exercises import core

    specs = {}
    for path in sorted((ROOT / "perceptron_lib" / "exercises").glob("nb[0-9][0-9].py")):
        module = __import__(f"perceptron_lib.exercises.{path.stem}", fromlist=["_"])
        for value in vars(module).values():
            if isinstance(value, core.Exercise):
                specs[value.name] = value.page_spec()
    (static / "exercises.json").write_text(json.dumps(specs, ensure_ascii=False))
    from perceptron_lib.widgets.base import shared_code

    page_code = (ROOT / "perceptron_lib" / "exercises" / "checks.js",
                 ROOT / "tools" / "site_static" / "exercises_page.js")
    parts = [shared_code(("dom", "numbers", "requests"))] + [
        p.read_text(encoding="utf-8") for p in page_code]
    (static / "exercises.js").write_text("(function () {\n" + "\n".join(parts) + "\n})();\n",
                                         encoding="utf-8")


# An explorer's view module (its _esm, 50-70 KB, the same for every explorer of a kind) is
# written once into _static/views/ and its saved state names it; the widget manager loads it
# from there, so a page carries it once at most and the browser keeps it for the next page.
VIEW_REF = "pl-view:"


def share_views(folder, static):
    """Move every saved ``_esm`` of the notebooks in ``folder`` into ``static/views``."""
    views = Path(static) / "views"
    for path in sorted(Path(folder).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        state = nb.metadata.get("widgets", {}).get(build_slides.WIDGET_STATE, {}).get("state", {})
        changed = False
        for model in state.values():
            esm = model.get("state", {}).get("_esm")
            if isinstance(esm, str) and not esm.startswith(VIEW_REF):
                name = hashlib.sha256(esm.encode()).hexdigest()[:16] + ".js"
                views.mkdir(parents=True, exist_ok=True)
                (views / name).write_text(esm, encoding="utf-8")
                model["state"]["_esm"] = VIEW_REF + name
                changed = True
        if changed:
            nbformat.write(nb, path)


def add_stills(nb, stem, static):
    """After every explorer, its still picture (the PNG the notebook saved beside it) as an
    image that only print shows (course.css): a printed page has the picture, not a blank."""
    folder = static / "stills"
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            outputs.append(output)
            data = output.get("data", {})
            if WIDGET_VIEW not in data or "image/png" not in data:
                continue
            count += 1
            folder.mkdir(parents=True, exist_ok=True)
            name = f"{stem}-{count}.png"
            (folder / name).write_bytes(base64.b64decode(data["image/png"]))
            alt = html.escape("".join(data.get("text/plain", "")).split("\n")[0], quote=True)
            outputs.append(nbformat.v4.new_output("display_data", data={"text/html": (
                f'<img class="pl-still" src="_static/stills/{name}" alt="{alt}" '
                f'loading="lazy">')}))
        cell.outputs = outputs
    return nb


def home_page(books):
    rows = []
    for path in books:
        nb = nbformat.read(path, as_version=4)
        lines = nb.cells[0].source.splitlines()
        title = lines[0].lstrip("# ").strip()
        time = next((line.split("*")[1] for line in lines if line.startswith("*Time:")), "")
        rows.append(f"| [{title}]({path.name}) | {promise(path)} | "
                    f"{time.replace('Time: ', '')} |")
    toc = "\n".join(p.name for p in books)
    count = NUMBER_WORDS.get(len(books), str(len(books)))
    return f"""# The perceptron, from a biological neuron to the learning rule

An interactive course in {count} short notebooks. It starts with how a nerve cell decides to
fire, builds Rosenblatt's artificial neuron from that idea, shows which problems a single
straight line can and cannot separate (AND and OR yes, XOR no), and lets you watch the
perceptron learn, sample by sample. A small network then learns its own hidden layer by
gradient descent, and at the end ten perceptrons learn to read handwritten digits.

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
checkin_quizzes
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
    # The colour theme is settled before the page is drawn (the theme's script would turn
    # "auto" into "light" or "dark" after, and the browser would restyle the whole page).
    ('document.documentElement.dataset.theme = localStorage.getItem("theme") || "auto";',
     'document.documentElement.dataset.theme = document.documentElement.dataset.mode === '
     '"auto" ? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light") : '
     '(localStorage.getItem("theme") || "light");'),
)

# Where the JupyterLite site is, from a page: beside the pages, in lite/ (the publishing
# workflow puts it there), with the notebooks at its top level.
LITE = "lite/lab/index.html"

# The theme's Font Awesome script (1.6 MB) turns its icons into SVG; its style sheet already
# draws them with Font Awesome's web fonts, so pages leave the script out.
FONTAWESOME_JS = re.compile(
    r'<script defer src="_static/scripts/fontawesome\.js[^"]*"></script>\n?')


# What a page is about, for search engines and link previews, where its source says nothing.
DESCRIPTIONS = {
    "index": ("An interactive course on the perceptron, from a biological neuron to "
              "Rosenblatt's learning rule, a hidden layer and handwritten digits: every "
              "explorer live in the browser."),
    "teacher_guide": ("The teacher's guide: a lecture plan, plans for a series of sessions, "
                      "the live demos, questions for the room and common misconceptions."),
    "answer_key": "The answer key: every exercise, its answer and what the check says.",
    "checkin_quizzes": "Check-in quizzes: five self-checking questions per session.",
}


def promise(path):
    """A notebook's one-sentence promise (the bold line of its first cell)."""
    lines = nbformat.read(path, as_version=4).cells[0].source.splitlines()
    return next((line.strip("*") for line in lines[1:] if line.startswith("**")), "")


def head_tags(title, description, url):
    """The description and OpenGraph tags of a page."""
    def esc(text):
        return html.escape(text, quote=True)
    return (f'<meta name="description" content="{esc(description)}" />\n'
            f'<meta property="og:type" content="website" />\n'
            f'<meta property="og:title" content="{esc(title)}" />\n'
            f'<meta property="og:description" content="{esc(description)}" />\n'
            f'<meta property="og:url" content="{esc(url)}" />\n')


# A script in a page's head stops the page from being drawn until it has been fetched and
# run. All but documentation_options.js (which the head's own small scripts read at once)
# are deferred: they run in the same order once the page is parsed, as they need no more.
HEAD_SCRIPT = re.compile(r'<script src="(?!_static/documentation_options\.js)([^"]+)"></script>')


# The explorers' saved state (50-400 KB a page) is read only once the page has loaded: it is
# kept in a file of its own, _static/state/<page>.json, that the widget manager fetches then,
# so that the page's text arrives and is drawn first.
STATE_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)


def defer_scripts(text):
    head, cut, body = text.partition("</head>")
    return HEAD_SCRIPT.sub(r'<script defer src="\1"></script>', head) + cut + body


def state_to_file(text, out, stem):
    """The page's saved widget state moved into ``_static/state/<stem>.json``; the page keeps
    a script tag that names the file."""
    states = STATE_SCRIPT.findall(text)
    if not states:
        return text
    if len(states) > 1:
        raise BuildError(f"{stem}: a page has one saved widget state, this one {len(states)}")
    folder = Path(out) / "_static" / "state"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_text(states[0].strip(), encoding="utf-8")
    return STATE_SCRIPT.sub(f'<script type="application/vnd.jupyter.widget-state+json" '
                            f'data-src="_static/state/{stem}.json"></script>', text)


# Search results' snippets: the formulas in words (KaTeX draws them on the page, but the
# snippet is the page's text, LaTeX and all), and no cell outputs.
SEARCH_TEXT = r"""
    htmlElement.querySelectorAll(".math").forEach((el) => {
      const words = { eta: "η", gamma: "γ", sigma: "σ", cdot: "·", le: "≤", leq: "≤", ge: "≥",
                      geq: "≥", times: "×", sum: "Σ", in: "∈", ne: "≠", to: "→", top: "T" };
      const tex = el.querySelector("annotation");   // the TeX that KaTeX keeps
      el.textContent = (tex ? tex.textContent : el.textContent).replace(/\\[()\[\]]/g, "")
        .replace(/\\([a-zA-Z]+)/g, (_, w) => words[w] || w).replace(/[{}]/g, "")
        .replace(/\s+/g, " ").trim();
    });
    // only the article's own words: not the page's buttons, contents list or footers
    for (const removalQuery of [".headerlink", "script", "style", ".cell_output",
                                ".bd-header-article", "#jb-print-toc", ".prev-next-footer",
                                ".bd-sidebar-secondary", ".bd-footer-content"]) {"""


def fix_search(out):
    path = Path(out) / "_static" / "searchtools.js"
    text = path.read_text(encoding="utf-8")
    old = '\n    for (const removalQuery of [".headerlink", "script", "style"]) {'
    if old not in text:
        raise BuildError("searchtools.js is not the one the build knows (Sphinx changed it)")
    path.write_text(text.replace(old, SEARCH_TEXT), encoding="utf-8")


def fix_theme(out, descriptions=None, address=""):
    """The theme's markup mended (THEME_FIXES, no Font Awesome script, the JupyterLite
    links), and each page's description and OpenGraph tags added."""
    descriptions = {**DESCRIPTIONS, **(descriptions or {})}
    for junk in ("webpack-macros.html", "sbt-webpack-macros.html"):   # theme templates
        (Path(out) / "_static" / junk).unlink(missing_ok=True)
    for page in Path(out).glob("*.html"):
        text = page.read_text()
        for old, new in THEME_FIXES:
            text = text.replace(old, new)
        text = state_to_file(defer_scripts(FONTAWESOME_JS.sub("", text)), out, page.stem)
        text = text.replace(f"{LITE}?path=notebooks/", f"{LITE}?path=")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        title = html.unescape(re.sub(r"\s+", " ", title.group(1))) if title else ""
        description = descriptions.get(page.stem, title)
        text = text.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n'
                            + head_tags(title, description, address + page.name), 1)
        page.write_text(text)


# A page is drawn only once every style sheet in its head has arrived: a phone on a slow
# network waits for each. The pages' eight sheets (and the one basic.css that theme.css
# imports) are one file, _static/styles/site.css, in the same order; the theme's scripts are
# not preloaded ahead of the page's text (they come, deferred, at its end); and only the
# search page loads the search index.
PAGE_SHEET = re.compile(
    r'[ \t]*<link (?:href="(_static/[^"?]+\.css)(?:\?[^"]*)?" rel="stylesheet"|'
    r'rel="stylesheet" type="text/css" href="(_static/[^"?]+\.css)(?:\?[^"]*)?") ?/>\n?')
PRELOAD = re.compile(r'[ \t]*<link rel="preload" as="script" href="[^"]*" ?/>\n?')
SEARCH_SCRIPTS = re.compile(r'[ \t]*<script defer src="(?:_static/searchtools\.js|'
                            r'_static/language_data\.js|searchindex\.js)"></script>\n?')
CSS_URL = re.compile(r'url\(\s*(["\']?)([^)"\']+)\1\s*\)')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']([^"\']+)["\']\s*\)?\s*;')


def sheet_text(out, name, replace=None):
    """The style sheet ``_static/<name>`` with its imports inlined and its url()s made
    relative to _static/styles/; ``replace`` maps a name to the text to use instead."""
    static = Path(out) / "_static"
    text = (replace or {}).get(name) or (static / name).read_text(encoding="utf-8")
    folder = posixpath.dirname(name)

    def moved(match):
        quote, ref = match.groups()
        if re.match(r"^(data:|[a-z]+://|#|/)", ref):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, ref))
        return f"url({quote}{posixpath.relpath(target, 'styles')}{quote})"

    text = CSS_IMPORT.sub(lambda m: sheet_text(
        out, posixpath.normpath(posixpath.join(folder, m.group(1))), replace), text)
    return CSS_URL.sub(moved, re.sub(r'@charset\s+"[^"]*";', "", text))


def page_sheets(out):
    """The style sheets the site's pages name in their heads, in their order (union)."""
    names = []
    for page in sorted(Path(out).glob("*.html")):
        for match in PAGE_SHEET.finditer(page.read_text(encoding="utf-8").partition("</head>")[0]):
            name = (match.group(1) or match.group(2)).removeprefix("_static/")
            if name not in names:
                names.append(name)
    return names


def site_css(out, replace=None):
    """The text of _static/styles/site.css: every page's style sheets in one."""
    return "\n".join(f"/* {name} */\n{sheet_text(out, name, replace)}"
                     for name in page_sheets(out))


FA_GLYPH = re.compile(r'--fa:"([^"\\])"')


def subset_icons(out, text):
    """The theme's icon fonts (Font Awesome, 244 KB) cut to the icons the style sheet
    ``text`` can show (about thirty): a phone fetches a few KB before the page is drawn."""
    from fontTools import subset

    glyphs = {ord(c) for c in FA_GLYPH.findall(text)}
    if not glyphs:
        raise BuildError("the theme's style sheet names no Font Awesome icon (the theme changed)")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.ignore_missing_unicodes = True
    for path in (Path(out) / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"):
        font = subset.load_font(str(path), options)
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=glyphs)
        cutter.subset(font)
        subset.save_font(font, str(path), options)


def one_style_sheet(out):
    text = site_css(out)
    subset_icons(out, text)
    plain_code(out, text)
    (Path(out) / "_static" / "styles" / "site.css").write_text(text, encoding="utf-8")
    link = (f'<link rel="stylesheet" type="text/css" href="_static/styles/site.css?v='
            f'{hashlib.sha256(text.encode()).hexdigest()[:8]}" />\n')
    for page in Path(out).glob("*.html"):
        head, cut, body = page.read_text(encoding="utf-8").partition("</head>")
        first = PAGE_SHEET.search(head)
        if first is None:
            continue
        head = head[:first.start()] + link + PAGE_SHEET.sub("", head[first.start():])
        head = scripts_after_paint(PRELOAD.sub("", head) + "</head>").removesuffix("</head>")
        if page.name != "search.html":
            head = SEARCH_SCRIPTS.sub("", head)
        page.write_text(head + cut + body, encoding="utf-8")


# Code is coloured by Pygments, one <span> per token; most tokens (names, punctuation, spaces)
# are drawn in the code's own colour in both themes, and their spans change nothing on screen
# but weigh on a phone (05: about 900 of its 5,800 elements). They are dropped; the text stays.
TOKEN_RULE = re.compile(r'([^{}]*?)\.highlight \.([a-z0-9]+)\s*\{([^}]*)\}')
CODE_COLOUR = re.compile(r'html\[data-theme="(light|dark)"\] \.highlight\s*\{[^}]*?color:\s*'
                         r'(#[0-9A-Fa-f]+)')


def plain_tokens(css):
    """The Pygments classes whose every rule in ``css`` only sets the code's own colour."""
    base = dict(CODE_COLOUR.findall(css))
    if set(base) != {"light", "dark"}:
        raise BuildError("the theme's code colours are not where the build looks (it changed)")
    verdict = {}
    for where, name, body in TOKEN_RULE.findall(css):
        theme = re.search(r'data-theme="(light|dark)"', where)
        props = [p.strip() for p in body.split(";") if p.strip()]
        same = theme is not None and props == [f"color: {base[theme.group(1)]}"]
        verdict[name] = verdict.get(name, True) and same
    return {name for name, same in verdict.items() if same}


def plain_code(out, css):
    names = plain_tokens(css)
    if not names:
        return
    span = re.compile(rf'<span class="(?:{"|".join(sorted(names))})">([^<]*)</span>')
    for page in Path(out).glob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(span.sub(r"\1", text), encoding="utf-8")


# The explorers' and the exercises' scripts (require.js, the widget manager, exercises.js)
# are fetched once the page's text is on screen: a phone on a slow network shows the text
# first, and the explorers come right after. (A browser without paint timing starts them when
# the page has loaded.)
LATER_SCRIPTS = re.compile(
    r'[ \t]*<script defer(?:="defer")? src="(_static/(?:vendor/require\.js|'
    r'vendor/require-config\.js|vendor/widgets/manager\.js|exercises\.js)[^"]*)"></script>\n?')
AFTER_PAINT = """<script>
(function () {
  var files = %s, started = false, wanted = false;
  // Deferred scripts run after the page is parsed ("interactive") but before DOMContentLoaded:
  // waiting for the event itself keeps a UMD file (clipboard.min.js) from meeting require.js.
  var parsed = document.readyState === "complete";
  document.addEventListener("DOMContentLoaded", function () {
    parsed = true;
    if (wanted) start();
  });
  function next(k) {
    if (k >= files.length) return;
    var s = document.createElement("script");
    s.src = files[k];
    s.onload = s.onerror = function () { next(k + 1); };
    document.head.appendChild(s);
  }
  function start() {
    wanted = true;
    if (parsed && !started) {
      started = true;
      next(0);
    }
  }
  try {
    new PerformanceObserver(function (list, seen) { seen.disconnect(); start(); })
      .observe({ type: "paint", buffered: true });
  } catch (err) { /* no paint timing here: the load event starts them */ }
  window.addEventListener("load", function () { setTimeout(start, 500); });
})();
</script>
"""


def scripts_after_paint(text):
    head, cut, body = text.partition("</head>")
    files = [m.group(1) for m in LATER_SCRIPTS.finditer(head)]
    if not files:
        return text
    first = LATER_SCRIPTS.search(head)
    rest = LATER_SCRIPTS.sub("", head[first.start():])
    return head[:first.start()] + AFTER_PAINT % json.dumps(files) + rest + cut + body


# A site this tool built carries this file; a folder without it is never replaced.
MARKER = ".perceptron-site"

# Folders of the repository that hold its sources: a site is never built into or over them.
SOURCE_FOLDERS = (".git", ".github", ".ci", "notebooks", "perceptron_lib", "tools", "tests",
                  "teacher", "binder", "lite", "benchmarks")


def check_out(out):
    """Refuse an ``--out`` the build could destroy something with: a file, the repository or
    a folder that holds it, a folder inside the repository's sources, or an existing folder
    that is not a site this tool built. Raises BuildError with one line that says what to do."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise BuildError(f"--out {out} is a file; name a folder for the site (e.g. --out _site)")
    if out == ROOT or ROOT.is_relative_to(out):
        raise BuildError(f"--out {out} holds the course's repository; name a new folder for "
                         f"the site (e.g. --out _site)")
    if out.is_relative_to(ROOT):
        top = out.relative_to(ROOT).parts[0]
        if top in SOURCE_FOLDERS or (ROOT / top).is_file():
            raise BuildError(f"--out {out} is inside the course's sources ({top}/); name a "
                             f"folder of its own (e.g. --out _site)")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(f"--out {out} is a folder that holds other files, not a site this "
                         f"tool built; name a new or empty folder (e.g. --out _site)")


def check_notebooks(books):
    """Every course notebook reads as a notebook, and every notebook a page links to is there.
    Raises BuildError naming the file."""
    if not books:
        raise BuildError(f"no notebooks found in {ROOT / 'notebooks'}")
    names = {p.name for p in books}
    for path in books:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as err:  # not JSON, or not a notebook
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise BuildError(f"notebooks/{path.name} is not a readable notebook "
                             f"({first[:200]}); restore it with git checkout") from None
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for link in re.findall(r"\]\((\d\d_[\w-]+\.ipynb)", cell.source):
                if link not in names:
                    raise BuildError(f"notebooks/{path.name} links to notebooks/{link}, "
                                     f"which is missing; restore it with git checkout")


def build(out, cache, lite_python=None):
    """Build the site into ``out``; returns the seconds the build took.

    The site is made in a new folder beside ``out`` and put in its place only when it is
    complete, so a failed build leaves ``out`` as it was. ``out`` must be new, empty or a site
    this tool built (see check_out). With ``lite_python`` (a Python with lite/requirements.txt)
    the JupyterLite site is built into ``out/lite`` and every page gets a JupyterLite button;
    without it the pages have none."""
    import time

    try:
        import myst_nb  # noqa: F401
        import sphinx_book_theme  # noqa: F401
    except ImportError:
        raise BuildError("the site's build tools are missing: pip install -r "
                         "requirements-site.txt") from None
    out = Path(out).resolve()
    check_out(out)
    start = time.perf_counter()
    home = current_home()
    books = course_notebooks()
    check_notebooks(books)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Sphinx's notebook reader writes a jupyter_execute folder beside the folder it builds:
    # the site is made one level down in a new folder, so that nothing lands beside ``out``
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        site = staging / "site"
        site.mkdir()
        make(site, cache, home, books, lite_python)
        (site / MARKER).write_text("The course website, built by python -m "
                                   "tools.build_site; rebuilding replaces this folder.\n")
        check_out(out)                      # still safe to replace after the build's minutes
        if out.exists():
            out.rename(staging / "old")
        site.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - start


def make(out, cache, home, books, lite_python):
    """Write the whole site into the empty folder ``out``."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for path in books:
            nbformat.write(page_of(path, home), src / path.name)
        (src / "teacher_guide.md").write_text(guide_page())
        (src / "answer_key.md").write_text(teacher_page(ROOT / "teacher" / "answer_key.md", home))
        nbformat.write(teacher_page(ROOT / "teacher" / "checkin_quizzes.ipynb", home),
                       src / "checkin_quizzes.ipynb")
        (src / "index.md").write_text(home_page(books))
        (src / "conf.py").write_text(CONF.format(owner=home[0], repo=home[1], branch=home[2],
                                                 lite=LITE if lite_python else ""))
        packages = front_end(src / "_static", cache)
        reveal = src / "_static" / "vendor" / "reveal"
        for name in ("reset.css", "reveal.css", "reveal.js", "plugin/notes.js",
                     "theme/white.css"):
            (reveal / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(packages["reveal.js"] / "dist" / name, reveal / name)
        # the dark theme's colours (its fonts are the light theme's: one copy, 0.6 MB, not two)
        dark = re.search(r":root\{[^}]*\}",
                         (packages["reveal.js"] / "dist" / "theme" / "black.css").read_text())
        if dark is None:
            raise BuildError("reveal.js's black theme has no :root colours")
        (reveal / "theme" / "dark.css").write_text(
            f"@media (prefers-color-scheme: dark) {{ {dark.group(0)} }}\n")
        for name in ("course.css", "favicon.svg"):
            shutil.copy(ROOT / "tools" / "site_static" / name, src / "_static" / name)
        exercises_for_pages(src / "_static")
        from tools.site_runs import add_runs  # every explorer menu's run, made in advance
        add_runs(src, cache=cache / "runs")
        share_views(src, src / "_static")
        # the decks are made from the notebooks as they are now; the pages get still
        # pictures for print
        decks = Path(tmp) / "decks"
        decks.mkdir()
        for path in books:
            shutil.copy(src / path.name, decks / path.name)
            nbformat.write(add_stills(nbformat.read(src / path.name, as_version=4), path.stem,
                                      src / "_static"), src / path.name)
        done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src),
                               str(out)], capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"Sphinx failed:\n{done.stderr[-3000:]}")
        # the decks from the same notebooks as the pages, their menus' runs included
        build_slides.build(out, out / "_static" / "vendor", [decks / p.name for p in books])
    owner, repo, _ = home
    fix_theme(out, {p.stem: promise(p) for p in books}, f"https://{owner}.github.io/{repo}/")
    fix_search(out)
    typeset(out, packages["katex"] / "dist")
    trim_site(out)              # the theme's style sheet without the rules no page can use
    # the theme's icon fonts (225 KB) would hold back the page's first picture until they
    # have arrived: the page is drawn at once and the icons appear when they come
    sheet = out / "_static" / "styles" / "pydata-sphinx-theme.css"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "font-display:block", "font-display:swap"), encoding="utf-8")
    one_style_sheet(out)
    if lite_python:
        lite(lite_python, out / "lite")


def lite(python, dest):
    """The JupyterLite site, built by tools.build_lite with the Python that has its tools."""
    done = subprocess.run([str(python), "-m", "tools.build_lite", "--output-dir", str(dest)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"the JupyterLite build failed:\n{done.stderr[-3000:]}")


def lite_tools(python):
    """``python`` if it can build the JupyterLite site (it has jupyterlite-core), else None."""
    if python is None or not Path(python).exists():
        return None
    found = subprocess.run([str(python), "-c", "import jupyterlite_core"],
                           capture_output=True)
    return python if found.returncode == 0 else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="_site",
                        help="the folder to write the site to: new, empty, or a site built "
                             "before (default _site)")
    parser.add_argument("--cache", default=str(ROOT / ".site-cache"),
                        help="where the front-end files and the menus' runs are kept once made")
    parser.add_argument("--lite-python", default=str(ROOT / ".lite" / "bin" / "python"),
                        help="a Python with lite/requirements.txt installed, to build the "
                             "JupyterLite site into lite/ (default .lite/bin/python)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print each slide deck to a PDF handout beside it "
                             "(slides/session-N.pdf; needs Playwright and Chromium, "
                             "requirements-dev.txt)")
    args = parser.parse_args(argv)
    python = lite_tools(args.lite_python)
    try:
        seconds = build(Path(args.out), Path(args.cache).resolve(), lite_python=python)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"built {args.out} in {seconds:.1f} s")
    if args.pdf:
        try:
            handouts = build_slides.print_handouts(Path(args.out))
        except build_slides.HandoutError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"printed {len(handouts)} handouts into {Path(args.out) / 'slides'}")
    if python is None:
        print("JupyterLite not built (its tools are not installed: python -m venv .lite && "
              ".lite/bin/pip install -r lite/requirements.txt); the pages have no "
              "JupyterLite button")
    return 0


if __name__ == "__main__":
    sys.exit(main())
