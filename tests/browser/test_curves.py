"""Notebook 10's curves explorer on the course website, with no kernel: every menu choice
(3 data sets x 5 hidden layers) was trained when the notebook ran and travels with the page;
each choice draws its own answer, with as many hidden lines as hidden neurons and Python's
words; steps, keys and the slider move through the epochs; on a 390 px phone, light and dark,
nothing scrolls sideways and the words stay readable."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, new_page, read_through
from .explorers import curves_shown, drive_curves

PAGE = "10_bending_the_line"


def _open(browser, url, **size):
    page, watch = new_page(browser, **size)
    page.goto(f"{url}/{PAGE}.html")
    page.wait_for_load_state("load")
    read_through(page)
    ex = page.locator(".pl-curves").first
    expect(ex.locator("svg.pl-picture")).to_be_attached(timeout=60_000)
    return page, watch, ex


@pytest.mark.browser
def test_the_curves_explorer_works_on_the_site_with_no_kernel(site, browser, axe_source):
    url, _ = site
    page, watch, ex = _open(browser, url)
    try:
        first = curves_shown(ex)
        # the saved state is the notebook's: the ring with 3 hidden neurons, at its start
        assert first["title"] == "a ring round a disc, 3 hidden neurons"
        assert first["allLines"] == 3 and first["slider"] == "0"
        drive_curves(page, ex, "site", axe_source, PAGE)
        RESULTS.mkdir(exist_ok=True)
        ex.screenshot(path=str(RESULTS / "site-curves.png"))
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_curves_explorer_fits_a_phone(site, browser, scheme):
    url, _ = site
    page, watch, ex = _open(browser, url, width=390, height=844)
    try:
        page.emulate_media(color_scheme=scheme)
        ex.get_by_label("data", exact=True).select_option("spiral")
        ex.get_by_label("hidden neurons", exact=True).select_option("8")
        expect(ex.locator(".pl-readout")).to_contain_text("At the random start")
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 390, f"the page scrolls sideways on a phone: {wide} px"
        box = ex.locator("svg.pl-picture").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        smallest = ex.evaluate("""(root) => Math.min(...[...root.querySelectorAll(
            "svg.pl-picture text")].filter((t) => t.textContent.trim()).map(
            (t) => t.getBoundingClientRect().height))""")
        assert smallest >= 11, f"words drawn {smallest:.1f} px high on a phone"
        RESULTS.mkdir(exist_ok=True)
        ex.screenshot(path=str(RESULTS / f"site-curves-phone-{scheme}.png"))
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
