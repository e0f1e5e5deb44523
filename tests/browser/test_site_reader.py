"""What a reader of a course website expects, on the built site: no dead internal link or
anchor, a copy button on every code block, display maths in the middle of the column, a
favicon, a description and link-preview tags on every page, the teachers' pages (answer key,
quizzes, guide) on the site but out of a learner's search, no light frame around an explorer
in dark mode, and a printed page that wraps its code and shows each explorer's still picture."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, ROOT, new_page, read_through

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TEACHERS = ("teacher_guide", "answer_key", "checkin_quizzes")


class Links(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value and not (tag == "link" and attrs.get("rel") not in ("stylesheet", "icon")):
                self.links.append(value)


def dead_links(site):
    """(page, link, why) for every link from a page of the site to a file or an anchor of the
    site that is not there (the JupyterLite site under lite/ has its own)."""
    pages = {}

    def parsed(path):
        if path not in pages:
            parser = Links()
            parser.feed(path.read_text(errors="replace"))
            pages[path] = parser
        return pages[path]

    dead = []
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "lite":
            continue
        for link in parsed(path).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                dead.append((path.name, link, "no such file"))
            elif parts.fragment and target.suffix == ".html" \
                    and unquote(parts.fragment) not in parsed(target).ids:
                dead.append((path.name, link, "no such anchor"))
    return dead, len(pages)


def test_no_dead_internal_link_or_anchor(site):
    url, out = site
    dead, read = dead_links(out)
    assert read >= len(NOTEBOOKS) + 4
    assert not dead, dead[:20]


def test_the_link_check_finds_a_dead_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#there">b</a> <a href="#here">x</a>'
                                     '<p id="here"></p> <a href="c.html">c</a>')
    (tmp_path / "b.html").write_text('<p id="elsewhere"></p>')
    dead, _ = dead_links(tmp_path)
    assert sorted(d[1] for d in dead) == ["b.html#there", "c.html"]


def search_index(out):
    text = (out / "searchindex.js").read_text()
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def test_teachers_pages_are_on_the_site_but_not_in_search(site):
    url, out = site
    index = search_index(out)
    names = index["docnames"]
    found = {name: 0 for name in names}
    for places in index["terms"].values():
        for k in places if isinstance(places, list) else [places]:
            found[names[k]] += 1
    for name in TEACHERS:
        assert (out / f"{name}.html").is_file(), name
        assert found[name] == 0, f"{name} is in the search index"
    for path in NOTEBOOKS:
        assert found[path.stem] > 100, path.stem
    home = (out / "index.html").read_text()
    for name in TEACHERS:
        assert f'href="{name}.html"' in home, f"{name} is in the site's menu"


def test_every_page_has_a_description_preview_tags_and_a_favicon(site):
    url, out = site
    for page in [*(p.stem for p in NOTEBOOKS), "index", *TEACHERS]:
        text = (out / f"{page}.html").read_text()
        description = re.search(r'<meta name="description" content="([^"]+)"', text)
        assert description and len(description.group(1)) > 40, page
        for tag in ("og:title", "og:description", "og:url", "og:type"):
            assert f'property="{tag}"' in text, (page, tag)
        icon = re.search(r'<link rel="icon" href="([^"]+)"', text)
        assert icon and (out / icon.group(1)).is_file(), page
    assert "eleven short notebooks" in (out / "index.html").read_text()
    for path in NOTEBOOKS:                  # the Colab and JupyterLite set-up is not shown
        assert "Set-up for Google Colab" not in (out / f"{path.stem}.html").read_text()


def test_copy_buttons_centred_maths_and_no_dark_frame(site, browser):
    url, out = site
    page, watch = new_page(browser, width=1280, height=900)
    try:
        page.emulate_media(color_scheme="dark")
        page.goto(f"{url}/02_artificial_neuron.html")
        page.wait_for_load_state("load")
        blocks = page.locator("div.highlight pre").count()
        assert blocks >= 5
        expect(page.locator("button.copybtn")).to_have_count(blocks, timeout=10_000)
        expect(page.locator("div.math .katex-display").first).to_be_attached(timeout=20_000)
        offsets = page.evaluate("""() => [...document.querySelectorAll('div.math')].map(m => {
            const box = m.getBoundingClientRect();
            const formula = m.querySelector('.katex-display > .katex > .katex-html, .katex-html');
            const f = formula.getBoundingClientRect();
            return Math.abs((f.left + f.right) / 2 - (box.left + box.right) / 2);
        })""")
        assert offsets and max(offsets) < 4, offsets        # every formula in the middle
        read_through(page)
        expect(page.locator(".pl-explorer").first).to_be_attached(timeout=30_000)
        frames = page.evaluate("""() => [...document.querySelectorAll('.widget-subarea')]
            .map(a => [getComputedStyle(a).backgroundColor, getComputedStyle(a).paddingTop])""")
        assert frames and all(bg in ("rgba(0, 0, 0, 0)", "transparent") and pad == "0px"
                              for bg, pad in frames), frames
        assert not watch.blocked and not watch.page_errors
    finally:
        page.close()


@pytest.mark.parametrize("name", ["04_learning_rule", "09_handwritten_digits"])
def test_a_printed_page_wraps_code_and_shows_still_pictures(site, browser, name):
    url, out = site
    page, watch = new_page(browser, width=1000, height=900)
    try:
        page.goto(f"{url}/{name}.html")
        page.wait_for_load_state("load")
        read_through(page)
        expect(page.locator(".pl-explorer").first).to_be_attached(timeout=30_000)
        page.wait_for_timeout(500)
        assert page.locator("img.pl-still").count() == page.locator(".pl-explorer").count()
        page.emulate_media(media="print")
        page.wait_for_timeout(300)
        RESULTS.mkdir(exist_ok=True)
        pdf = RESULTS / f"site-print-{name}.pdf"
        page.pdf(path=str(pdf))                        # loads what print shows
        shown = page.evaluate("""() => [...document.querySelectorAll('img.pl-still')].map(i =>
            [getComputedStyle(i).display, i.complete && i.naturalWidth > 0])""")
        assert shown and all(d == "block" and ok for d, ok in shown), shown
        hidden = page.evaluate("""() => [...document.querySelectorAll('.pl-explorer')]
            .map(e => e.getBoundingClientRect().height)""")
        assert all(h == 0 for h in hidden), hidden
        wrap = page.evaluate("""() => [...document.querySelectorAll('div.highlight pre')]
            .map(p => [getComputedStyle(p).whiteSpace, p.scrollWidth <= p.clientWidth + 1])""")
        assert all(ws == "pre-wrap" and fits for ws, fits in wrap), wrap
        assert pdf.stat().st_size > 50_000
    finally:
        page.close()


def test_stills_are_not_fetched_on_screen(site, browser):
    """The still pictures are for print: a reader on a screen does not download them."""
    url, out = site
    page, watch = new_page(browser)
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/stills/" in r.url else None)
    try:
        page.goto(f"{url}/04_learning_rule.html")
        page.wait_for_load_state("load")
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(800)
        assert not fetched, fetched
    finally:
        page.close()



def test_00s_widget_demo_works_on_the_page(site, browser):
    """Notebook 00's "do widgets show?" demo: on the page, with no kernel, the bar follows
    the number box (they are linked in the browser)."""
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/00_start_here.html")
        page.wait_for_load_state("load")
        read_through(page)
        box = page.locator(".widget-text input[type=number]").first
        expect(box).to_be_attached(timeout=30_000)
        fill = page.locator(".progress-bar").first
        share = ("(el) => el.getBoundingClientRect().width"
                 " / el.parentElement.getBoundingClientRect().width")
        assert abs(fill.evaluate(share) - 0.3) < 0.02
        box.fill("7")
        box.press("Enter")
        page.wait_for_function(f"() => {{ const el = document.querySelector('.progress-bar'); "
                               f"return Math.abs(({share})(el) - 0.7) < 0.02; }}", timeout=5_000)
        assert not watch.page_errors and not watch.blocked
    finally:
        page.close()


@pytest.mark.parametrize("name", ["04_learning_rule", "teacher_guide", "search"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_trimmed_style_sheet_draws_the_same_page(site, browser, name, scheme):
    """The theme's style sheet is trimmed to the rules the site uses (a third of it); a page
    drawn with it and with the theme's whole sheet is the same, pixel for pixel."""
    import pydata_sphinx_theme
    from PIL import Image, ImageChops

    url, out = site
    whole = next(Path(pydata_sphinx_theme.__file__).parent.rglob("pydata-sphinx-theme.css"))
    trimmed = out / "_static" / "styles" / "pydata-sphinx-theme.css"
    assert trimmed.stat().st_size < 0.5 * whole.stat().st_size
    shots = []
    for original in (False, True):
        page, watch = new_page(browser, width=1280, height=900)
        try:
            page.emulate_media(color_scheme=scheme)
            if original:
                page.route("**/pydata-sphinx-theme.css*", lambda route: route.fulfill(
                    body=whole.read_text(), content_type="text/css"))
            page.goto(f"{url}/{name}.html")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            page.evaluate("() => window.scrollTo(0, 0)")
            # the contents list marks the section in view once scrolling has settled (the
            # explorers near the top are built as the page opens and move the text)
            page.wait_for_timeout(1000)
            path = RESULTS / f"trim-{name}-{scheme}-{int(original)}.png"
            RESULTS.mkdir(exist_ok=True)
            page.screenshot(path=str(path))
            shots.append(Image.open(path).convert("RGB"))
        finally:
            page.close()
    assert ImageChops.difference(*shots).getbbox() is None, f"{name} ({scheme}) looks different"


def test_search_snippets_are_words(site, browser):
    """A search result's snippet shows a formula in words and symbols, not LaTeX."""
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/search.html?q=learning+rate")
        expect(page.locator("#search-results li").first).to_be_attached(timeout=30_000)
        page.wait_for_timeout(1500)
        snippets = page.locator("#search-results p.context").all_inner_texts()
        assert len(snippets) >= 5 and all(s.strip() for s in snippets), snippets
        for text in snippets:
            assert "\\(" not in text and "\\frac" not in text and "\\eta" not in text, text
        assert any("η" in s for s in snippets), snippets
        # every page's snippet is its article's words, not the theme's buttons or contents
        page.goto(f"{url}/search.html?q=perceptron")
        expect(page.locator("#search-results li").first).to_be_attached(timeout=30_000)
        page.wait_for_timeout(1500)
        snippets = page.locator("#search-results p.context").all_inner_texts()
        assert len(snippets) >= 11 and all(s.strip(". \n") for s in snippets), snippets
        for text in snippets:
            for chrome in ("Light Dark", "System Settings", "Skip to main", "previous page"):
                assert chrome not in text, (chrome, text)
        assert not watch.page_errors
    finally:
        page.close()


def test_explorers_are_built_as_the_reader_comes_near_them(site, browser):
    """On a phone, a long page builds only the explorers near the screen when it opens (so it
    is ready at once); scrolling down builds the rest, each one whole and working."""
    url, out = site
    page, watch = new_page(browser, width=390, height=844)
    try:
        page.goto(f"{url}/04_learning_rule.html")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)
        places = page.locator(".widget-subarea")
        total = places.count()
        assert total >= 3, "a place for each of 04's explorers"
        assert page.locator(".pl-explorer").count() < total, "not all built at once"
        read_through(page)
        explorers = page.locator(".pl-explorer")
        expect(explorers).to_have_count(total, timeout=30_000)
        last = explorers.nth(total - 1)
        last.scroll_into_view_if_needed()
        forward = last.get_by_role("button", name=re.compile(r"one (step|epoch) forward"))
        before = last.locator("svg.pl-picture").inner_html()
        forward.first.click()
        assert last.locator("svg.pl-picture").inner_html() != before, "the last one steps"
        assert not watch.page_errors and not watch.blocked
    finally:
        page.close()


def test_the_text_is_drawn_before_the_explorers_scripts_are_fetched(site, browser):
    """A page's text comes first: require.js, the widget manager and the exercises' script
    are fetched only after the first contentful paint, and then everything works."""
    url, out = site
    page, watch = new_page(browser, width=390, height=844)
    try:
        page.goto(f"{url}/04_learning_rule.html")
        page.wait_for_load_state("networkidle")
        times = page.evaluate("""() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const fetched = performance.getEntriesByType('resource')
                .filter(r => /(require|manager|exercises)\\.js/.test(r.name))
                .map(r => [r.name.split('/').pop(), r.startTime]);
            return { paint: paint ? paint.startTime : null, fetched };
        }""")
        assert times["paint"] is not None and len(times["fetched"]) >= 3, times
        assert all(start >= times["paint"] for _, start in times["fetched"]), times
        read_through(page)
        expect(page.locator(".pl-explorer")).to_have_count(3, timeout=30_000)
        expect(page.locator(".pl-answer").first).to_be_attached()
        assert not watch.page_errors and not watch.blocked
    finally:
        page.close()
