"""The digits explorer on a static page (no kernel): it draws, steps, changes task with its
menus and shows the pocket weights, saying what Python says; axe-core finds nothing; at
phone width nothing scrolls sideways."""

from __future__ import annotations

import functools
import http.server
import threading

import nbformat
import pytest
from playwright.sync_api import expect

from perceptron_lib.widgets.digits import all_runs, readout, status

from .conftest import new_page
from .explorers import check_axe
from .test_static_page import _QuietHandler, _site

CODE = "from perceptron_lib.widgets import DigitsExplorer\nDigitsExplorer(3, 8)"


@pytest.fixture(scope="module")
def digits_page(npm_packages, tmp_path_factory):
    if npm_packages is None:
        pytest.skip("needs npm and its registry (the widget HTML manager and require.js)")
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    folder = tmp_path_factory.mktemp("digits-page")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CODE)])
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    exporter = HTMLExporter(template_name="lab", require_js_url="vendor/require.js",
                            widget_renderer_url="vendor/html-manager/dist/embed-amd.js")
    html, _ = exporter.from_notebook_node(nb)
    _site(folder, html, npm_packages)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def _words(ex):
    return (ex.locator(".pl-readout").text_content().strip(),
            ex.locator(".pl-status").text_content().strip())


def test_the_digits_explorer_works_without_a_kernel(digits_page, browser, axe_source):
    page, watch = new_page(browser)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(digits_page)
        ex = page.locator(".pl-digits")
        expect(ex).to_have_count(1, timeout=60_000)
        runs = all_runs()
        assert _words(ex) == (readout(runs["3-8"], 30), status(runs["3-8"], 30))
        ex.get_by_role("button", name="back to the start (Home)").click()
        assert _words(ex) == (readout(runs["3-8"], 0), status(runs["3-8"], 0))
        picture = ex.locator("svg.pl-picture")
        before = picture.inner_html()
        for _ in range(3):
            ex.get_by_role("button", name="one epoch forward (→)").click()
        assert picture.inner_html() != before
        assert _words(ex) == (readout(runs["3-8"], 3), status(runs["3-8"], 3))
        # the keys: End, then one back
        ex.get_by_role("button", name="one epoch forward (→)").press("End")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-8"], 30))
        ex.focus()
        page.keyboard.press("ArrowLeft")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-8"], 29))
        # the menus change the task, with no kernel; the epoch stays
        ex.get_by_label("against").select_option("rest")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["3-rest"], 29))
        ex.get_by_label("fires for the digit").select_option("1")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["1-rest"], 29))
        # choosing as digit the one it was against swaps the two
        ex.get_by_label("against").select_option("8")
        ex.get_by_label("fires for the digit").select_option("8")
        expect(ex.get_by_label("against")).to_have_value("1")
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["8-1"], 29))
        # the pocket weights
        ex.get_by_label("against").select_option("rest")
        ex.get_by_role("button", name="pocket weights").click()
        expect(ex.locator(".pl-readout")).to_have_text(readout(runs["8-rest"], 29, True))
        # the test images shown wrong: as many as the run lists, each with its name
        run, e = runs["8-rest"], runs["8-rest"]["pocket"][29]
        items = ex.locator(".pl-missed-item svg[role=img]")
        expect(items).to_have_count(len(run["missed"][e]))
        assert items.first.get_attribute("aria-label").endswith(
            ("taken for an 8", "taken for not an 8"))
        check_axe(page, ex, axe_source, "digits explorer, static page")
        assert not errors, errors
    finally:
        page.close()


def test_the_digits_explorer_fits_a_phone(digits_page, browser):
    page, _ = new_page(browser, width=390, height=844)
    try:
        page.goto(digits_page)
        ex = page.locator(".pl-digits")
        expect(ex).to_have_count(1, timeout=60_000)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        box = ex.bounding_box()
        assert box["x"] + box["width"] <= 390 + 1 and wide <= 390 + 1, (box, wide)
        ex.get_by_role("button", name="back to the start (Home)").click()
        ex.get_by_role("button", name="one epoch forward (→)").click()
        expect(ex.locator(".pl-readout")).to_contain_text("After epoch 1")
    finally:
        page.close()


# --- the drawing pad, on the built site with no kernel -----------------------------------------

def _pad_words(verdict, z):
    """What the pad says (the same words as digits.js)."""
    from perceptron_lib.style import format_number
    if verdict is None:
        return "Draw a digit on the pad: the ten perceptrons will say which digit they read."
    a = f"an {verdict}" if verdict == 8 else f"a {verdict}"
    none = " (No perceptron fires: every z is below 0.)" if z[verdict] < 0 else ""
    return (f"They read {a}: the {verdict}'s perceptron gives the largest z, "
            f"{format_number(z[verdict])}.{none}")


def _python_reads(ex):
    """The pad's pixels, read from the page, as Python's reduce_drawing and draw_verdict see
    them: (counts as the view's data-counts writes them, the words Python would show)."""
    import numpy as np

    from perceptron_lib.widgets.digits import draw_verdict, reduce_drawing
    on = ex.locator(".pl-pad .pl-ink rect").evaluate_all(
        "rects => rects.map(r => [+r.getAttribute('y'), +r.getAttribute('x')])")
    bitmap = np.zeros((32, 32), dtype=int)
    for r, c in on:
        bitmap[r, c] = 1
    counts = reduce_drawing(bitmap)
    z, verdict = draw_verdict(counts)
    return ",".join(map(str, counts.ravel())), _pad_words(verdict, z), verdict


def _stroke(page, box, points, steps=12):
    """The mouse pressed at the first point and moved through the others (fractions of the
    pad's width and height)."""
    at = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]
    page.mouse.move(*at[0])
    page.mouse.down()
    for x, y in at[1:]:
        page.mouse.move(x, y, steps=steps)
    page.mouse.up()


def _draw_section(page, url, scheme, width, height):
    from .conftest import read_through
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{url}/09_handwritten_digits.html")
    page.wait_for_load_state("load")
    read_through(page)
    explorers = page.locator(".pl-digits")
    expect(explorers).to_have_count(2, timeout=60_000)
    ex = explorers.nth(1)                  # the draw-a-digit section shows it again
    draw = ex.get_by_role("button", name="draw a digit: open the drawing pad in place of the "
                                         "training run")
    expect(ex.locator(".pl-draw")).to_be_hidden()          # closed until asked for
    draw.click()
    expect(draw).to_have_attribute("aria-pressed", "true")
    expect(ex.locator(".pl-draw")).to_be_visible()
    expect(ex.locator("svg.pl-picture")).to_be_hidden()    # the pad takes the run's place
    ex.locator(".pl-draw").scroll_into_view_if_needed()
    return ex


@pytest.mark.browser
def test_drawing_a_digit_on_the_site_with_no_kernel(site, browser):
    from .conftest import RESULTS
    url, _ = site
    page, watch = new_page(browser)
    try:
        ex = _draw_section(page, url, "light", 1400, 1000)
        verdict, seen = ex.locator(".pl-verdict"), ex.locator("svg.pl-seen")
        pad = ex.get_by_role("img", name="drawing pad of 32 by 32 pixels")
        expect(verdict).to_have_text(_pad_words(None, None))
        assert pad.evaluate("p => getComputedStyle(p).touchAction") == "none"
        blank = seen.inner_html()
        box = pad.bounding_box()
        assert box["width"] >= 200 and box["height"] >= 200, box
        said = []
        # a 1: one stroke down the middle; then a 0: a ring
        for points in ([(0.5, 0.08), (0.5, 0.92)],
                       [(0.5, 0.1), (0.78, 0.3), (0.78, 0.7), (0.5, 0.9), (0.22, 0.7),
                        (0.22, 0.3), (0.5, 0.1)]):
            ex.get_by_role("button", name="clear the drawing pad").click()
            expect(verdict).to_have_text(_pad_words(None, None))
            _stroke(page, box, points)
            counts, words, digit = _python_reads(ex)
            expect(verdict).to_have_text(words)            # what Python says to the same pixels
            expect(seen).to_have_attribute("data-counts", counts)
            assert seen.inner_html() != blank
            said.append(digit)
        assert said == [1, 0], said
        # more ink, and the words follow it
        _stroke(page, box, [(0.2, 0.5), (0.8, 0.5)])
        counts, words, _ = _python_reads(ex)
        expect(verdict).to_have_text(words)
        expect(seen).to_have_attribute("data-counts", counts)
        RESULTS.mkdir(exist_ok=True)
        ex.locator(".pl-draw").screenshot(path=str(RESULTS / "draw-strokes-light-desktop.png"))
        # clear: back to the empty pad
        ex.get_by_role("button", name="clear the drawing pad").click()
        expect(verdict).to_have_text(_pad_words(None, None))
        assert ex.locator(".pl-pad .pl-ink rect").count() == 0
        assert seen.inner_html() == blank
        # the other explorer's pad is its own
        first = page.locator(".pl-digits").nth(0)
        expect(first.locator(".pl-verdict")).to_have_text(_pad_words(None, None))
        # closing the pad brings the run back
        ex.get_by_role("button", name="draw a digit: open the drawing pad in place of the "
                                      "training run").click()
        expect(ex.locator("svg.pl-picture")).to_be_visible()
        expect(ex.locator(".pl-draw")).to_be_hidden()
        assert not watch.page_errors and not watch.console, (watch.page_errors, watch.console)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1400, 390], ids=["desktop", "phone"])
def test_the_drawing_pad_in_both_themes_fits_a_phone(site, browser, scheme, width):
    from .conftest import RESULTS
    url, _ = site
    page, watch = new_page(browser, width=width, height=844)
    try:
        ex = _draw_section(page, url, scheme, width, 844)
        pad = ex.get_by_role("img", name="drawing pad of 32 by 32 pixels")
        box = pad.bounding_box()
        _stroke(page, box, [(0.3, 0.15), (0.75, 0.15), (0.45, 0.9)])       # a 7
        counts, words, _ = _python_reads(ex)
        expect(ex.locator(".pl-verdict")).to_have_text(words)
        draw = ex.locator(".pl-draw")
        draw.scroll_into_view_if_needed()
        RESULTS.mkdir(exist_ok=True)
        where = "phone" if width < 500 else "desktop"
        draw.screenshot(path=str(RESULTS / f"draw-{scheme}-{where}.png"))
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= width, f"the page is {wide} px wide"
        for part in draw.locator("svg, button").all():
            b = part.bounding_box()
            assert b["x"] >= 0 and b["x"] + b["width"] <= width + 0.5, b
        if width < 500:
            assert box["width"] >= 200 and box["height"] <= 844 / 2, box
        # ink and words readable against the pad in this theme
        ink, back = pad.evaluate("""p => [getComputedStyle(p.querySelector('.pl-ink')).fill,
            getComputedStyle(p.querySelector('rect')).fill]""")
        assert ink != back, (ink, back)
        assert not watch.page_errors, watch.page_errors
    finally:
        page.close()
