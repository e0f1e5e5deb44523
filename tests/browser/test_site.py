"""The course website (python -m tools.build_site) in a browser that reaches only 127.0.0.1:
every notebook page loads with no error and no request to another host, its explorers are
drawn and step with no kernel, the maths is typeset, search works offline, the launch links
name the course's home and the JupyterLite site beside the pages, and every page's first
visit weighs at most 3 MB (raw bytes, measured in the browser)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time

import pytest
from playwright.sync_api import expect

from .conftest import NOTES, RESULTS, ROOT, _QuietFiles, new_page, read_through
from .explorers import check_axe, state

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def explorers_in(path):
    nb = json.loads(path.read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
               if WIDGET_MIME in o.get("data", {})
               and re.match(r"\w+Explorer:", "".join(o["data"].get("text/plain", ""))))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_page_works_with_no_other_host(site, browser, axe_source, path):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/{path.stem}.html")
        page.wait_for_load_state("load")
        n = explorers_in(path)
        read_through(page)
        explorers = page.locator(".pl-explorer")
        expect(explorers).to_have_count(n, timeout=30_000)
        for k in range(n):
            assert explorers.nth(k).locator("svg.pl-picture").count() == 1
        for k in range(n):               # every explorer steps, every menu choice draws
            ex = explorers.nth(k)
            ex.scroll_into_view_if_needed()
            forward = ex.get_by_role("button", name=re.compile(
                r"one (step|picture|epoch) forward"))
            if forward.count():
                home = ex.get_by_role("button", name=re.compile(r"back to the (random )?start"))
                home.first.click()
                before = state(ex)["picture"]
                forward.first.click()
                assert state(ex)["picture"] != before, f"{path.stem} #{k}: a step draws"
            for menu in ex.locator("select").all():
                values = [o.get_attribute("value") for o in menu.locator("option").all()]
                other = next((v for v in values if v not in (menu.input_value(), "custom")),
                             None)
                if other is None:
                    continue
                before = state(ex)["picture"]
                menu.select_option(other)
                deadline = time.monotonic() + 10
                while state(ex)["picture"] == before and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                assert state(ex)["picture"] != before, \
                    f"{path.stem} #{k}: the menu choice {other!r} draws with no kernel"
                expect(menu).to_have_value(other)
        maths = page.locator(".math").count()
        if maths:                                   # every formula typeset by KaTeX
            expect(page.locator(".math:has(.katex)")).to_have_count(maths, timeout=30_000)
            assert page.locator(".katex-error").count() == 0
        launch = [a.get_attribute("href") or "" for a in page.locator("a").all()]
        owner, repo, _ = __import__("tools.set_home", fromlist=["current_home"]).current_home()
        assert any("mybinder.org" in h and f"{owner}/{repo}" in h for h in launch)
        assert any("colab.research.google.com" in h and f"{owner}/{repo}" in h for h in launch)
        # the JupyterLite site, built into lite/ beside the pages, where the button leads
        lite = f"lite/lab/index.html?path={path.name}"
        assert lite in launch, [h for h in launch if "lite" in h]
        assert (out / "lite" / "lab" / "index.html").is_file()
        assert (out / "lite" / "files" / path.name).is_file()
        if axe_source:                              # the whole page, theme included
            check_axe(page, page.locator("body"), axe_source, f"site: {path.stem}")
        assert not watch.blocked, f"requests to other hosts: {watch.blocked[:5]}"
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"site-{path.stem}.png"))
    finally:
        page.close()


class _SlowDeferred(_QuietFiles):
    """The site's files, with the deferred scripts late (a slow network): the page is painted
    before they arrive."""

    def do_GET(self):
        if re.search(r"/_static/(clipboard\.min|copybutton)\.js", self.path):
            time.sleep(1.5)
        super().do_GET()


def test_explorers_start_after_a_late_deferred_script(site, browser):
    """The explorers' scripts (require.js first) wait for every deferred script: a UMD file
    among them (clipboard.min.js) that ran after require.js would be taken for an anonymous
    module, and require.js would stop the page with "Mismatched anonymous define()"."""
    _, out = site
    handler = functools.partial(_SlowDeferred, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page, watch = new_page(browser)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/04_learning_rule.html")
        page.wait_for_load_state("load")
        read_through(page)
        expect(page.locator(".pl-explorer svg.pl-picture")).to_have_count(
            explorers_in(ROOT / "notebooks" / "04_learning_rule.ipynb"), timeout=30_000)
        assert page.evaluate("typeof window.ClipboardJS") == "function"
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()
        server.shutdown()


def test_every_page_weighs_at_most_3_mb_on_a_first_visit(site, browser):
    """Every byte a first visit fetches (HTML, theme, scripts, fonts, pictures, the saved
    widget state), uncompressed: a size, not a timing."""
    from benchmarks.bench_site import BUDGET, first_visit, totals
    url, out = site
    weights = {}
    for name in ["index", "teacher_guide", *(p.stem for p in NOTEBOOKS)]:
        (raw, packed), _ = totals(first_visit(browser, f"{url}/{name}.html"))
        weights[name] = raw
        NOTES.append(f"site: {name} first visit {raw / 1e6:.2f} MB ({packed / 1e6:.2f} MB gzip)")
    over = {name: raw for name, raw in weights.items() if raw > BUDGET}
    assert not over, f"over {BUDGET / 1e6:.0f} MB: {over}"
    assert min(weights.values()) > 100_000, weights     # the measure sees the page's files


def test_search_works_offline_and_the_home_page_lists_the_course(site, browser):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/index.html")
        for path in NOTEBOOKS:
            assert page.locator(f"a[href='{path.stem}.html']").count() >= 1, path.stem
        page.goto(f"{url}/search.html?q=Novikoff")
        expect(page.locator("#search-results a").first).to_be_attached(timeout=30_000)
        found = page.locator("#search-results a").all_inner_texts()
        assert any("Convergence" in t for t in found), found
        assert not watch.blocked, f"requests to other hosts: {watch.blocked[:5]}"
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_dark_mode_and_a_phone(site, browser):
    """The site's dark mode: the explorers' words readable (>= 4.5:1, measured in the page);
    a 390 px phone: no page scrolls sideways."""
    from .test_themes import MEASURE
    url, out = site
    page, watch = new_page(browser)
    try:
        page.emulate_media(color_scheme="dark")        # the theme's "auto" mode follows it
        page.goto(f"{url}/04_learning_rule.html")
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        read_through(page)
        expect(page.locator(".pl-explorer").first).to_be_attached(timeout=30_000)
        page.wait_for_timeout(500)
        found = page.evaluate(MEASURE)
        assert found and all(len(f["texts"]) >= 5 for f in found), found
        low = [(f["kind"], t["text"], round(t["ratio"], 2)) for f in found
               for t in f["texts"] if t["ratio"] < 4.5]
        assert not low, low
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "site-dark-04.png"))
    finally:
        page.close()
    for path in NOTEBOOKS:
        page, watch = new_page(browser, width=390, height=844)
        try:
            page.goto(f"{url}/{path.stem}.html")
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= 390, f"{path.stem}: the page is {wide} px wide on a 390 px phone"
            if path.stem == "04_learning_rule":
                page.screenshot(path=str(RESULTS / "site-phone-04.png"), full_page=False)
        finally:
            page.close()
