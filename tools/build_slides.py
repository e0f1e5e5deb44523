"""Lecture slides: one reveal.js deck per session of the teacher's guide's five-session plan,
made from the committed notebooks by ``python -m tools.build_site`` (it calls ``build``).

    _site/slides/session-1.html ... session-5.html      (and slides/index.html)

and, with Playwright and Chromium (requirements-dev.txt), their PDF handouts:

    python -m tools.build_slides --pdf _site       # _site/slides/session-1.pdf ...
    python -m tools.build_site --out _site --pdf   # the same, after building the site

The explorers in a deck are live, drawn from the notebooks' saved widget state by the same
require.js, widget manager and anywidget as the pages; the maths is typeset by the same KaTeX;
reveal.js comes from npm (pinned and checked in tools.build_site.FRONT_END). A deck asks no
other host.

Which cells become slides: a cell's ``metadata.slideshow.slide_type`` when it has one, as
nbconvert's slides read it (slide, subslide, fragment, "-" to continue, notes, skip).
Otherwise the rule in ``default_parts``: the title cell is a slide (title, promise, what you
will learn), every level-2 heading starts a slide (its first paragraph, lists, tables and
display maths show; the rest of its prose becomes the speaker's notes, key S), every
"Check your understanding" is a slide below it (a question for the room; its answer cell is
left out), every code cell whose output is an explorer or a figure is a slide (the code, when
it is a few lines, and the output), and everything else is left out: the set-up, the code that
prints, the longer prose (in the notes).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

SHORT_CODE = 4          # a code cell of at most this many lines is shown above its output
SLIDE_WORDS = 70        # prose on a slide, in words, before the rest goes to the notes


def sessions():
    """The notebooks of each deck's session, (("00", "01", "02"), ...), from the course
    manifest (course.toml, its [decks] plan)."""
    from tools.course import sessions as planned
    return planned()


def _markdown():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md.use(dollarmath_plugin, double_inline=True)


def _blocks(text):
    """Markdown ``text`` cut into blocks at blank lines (a display formula stays whole)."""
    blocks, current, in_maths = [], [], False
    for line in text.splitlines():
        if line.strip().startswith("$$") and line.strip().count("$$") == 1:
            in_maths = not in_maths
        if not line.strip() and not in_maths:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _shows(block):
    """Whether a block belongs on a slide whatever its length: a list, a table, maths."""
    first = block.lstrip()
    return first.startswith(("- ", "* ", "|", "$$")) or re.match(r"\d+\. ", first) is not None


def _section(text):
    """A markdown section (heading first) as (what the slide shows, the speaker's notes)."""
    blocks = _blocks(text)
    shown, notes, words = blocks[:1], [], 0
    for block in blocks[1:]:
        n = len(block.split())
        if block.lstrip().startswith(">"):
            notes.append(block)
        elif _shows(block) or words + n <= SLIDE_WORDS:
            shown.append(block)
            words += n
        else:
            notes.append(block)
    return "\n\n".join(shown), "\n\n".join(notes)


def _title(text):
    """The title cell: its heading, promise and learning objectives (not its links)."""
    keep = [b for b in _blocks(text) if b.startswith(("# ", "**"))]
    return "\n\n".join(keep)


def _outline_notes(nb):
    """The title slide's notes: the time the notebook takes on its own and the sections that
    follow."""
    time = re.search(r"\*Time: about (\d+) minutes\*", nb.cells[0].source)
    heads = [line[3:].strip() for cell in nb.cells if cell.cell_type == "markdown"
             for line in cell.source.splitlines() if line.startswith("## ")]
    said = f"On their own, learners take about {time.group(1)} minutes. " if time else ""
    return said + "The sections that follow: " + "; ".join(heads) + "."


def _answer_notes(piece):
    """A question slide's notes: the exercise's answer and why (from perceptron_lib.exercises),
    for the presenter's eyes only."""
    found = re.match(r"### Check your understanding (\d+)\.(\d+)", piece)
    if not found:
        return ""
    import importlib
    try:
        module = importlib.import_module(f"perceptron_lib.exercises.nb{int(found.group(1)):02d}")
    except ImportError:
        return ""
    name = f"Exercise {found.group(1)}.{found.group(2)}"
    exercise = next((v for v in vars(module).values()
                     if getattr(v, "name", None) == name and hasattr(v, "answer_code")), None)
    if exercise is None:
        return ""
    return (f"**Answer.**\n\n```python\n{exercise.answer_code}\n```\n\n"
            f"{exercise.explanation}\n\n*Hint, if the room is stuck:* {exercise._hint}")


def _explorer_notes(cell):
    """An explorer slide's notes: what the explorer shows and how to drive it, from its
    class's own description."""
    import importlib
    state = cell.get("outputs", [])
    ids = [o.get("data", {}).get(WIDGET_VIEW, {}).get("model_id") for o in state]
    if not any(ids):
        return ""
    name = re.search(r"(\w+Explorer)\(", cell.source)
    if name is None:
        return ""
    widgets = importlib.import_module("perceptron_lib.widgets")
    cls = getattr(widgets, name.group(1), None)
    doc = (cls.__doc__ or "").strip() if cls else ""
    paragraphs = [p for p in doc.split("\n\n") if p.strip() and "----" not in p]
    about = " ".join(paragraphs[0].split()) if paragraphs else ""
    keys = next((" ".join(p.split()) for p in paragraphs if "Keys" in p), "")
    code = f"The cell that makes it:\n\n```python\n{cell.source.strip()}\n```"
    return "\n\n".join(x for x in (about, keys, code) if x)


def _printed_next(nb, k):
    """Notes for a section whose words all fit on its slide: what the section's next code cell
    prints (what the room sees when the presenter runs it), or its code."""
    for cell in nb.cells[k + 1:]:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            break
        if cell.cell_type != "code":
            continue
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream").strip()
        if text:
            lines = text.splitlines()
            shown = "\n".join(lines[:12]) + ("\n..." if len(lines) > 12 else "")
            return f"Run the next cell; it prints:\n\n```\n{shown}\n```"
        if cell.source.strip():
            return f"The next cell:\n\n```python\n{cell.source.strip()}\n```"
    after = [line[3:].strip() for cell in nb.cells[k + 1:] if cell.cell_type == "markdown"
             for line in cell.source.splitlines() if line.startswith("## ")]
    return ("All of this section is on the slide. "
            + (f"Next: {after[0]}." if after else "Next: the notebook's key points."))


def default_parts(nb):
    """The slides a notebook with no slideshow metadata gives:
    [(slide_type, kind, content, notes)], kind "markdown" or "output" (content: the cell)."""
    parts, heading = [], ""
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            text = cell.source
            if k == 0:
                parts.append(("slide", "markdown", _title(text), _outline_notes(nb)))
                continue
            # a cell can hold the end of one section and the start of the next
            pieces = re.split(r"(?m)^(?=#{2,3} )", text)
            for piece in pieces:
                piece = piece.strip()
                if not piece:
                    continue
                if piece.startswith("## "):
                    heading = piece.splitlines()[0][3:].strip()
                    shown, notes = _section(piece)
                    parts.append(("slide", "markdown", shown, notes or _printed_next(nb, k)))
                elif piece.startswith("### "):
                    shown, notes = _section(piece)
                    answer = _answer_notes(piece)
                    notes = "\n\n".join(x for x in (notes, answer) if x)
                    parts.append(("subslide", "markdown", shown, notes))
                else:
                    parts.append(("notes", "markdown", "", piece))
        elif cell.cell_type == "code" and not cell.metadata.get("jupyter", {}).get(
                "source_hidden"):
            data = [o.get("data", {}) for o in cell.get("outputs", [])]
            if any(WIDGET_VIEW in d or "image/png" in d or "image/svg+xml" in d for d in data):
                notes = _explorer_notes(cell) or (
                    f"The cell that makes it:\n\n```python\n{cell.source.strip()}\n```")
                parts.append(("subslide", "output", (cell, heading), notes))
    return parts


def marked_parts(nb):
    """The slides of a notebook whose cells carry slideshow metadata, as nbconvert reads it."""
    parts = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "skip" or (cell.cell_type == "code"
                              and cell.metadata.get("jupyter", {}).get("source_hidden")):
            continue
        if cell.cell_type == "markdown":
            if kind == "notes":
                parts.append(("notes", "markdown", "", cell.source))
            else:
                parts.append((kind, "markdown", cell.source, ""))
        elif cell.cell_type == "code":
            parts.append((kind, "output", (cell, ""), ""))
    return parts


def parts_of(nb):
    marked = any("slide_type" in c.metadata.get("slideshow", {}) for c in nb.cells)
    return marked_parts(nb) if marked else default_parts(nb)


def _output_html(cell, heading, md, stills=None):
    """A code cell on a slide: the heading of its section, its code if short, then its
    explorer or figure. An explorer's still picture (the PNG the notebook saved beside it)
    goes into ``stills`` ({file name: bytes}) and onto the slide, shown only in print."""
    out = [f"<h3>{md.renderInline(heading)}</h3>"] if heading else []
    lines = cell.source.strip().splitlines()
    explorer = any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))
    if lines and len(lines) <= SHORT_CODE and not explorer:   # an explorer's code: in the notes
        out.append(f'<pre class="pl-code"><code>{html.escape(cell.source.strip())}</code></pre>')
    for o in cell.get("outputs", []):
        data = o.get("data", {})
        if WIDGET_VIEW in data:
            still = data.get("image/png") if stills is not None else None
            out.append(f'<div class="pl-output{" pl-live" if still else ""}"><script '
                       'type="application/vnd.jupyter.widget-view'
                       f'+json">{json.dumps(data[WIDGET_VIEW])}</script></div>')
            if still:           # printed instead of the live view, which prints blank
                png = base64.b64decode(still)
                name = f"stills/{hashlib.sha256(png).hexdigest()[:16]}.png"
                stills[name] = png
                alt = html.escape("".join(data.get("text/plain", "the explorer")).split("\n")[0],
                                  quote=True)
                out.append(f'<img class="pl-still" data-still="{name}" alt="{alt}">')
        elif "image/svg+xml" in data:
            svg = data["image/svg+xml"]
            out.append(f'<div class="pl-figure">{"".join(svg) if isinstance(svg, list) else svg}'
                       '</div>')
        elif "image/png" in data:
            alt = html.escape("".join(data.get("text/plain", "a figure")))
            out.append(f'<img class="pl-figure" alt="{alt}" '
                       f'src="data:image/png;base64,{data["image/png"].strip()}">')
        elif o.get("output_type") == "stream" or "text/plain" in data:
            text = o.get("text") or "".join(data.get("text/plain", ""))
            if text.strip() and len(text.splitlines()) <= 12:
                out.append(f'<pre class="pl-text">{html.escape(text)}</pre>')
    return "\n".join(out)


def _links_to_pages(rendered):
    """Links between notebooks become links to their pages in the site."""
    return re.sub(r'href="(\d\d_\w+)\.ipynb', r'href="../\1.html', rendered)


def deck_sections(books, md, stills=None):
    """The <section>s of a deck: [[subslide html, ...], ...], one list per horizontal slide,
    and each subslide's notes; the explorers' still pictures go into ``stills`` (see
    _output_html)."""
    slides = []
    for nb in books:
        for slide_type, kind, content, notes in parts_of(nb):
            body = (md.render(content) if kind == "markdown"
                    else _output_html(*content, md, stills))
            body = _links_to_pages(body)
            note = _links_to_pages(md.render(notes)) if notes else ""
            if slide_type == "notes" or (not body.strip() and note):
                if slides:
                    slides[-1][-1][1].append(note)
                continue
            if slide_type == "fragment" and slides:
                slides[-1][-1][0].append(f'<div class="fragment">{body}</div>')
            elif slide_type in ("-", "fragment") and slides:
                slides[-1][-1][0].append(body)
            elif slide_type == "subslide" and slides:
                slides[-1].append(([body], [note] if note else []))
            else:
                slides.append([([body], [note] if note else [])])
    return slides


def _state(books):
    """One widget state for every explorer in the deck (model ids are unique)."""
    merged = {}
    for nb in books:
        saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        merged.update(saved)
    from perceptron_lib.style import for_browser

    projector = for_browser("large")
    for model in merged.values():         # a deck sits one folder below the pages
        state = model.get("state", {})
        runs = state.get("site_runs")
        if isinstance(runs, dict) and isinstance(runs.get("base"), str):
            runs["base"] = "../" + runs["base"]
        # every explorer at the projector size: words a room can read, a picture that fills
        # the slide
        if str(state.get("_anywidget_id", "")).startswith("perceptron_lib.widgets") and \
                "look" in state:
            state["look"] = projector
    return {"version_major": 2, "version_minor": 0, "state": merged}


DECK = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{v}reveal/reset.css">
<link rel="stylesheet" href="{v}reveal/reveal.css">
<link rel="stylesheet" href="{v}reveal/theme/white.css">
<link rel="stylesheet" href="{v}reveal/theme/dark.css">
<link rel="stylesheet" href="{v}slides.css">
<script defer src="{v}katex/katex-render.js"></script>
<script type="{state_type}">{state}</script>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="{v}reveal/reveal.js"></script>
<script src="{v}reveal/plugin/notes.js"></script>
<script>
// ?print-pdf: the handout (python -m tools.build_slides --pdf): every slide on a page, its
// speaker's notes on the page after it, each explorer as its still picture
var printing = /print-pdf/.test(window.location.search);
if (printing) {{
  document.querySelectorAll("img.pl-still[data-still]").forEach(function (img) {{
    img.src = img.getAttribute("data-still");
  }});
  Reveal.on("pdf-ready", function () {{ document.documentElement.dataset.pdfReady = "1"; }});
}}
Reveal.initialize({{ hash: true, navigationMode: "linear", center: false, width: 1280,
                    height: 720, margin: 0.04, viewDistance: 100,
                    showNotes: printing ? "separate-page" : false,
                    pdfSeparateFragments: false, pdfMaxPagesPerSlide: 1,
                    plugins: [RevealNotes] }});
// A clicker's keys (arrows, page up and down, space) always move the deck: a control of an
// explorer used with the mouse gives the keyboard back at once, so the arrows never stay
// with the explorer. To step an explorer from the keyboard, Tab into it; Esc leaves it.
document.addEventListener("click", function (ev) {{
  var used = ev.detail > 0 && ev.target.closest &&
    ev.target.closest(".pl-explorer button, .pl-explorer .pl-picture, .pl-explorer[tabindex]");
  if (used) setTimeout(function () {{ document.activeElement.blur(); }}, 0);
}});
document.addEventListener("change", function (ev) {{
  if (ev.target.matches && ev.target.matches('.pl-explorer input[type="range"]')) ev.target.blur();
}});
document.addEventListener("keydown", function (ev) {{
  var inside = document.activeElement && document.activeElement.closest &&
    document.activeElement.closest(".pl-explorer");
  if (ev.key === "Escape" && inside) {{
    document.activeElement.blur();
    ev.stopPropagation();
    ev.preventDefault();
  }}
}}, true);
</script>
<!-- after reveal.js, which would otherwise register itself with require.js -->
<script src="{v}require.js"></script>
<script src="{v}require-config.js"></script>
<script src="{v}widgets/manager.js"></script>
</body>
</html>
"""

# reveal.js scales a slide as a whole; the explorers keep their own size inside it.
SLIDES_CSS = """.reveal .slides section { text-align: left; font-size: 0.62em; }
.reveal h1 { font-size: 2.2em; }
.reveal h2 { font-size: 1.6em; }
.reveal h3 { font-size: 1.25em; }
.reveal pre.pl-code, .reveal pre.pl-text { width: 100%; box-shadow: none; font-size: 17px;
  line-height: 1.35; }
.reveal pre.pl-code code { max-height: none; padding: 0.4em 0.6em; }
.reveal img.pl-figure { max-height: 560px; margin: 0; background: #fff; }
.reveal .pl-output { font-size: 16px; text-align: left; }
.reveal .pl-explorer { font-size: 17px !important; line-height: 1.3; max-width: 1150px; }
.reveal .pl-explorer select, .reveal .pl-explorer input { font: inherit; }
.reveal .pl-explorer .pl-row { margin: 2px 0; }
.reveal .pl-explorer table { font-size: inherit; margin: 0; }
.reveal .pl-explorer td, .reveal .pl-explorer th { padding: 0 0.5em; line-height: 1.25; }
.reveal .pl-explorer .pl-readout, .reveal .pl-explorer .pl-status { min-height: 0; }
.reveal table { font-size: 0.8em; }
.reveal .katex { font-size: 1.05em; }
.reveal .pl-deck-list a { text-decoration: underline; }
/* Below the picture, the rows that would push an explorer off the slide's foot go to the
   right of the buttons and the readout: the hidden-layer explorer's truth table, the
   training explorer's box for custom points (both at their full size). */
.reveal .pl-hiddenlayer, .reveal .pl-training { display: grid;
  grid-template-columns: minmax(0, 1fr) auto; grid-auto-flow: row dense; align-items: start; }
.reveal .pl-hiddenlayer > *, .reveal .pl-training > * { grid-column: 1 / -1; min-width: 0; }
.reveal .pl-hiddenlayer > svg.pl-picture ~ *, .reveal .pl-training > svg.pl-picture ~ * {
  grid-column: 1; }
.reveal .pl-hiddenlayer > svg.pl-picture ~ .pl-scroll { grid-column: 2; grid-row: span 4;
  margin-left: 1.5em; }
.reveal .pl-training > svg.pl-picture ~ .pl-custom { grid-column: 2; grid-row: span 6;
  margin-left: 1em; max-width: 29.5em; }
.reveal .pl-training > svg.pl-picture ~ .pl-table { grid-column: 1 / -1; }
.reveal .pl-training .pl-custom .pl-row { flex-wrap: nowrap; }
.reveal .pl-training .pl-custom textarea { flex: 1 1 auto; min-width: 6em; width: auto; }
.reveal .pl-training .pl-custom .pl-button { white-space: nowrap; }
.reveal .pl-explorer input.pl-wide-slider { flex: 1 1 12em; min-width: 0; }
/* print (the handouts): an explorer's still picture instead of its live view, which prints
   blank; the notes on a page of their own after their slide */
.reveal img.pl-still { display: none; }
html.print-pdf .reveal .pl-output.pl-live { display: none; }
html.print-pdf .reveal img.pl-still { display: block; width: 100%; height: 600px;
  object-fit: contain; object-position: left top; margin: 0.3em 0 0; }
html.print-pdf .reveal .speaker-notes-pdf { font-size: 21px; line-height: 1.45; padding: 36px 48px;
  color: #111; }
html.print-pdf .reveal .speaker-notes-pdf pre { font-size: 16px; width: 100%; box-shadow: none;
  background: #f3f3f3; white-space: pre-wrap; }
html.print-pdf .reveal .speaker-notes-pdf pre code { max-height: none; white-space: pre-wrap; }
html.print-pdf .reveal .speaker-notes-pdf p { margin: 0 0 0.7em; }
@media (prefers-color-scheme: dark) {
  .reveal pre.pl-code, .reveal pre.pl-text { background: #1d1d1d; color: #eee; }
}
@media (prefers-color-scheme: light) {
  .reveal pre.pl-code, .reveal pre.pl-text { background: #f3f3f3; color: #111; }
}
"""


def _render_sections(slides):
    out = []
    for stack in slides:
        inner = []
        for bodies, notes in stack:
            aside = f'<aside class="notes">{"".join(notes)}</aside>' if notes else ""
            inner.append(f"<section>\n{''.join(bodies)}{aside}\n</section>")
        out.append(inner[0] if len(inner) == 1 else
                   "<section>\n" + "\n".join(inner) + "\n</section>")
    return "\n".join(out)


def session_name(numbers):
    """"00–02" for consecutive notebooks, "07, 09" for others."""
    from tools.course import span
    return span(numbers)


def _opening_notes(n, paths):
    """A deck's first slide's notes: the session's notebooks with their minutes, and the
    check-in quiz to open with."""
    from tools import course
    made = course.load()
    minutes = {course.number(b): b["minutes"] for b in made["notebooks"]}
    plan = next(p for p in made["plans"] if p["name"] == made["decks"]["plan"])
    quizzes = [q for q, start in course.checkins(plan) if start == n]
    said = ", ".join(f"{p.stem[:2]} ({minutes[p.stem[:2]]} min)" for p in paths)
    quiz = (f" Open with check-in {' and '.join(map(str, quizzes))} "
            f"(teacher/checkin_quizzes.ipynb), on the last session." if quizzes else "")
    return (f"Session {n} of the plan \"{plan['name']}\": notebooks {said}, as learners "
            f"take them on their own.{quiz}")


def build(out, vendor, books):
    """Write the decks into ``out/slides``: one per session, from ``books`` (the notebooks'
    paths, as the pages use them), with the front-end files of ``vendor`` (the site's
    _static/vendor). Returns the decks' paths."""
    md = _markdown()
    by_number = {p.name[:2]: p for p in books}
    folder = Path(out) / "slides"
    folder.mkdir(parents=True, exist_ok=True)
    (Path(vendor) / "slides.css").write_text(SLIDES_CSS)
    v = "../" + Path(vendor).relative_to(out).as_posix() + "/"
    decks = []
    for n, numbers in enumerate(sessions(), start=1):
        paths = [by_number[k] for k in numbers if k in by_number]
        if not paths:
            continue
        nbs = [nbformat.read(p, as_version=4) for p in paths]
        titles = [nb.cells[0].source.splitlines()[0].lstrip("# ").strip() for nb in nbs]
        title = f"Session {n}: {session_name(numbers)}"
        opening = [([f"<h1>The perceptron</h1><h2>{html.escape(title)}</h2><ul>"
                     + "".join(f'<li><a href="../{p.stem}.html">{html.escape(t)}</a></li>'
                               for p, t in zip(paths, titles)) + "</ul>"
                     "<p><small>→ or space: next slide · S: the speaker's notes · Esc: "
                     "overview</small></p>"], [])]
        opening[0][1].append(md.render(_opening_notes(n, paths)))
        stills = {}
        slides = [opening] + deck_sections(nbs, md, stills)
        for name, png in stills.items():
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_bytes(png)
        page = DECK.format(title=html.escape(f"The perceptron · {title}"), v=v,
                           state_type=WIDGET_STATE,
                           state=json.dumps(_state(nbs)).replace("</", "<\\/"),
                           sections=_render_sections(slides))
        path = folder / f"session-{n}.html"
        path.write_text(page)
        decks.append((path, title, titles))
    (folder / "index.html").write_text(index_page(decks))
    return decks


INDEX = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The perceptron · slides</title>
<link rel="icon" href="../_static/favicon.svg" type="image/svg+xml">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #111; background: #fff; }}
a {{ color: #0b5cad; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #111; }}
  a {{ color: #8cc4ff; }} }}
</style>
</head>
<body>
<main>
<h1>The perceptron · slides</h1>
<p>One deck per session of the plan in the <a href="../teacher_guide.html">teacher's guide</a>,
made from the notebooks, with the explorers live. In a deck: → or space for the next slide,
S for the speaker's notes, Esc for the overview.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def index_page(decks):
    """slides/index.html: every deck, with the notebooks it covers (and its PDF handout, once
    printed)."""
    items = "\n".join(
        f'<li><a href="{path.name}">{html.escape(title)}</a>: '
        f'{html.escape(" · ".join(titles))}{_handout_link(path)}</li>'
        for path, title, titles in decks)
    return INDEX.format(items=items)


def _handout_link(deck):
    pdf = Path(deck).with_suffix(".pdf")
    return f' · <a href="{pdf.name}">PDF handout</a>' if pdf.exists() else ""


# --- the handouts: each deck printed to PDF by headless Chromium ------------------------------

class HandoutError(RuntimeError):
    pass


def _chromium():
    """The Chromium to print with: $CHROMIUM, else Debian's, else Playwright's own."""
    import os
    for path in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if path and Path(path).exists():
            return path
    return None


def print_handouts(site, timeout=180, browser=None):
    """Print every deck of the built ``site`` (``site/slides/session-N.html``) to
    ``session-N.pdf`` beside it, from reveal.js's print view (``?print-pdf``): a page per
    slide, each followed by a page of its speaker's notes, every explorer as its still
    picture. Needs Python Playwright and a Chromium (requirements-dev.txt; Debian's chromium
    or ``playwright install chromium``); ``browser``: a Playwright browser to print with
    instead (one already running, as in the tests). The deck's page asks nothing of any
    other host. Returns the PDFs' paths."""
    import functools
    import http.server
    import threading
    import urllib.parse

    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandoutError("printing the handouts needs Python Playwright: pip install -r "
                           "requirements-dev.txt") from None
    folder = Path(site) / "slides"
    decks = sorted(folder.glob("session-*.html"),
                   key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    if not decks:
        raise HandoutError(f"{folder} holds no decks: build the site first (python -m "
                           "tools.build_site --out DIR)")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(Path(site))))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"

    def local_only(route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def print_with(browser):
        for deck in decks:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            try:
                page.route("**/*", local_only)
                page.goto(f"{url}/slides/{deck.name}?print-pdf", wait_until="load")
                ms = timeout * 1000
                page.wait_for_function("() => document.documentElement.dataset.pdfReady",
                                       timeout=ms)
                page.wait_for_function("""() => [...document.querySelectorAll('.math')]
                    .every((m) => m.querySelector('.katex'))""", timeout=ms)
                page.wait_for_function("""() => [...document.querySelectorAll('img.pl-still')]
                    .every((i) => i.complete && i.naturalWidth > 0)""", timeout=ms)
                pdf = deck.with_suffix(".pdf")
                page.pdf(path=str(pdf), print_background=True, prefer_css_page_size=True)
            finally:
                page.close()
            written.append(pdf)

    written = []
    try:
        if browser is not None:
            print_with(browser)
        else:
            with sync_playwright() as p:
                try:
                    own = p.chromium.launch(executable_path=_chromium())
                except PlaywrightError as err:
                    raise HandoutError("no Chromium to print with: apt-get install chromium, "
                                       f"or python -m playwright install chromium ({err})"
                                       ) from None
                try:
                    print_with(own)
                finally:
                    own.close()
    finally:
        server.shutdown()
    index = folder / "index.html"
    if index.exists():                   # the index links each handout
        text = index.read_text(encoding="utf-8")
        for deck in decks:
            text = re.sub(rf'(<li><a href="{re.escape(deck.name)}">.*?)(</li>)',
                          lambda m, d=deck: m.group(1) + (_handout_link(d)
                                                          if "PDF handout" not in m.group(1)
                                                          else "") + m.group(2), text)
        index.write_text(text, encoding="utf-8")
    return written


def main(argv=None):
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        description="Print the lecture slides of a built site to PDF handouts (the decks "
                    "themselves are made by python -m tools.build_site).")
    parser.add_argument("--pdf", metavar="SITE", required=True,
                        help="a site built by python -m tools.build_site (e.g. _site): writes "
                             "SITE/slides/session-N.pdf beside each deck")
    args = parser.parse_args(argv)
    try:
        written = print_handouts(args.pdf)
    except HandoutError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def guide_links():
    """A paragraph for the teacher's guide page linking every deck ``build`` writes (raw
    HTML: the decks are not pages Sphinx knows)."""
    links = " · ".join(f'<a href="slides/session-{n}.html">Session {n} '
                       f'({session_name(numbers)})</a>'
                       for n, numbers in enumerate(sessions(), start=1))
    return (f"**Slides for the {len(sessions())} sessions** (reveal.js, made from the "
            f"notebooks, explorers live; → next slide, S the speaker's notes): {links} · "
            f'<a href="slides/index.html">all decks</a>')
