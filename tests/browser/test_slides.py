"""The lecture slides (tools/build_slides.py, built by python -m tools.build_site) in a browser
that reaches only 127.0.0.1: every session's deck opens with no error and no request to another
host, has its slides, its maths typeset and its explorers drawn; an explorer in a deck steps
with no kernel, and the arrow key moves through the deck. The teacher's guide page links every
deck."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from tools import build_slides

from .conftest import NOTES, RESULTS, new_page
from .explorers import state

SESSIONS = list(enumerate(build_slides.sessions(), start=1))


@pytest.mark.parametrize("n, numbers", SESSIONS, ids=lambda v: f"session-{v}"
                         if isinstance(v, int) else None)
def test_every_deck_opens_steps_and_moves(site, browser, n, numbers):
    url, out = site
    page, watch = new_page(browser, width=1280, height=800)
    try:
        page.goto(f"{url}/slides/session-{n}.html")
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        total = page.evaluate("Reveal.getTotalSlides()")
        assert total > 5 * len(numbers), f"session {n}: only {total} slides"
        for k in numbers:                          # each notebook's title slide is there
            assert page.locator(f"section h1:text-matches('^{k} ·')").count() == 1, k
        maths = page.locator(".math").count()
        expect(page.locator(".math:has(.katex)")).to_have_count(maths, timeout=30_000)
        assert page.locator(".katex-error").count() == 0
        silent = page.evaluate("""() => [...document.querySelectorAll('.slides section')]
            .filter((s) => !s.querySelector('section'))
            .filter((s) => !(s.querySelector('aside.notes')?.textContent || '').trim())
            .map((s) => s.textContent.trim().slice(0, 60))""")
        assert not silent, f"slides with no speaker's notes: {silent[:3]}"

        views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        # every widget drawn (session 1 also shows ipywidgets' own controls)
        expect(page.locator(".widget-subarea > *")).to_have_count(views, timeout=30_000)
        assert page.locator(".pl-explorer svg.pl-picture").count() >= 1

        # the arrow key moves to the next slide
        before = page.evaluate("Reveal.getIndices()")
        page.locator("body").press("ArrowRight")
        page.wait_for_function("(i) => JSON.stringify(Reveal.getIndices()) !== JSON.stringify(i)",
                               arg=before)

        stepper = page.locator(".pl-training, .pl-descent")
        if stepper.count():                        # go to its slide, step it
            ex = stepper.first
            page.evaluate("""(el) => {
                const i = Reveal.getIndices(el.closest('section'));
                Reveal.slide(i.h, i.v);
            }""", ex.element_handle())
            page.wait_for_timeout(600)
            picture = state(ex)["picture"]
            # clicked in the page, as a pointer would: Playwright's own click scrolls the deck
            ex.get_by_role("button", name=re.compile(r"one (step|picture) forward")).evaluate(
                "b => b.click()")
            assert state(ex)["picture"] != picture, "a step in a deck changes the picture"
            # a clicker after a mouse click on the explorer: the deck moves, not the explorer
            box = ex.get_by_role("button", name=re.compile(
                r"one (step|picture) forward")).bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(200)
            stepped = state(ex)["picture"]
            assert stepped != picture
            where = page.evaluate("Reveal.getIndices()")
            page.keyboard.press("ArrowRight")
            page.wait_for_function("(i) => JSON.stringify(Reveal.getIndices()) !== "
                                   "JSON.stringify(i)", arg=where)
            assert state(ex)["picture"] == stepped, "the arrow moved the deck, not the explorer"
            page.keyboard.press("ArrowLeft")
            page.wait_for_function("(i) => Reveal.getIndices().h === i.h && "
                                   "Reveal.getIndices().v === i.v", arg=where)
            # from the keyboard: Tab into the explorer, the arrows step it, Esc leaves it
            ex.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(200)
            assert state(ex)["picture"] != stepped, "a focused explorer takes the arrows"
            now = page.evaluate("Reveal.getIndices()")
            assert (now["h"], now["v"]) == (where["h"], where["v"]), "the deck stayed"
            page.keyboard.press("Escape")
            page.keyboard.press("ArrowRight")
            page.wait_for_function("(i) => JSON.stringify(Reveal.getIndices()) !== "
                                   "JSON.stringify(i)", arg=where)
            page.keyboard.press("ArrowLeft")
            RESULTS.mkdir(exist_ok=True)
            page.screenshot(path=str(RESULTS / f"slides-session-{n}-explorer.png"))
        training = page.locator(".pl-training")
        if training.count():                       # a menu's run comes with the deck
            ex = training.first
            menu = ex.get_by_label("data", exact=True)
            other = "OR" if menu.input_value() != "OR" else "AND"
            menu.evaluate("(s, v) => { s.value = v; s.dispatchEvent(new Event('change')); }",
                          other)
            expect(ex.locator("svg.pl-picture > title")).to_contain_text(other, timeout=10_000)
            expect(menu).to_have_value(other)
        NOTES.append(f"slides: session {n}, {total} slides, {views} explorers")
        assert not watch.blocked, f"requests to other hosts: {watch.blocked[:5]}"
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()


def test_the_teachers_guide_links_every_deck(site, browser):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/teacher_guide.html")
        for n, _ in SESSIONS:
            link = page.locator(f"a[href='slides/session-{n}.html']")
            expect(link).to_have_count(1)
        assert (out / "slides" / f"session-{len(SESSIONS)}.html").exists()
        # slides/index.html lists every deck, and each of its links opens that deck
        page.goto(f"{url}/slides/index.html")
        links = page.locator("main li a")
        expect(links).to_have_count(len(SESSIONS))
        for k, (n, _) in enumerate(SESSIONS):
            assert links.nth(k).get_attribute("href") == f"session-{n}.html"
        links.first.click()
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        assert page.url.split("#")[0].endswith("/slides/session-1.html")
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_a_deck_in_the_dark(site, browser):
    """With a dark system setting the deck is dark, its words light."""
    url, out = site
    page, watch = new_page(browser, width=1280, height=800)
    try:
        page.emulate_media(color_scheme="dark")
        page.goto(f"{url}/slides/session-2.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        colours = page.evaluate("""() => [
            getComputedStyle(document.querySelector('.reveal-viewport')).backgroundColor,
            getComputedStyle(document.querySelector('.reveal h1')).color]""")
        assert colours == ["rgb(25, 25, 25)", "rgb(255, 255, 255)"], colours
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "slides-dark.png"))
    finally:
        page.close()


MEASURE = """(ex) => {
  const scale = ex.getBoundingClientRect().width / ex.offsetWidth;
  let small = 1e9, where = '';
  for (const t of ex.querySelectorAll('svg.pl-picture text')) {
    if (!t.textContent.trim() || t.getBoundingClientRect().width === 0) continue;
    const svg = t.ownerSVGElement, vb = svg.viewBox.baseVal;
    const k = svg.getBoundingClientRect().width / (vb && vb.width ? vb.width : 1);
    const size = parseFloat(getComputedStyle(t).fontSize) * k;
    if (size < small) { small = size; where = t.textContent.slice(0, 30); }
  }
  for (const e of ex.querySelectorAll('button, label, .pl-readout, .pl-status')) {
    if (e.getBoundingClientRect().width === 0) continue;
    const size = parseFloat(getComputedStyle(e).fontSize) * scale;
    if (size < small) { small = size; where = e.textContent.slice(0, 30); }
  }
  const pic = ex.querySelector('svg.pl-picture').getBoundingClientRect();
  const readout = ex.querySelector('.pl-readout, .pl-message, [role=status]');
  return { small, where, picture: pic.height,
           readout: readout ? readout.getBoundingClientRect().bottom : 0 };
}"""


@pytest.mark.parametrize("n", [n for n, _ in SESSIONS])
def test_a_projected_deck_is_readable_from_the_back(site, browser, n):
    """At 1280 x 720 (a projector), every explorer in every deck draws its words at 14 px or
    more and its picture on at least 45 % of the slide's height, with its readout on the
    slide; code is 14 px or more."""
    url, out = site
    page, watch = new_page(browser, width=1280, height=720)
    try:
        page.goto(f"{url}/slides/session-{n}.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        expect(page.locator(".widget-subarea > *")).to_have_count(views, timeout=30_000)
        explorers = page.locator(".pl-explorer")
        assert explorers.count() >= 1
        for k in range(explorers.count()):
            ex = explorers.nth(k)
            page.evaluate("""(el) => { const i = Reveal.getIndices(el.closest('section'));
                                       Reveal.slide(i.h, i.v); }""", ex.element_handle())
            page.wait_for_timeout(700)
            m = ex.evaluate(MEASURE)
            assert m["small"] >= 14, (n, k, m)
            assert m["picture"] >= 0.45 * 720, (n, k, m)
            assert 0 < m["readout"] <= 720, (n, k, m)
        code = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
            'pre.pl-code code, pre.pl-text')].map((c) => parseFloat(getComputedStyle(c).fontSize)
            * c.getBoundingClientRect().width / (c.offsetWidth || 1)).filter((v) => v > 0), 99)""")
        assert code >= 14, code
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


# Where a slide's drawn content ends, in the slide's own pixels (1280 x 720), measured from
# every element of the current slide but its notes, as drawn: clipped by any ancestor that
# hides or scrolls its overflow, and with nothing invisible counted.
OVERFLOW = """() => {
  const area = document.querySelector('.reveal .slides').getBoundingClientRect();
  const scale = area.width / 1280, slide = Reveal.getCurrentSlide();
  let bottom = -1e9, right = -1e9, low = '', wide = '';
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('aside.notes') || el.closest('section') !== slide) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let { top, left, bottom: b, right: rt } = r;
    for (let a = el.parentElement; a && a !== slide; a = a.parentElement) {
      const s = getComputedStyle(a), q = a.getBoundingClientRect();
      if (s.overflowX !== 'visible') { rt = Math.min(rt, q.right); left = Math.max(left, q.left); }
      if (s.overflowY !== 'visible') { b = Math.min(b, q.bottom); top = Math.max(top, q.top); }
    }
    if (b <= top || rt <= left) continue;           // clipped away entirely
    const what = `${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className)
      .split(' ')[0]} "${(el.textContent || '').trim().slice(0, 40)}"`;
    if (b > bottom) { bottom = b; low = what; }
    if (rt > right) { right = rt; wide = what; }
  }
  const heading = slide.querySelector('h1, h2, h3');
  return { below: (bottom - area.bottom) / scale, beyond: (right - area.right) / scale,
           low, wide, slide: heading ? heading.textContent.trim() : '' };
}"""


@pytest.mark.parametrize("n", [n for n, _ in SESSIONS])
def test_no_slide_runs_off_a_projector(site, browser, n):
    """At 1280 x 720, every slide of every deck, with its explorers drawn, stays inside the
    slide: no element's bottom below its foot, none right of its right edge."""
    url, out = site
    page, watch = new_page(browser, width=1280, height=720)
    try:
        page.goto(f"{url}/slides/session-{n}.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        expect(page.locator(".widget-subarea > *")).to_have_count(views, timeout=30_000)
        maths = page.locator(".math").count()
        expect(page.locator(".math:has(.katex)")).to_have_count(maths, timeout=30_000)
        page.evaluate("Reveal.configure({ transition: 'none', backgroundTransition: 'none' })")
        page.wait_for_timeout(500)                 # the explorers settle at their size
        where = page.evaluate("Reveal.getSlides().map((s) => Reveal.getIndices(s))")
        over = []
        for i in where:
            page.evaluate("(i) => Reveal.slide(i.h, i.v || 0)", i)
            page.wait_for_function("(i) => Reveal.getIndices().h === i.h && "
                                   "(Reveal.getIndices().v || 0) === (i.v || 0)", arg=i)
            m = page.evaluate(OVERFLOW)
            if m["below"] > 0.5 or m["beyond"] > 0.5:
                over.append((i["h"], i["v"], m))
        assert not over, f"session {n}: slides that run off 1280 x 720: {over}"
        NOTES.append(f"slides: session {n}, {len(where)} slides inside 1280 x 720")
    finally:
        page.close()


@pytest.fixture(scope="module")
def handouts(site, browser):
    """The decks printed to PDF, as python -m tools.build_slides --pdf SITE prints them (with
    the tests' Chromium)."""
    import time
    url, out = site
    start = time.perf_counter()
    pdfs = build_slides.print_handouts(out, browser=browser)
    NOTES.append(f"handouts: {len(pdfs)} printed in {time.perf_counter() - start:.1f} s, "
                 + ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in pdfs))
    return out, pdfs


def _pdf_pages(pdf):
    """The text of each page of ``pdf`` (pdftotext), whitespace made single spaces."""
    import subprocess
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")][:-1]


def _plain(text):
    """Words without the list markers ("1.", "•") that print draws and the page's text lacks."""
    return " ".join(w for w in text.split() if not re.fullmatch(r"\d+\.|[•◦▪·]", w))


def _pages_with_images(pdf):
    import subprocess
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    return {int(line.split()[0]) for line in listing if line.strip()}


def _ink_below(pdf, number, top=0.12):
    """The share of non-white pixels of page ``number`` below its top ``top`` (its heading)."""
    import subprocess
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", "30", "-gray",
                        str(pdf), str(Path(tmp) / "p")], check=True)
        data = next(Path(tmp).glob("p*.pgm")).read_bytes()
    # binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel
    head = data.split(b"\n", 3)
    w, h = map(int, head[1].split())
    pixels = head[3][-w * h:]
    below = pixels[int(h * top) * w:]
    return sum(1 for v in below if v < 200) / len(below)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("n", [n for n, _ in SESSIONS])
def test_a_deck_prints_to_a_handout(site, browser, handouts, n):
    """slides/session-N.pdf: each slide on a page of its own followed by its speaker's notes
    (their words in the PDF's text), and every explorer as its still picture: an image on its
    slide's page, which is not blank below the heading. slides/index.html links the PDF."""
    url, out = site
    pdf = out / "slides" / f"session-{n}.pdf"
    assert pdf in handouts[1] and pdf.stat().st_size > 10_000
    page, watch = new_page(browser, width=1280, height=720)
    try:
        page.goto(f"{url}/slides/session-{n}.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        # each slide's heading, and the first words of its notes (up to any maths or code,
        # which the PDF's text spells its own way)
        deck = page.evaluate("""() => Reveal.getSlides().map((s) => {
            const aside = s.querySelector('aside.notes');
            const walk = document.createTreeWalker(aside, NodeFilter.SHOW_ALL);
            let text = '';
            for (let node = walk.nextNode(); node && text.length < 200; node = walk.nextNode()) {
              if (node.nodeType === 1 && node.matches('.math, .katex, pre, code')) break;
              if (node.nodeType === 3) text += node.textContent;
            }
            // the words before the last one, which maths or code may have cut in two
            const words = text.split(/\\s+/).filter(Boolean).slice(0, 9).slice(0, -1);
            const h = s.querySelector('h1, h2, h3');
            return { heading: h ? h.textContent.trim() : '', notes: words.join(' '),
                     still: !!s.querySelector('img.pl-still') };
        })""")
        page.goto(f"{url}/slides/index.html")
        expect(page.locator(f"a[href='session-{n}.pdf']")).to_have_count(1)
    finally:
        page.close()
    pages = _pdf_pages(pdf)
    notes_pages = [k for k, text in enumerate(pages) if text.startswith("Speaker notes")]
    assert len(notes_pages) == len(deck), (len(notes_pages), len(deck))
    assert len(pages) >= 2 * len(deck)
    slide_pages = [k - 1 for k in notes_pages]            # each notes page follows its slide
    assert slide_pages[0] == 0 and not any(k in notes_pages for k in slide_pages)
    images = _pages_with_images(pdf)
    ends = slide_pages[1:] + [len(pages)]
    for slide, k, end in zip(deck, slide_pages, ends):
        notes = _plain(" ".join(pages[k + 1:end]))   # its notes page, and any that follow
        assert _plain(slide["notes"]) in notes, (slide["heading"], slide["notes"], notes[:200])
        if slide["heading"]:
            assert slide["heading"].upper() in pages[k].upper(), (slide["heading"], pages[k])
        if slide["still"]:
            assert k + 1 in images, f"no picture on the page of {slide['heading']!r}"
            assert _ink_below(pdf, k + 1) > 0.005, f"{slide['heading']!r} prints blank"
    assert sum(s["still"] for s in deck) >= 1
