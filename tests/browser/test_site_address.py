"""Shareable state on the built site: every explorer's menus, sliders, switches and position
live in the page's address (?e3=XOR,0.5@7), so that a link reopens the same picture (a
teacher sends "04, XOR, learning rate 0.5, visit 7"), also on the slides; an address that
makes no sense is ignored, never an error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, new_page, read_through
from .explorers import state

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FORWARD = re.compile(r"one (step|picture|epoch) forward")

# what a reader sees; the picture's markup itself carries ids that differ from load to load
SEEN = ("readout", "status", "title", "desc", "line", "w", "shade", "markers", "bars",
        "pressed", "truth", "ticks")


def seen(ex):
    st = state(ex)
    for mark in ("line", "w"):             # where a hidden mark would be is not seen
        if isinstance(st[mark], dict) and st[mark].get("visible") is False:
            st[mark] = {"visible": False}
    values = {name: c["value"] for name, c in st["controls"].items()}
    return {**{k: st[k] for k in SEEN}, "controls": values}


def param_of(ex):
    """The address's name for an explorer: e and its widget's place among the page's widgets."""
    k = ex.evaluate("""(el) => [...document.querySelectorAll('.widget-subarea')]
                        .indexOf(el.closest('.widget-subarea'))""")
    return f"e{k + 1}"


def settle(page, ex, ms=400):
    page.wait_for_timeout(ms)
    return seen(ex)


def change_something(page, ex):
    """Make a reader's change to one explorer: another choice in each menu, a slider moved,
    a few steps forward. Returns what was changed."""
    did = []
    for menu in ex.locator("select").all():
        values = [o.get_attribute("value") for o in menu.locator("option").all()]
        other = next((v for v in reversed(values) if v not in (menu.input_value(), "custom")),
                     None)
        if other is not None:
            before = state(ex)["readout"]
            menu.select_option(other)
            did.append(other)
            for _ in range(50):
                if state(ex)["readout"] != before:
                    break
                page.wait_for_timeout(100)
    if not did:
        sliders = ex.locator("input[type=range]:not(.pl-wide-slider):not(.pl-speed)")
        if sliders.count():
            slider = sliders.first
            slider.focus()
            slider.press("ArrowRight")
            slider.press("ArrowRight")
            did.append("slider")
    forward = ex.get_by_role("button", name=FORWARD)
    if forward.count():
        for _ in range(3):
            forward.first.click()
        did.append("steps")
    return did


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_link_reopens_every_explorer_as_it_was(site, browser, path):
    url, out = site
    page, watch = new_page(browser)
    other = None
    try:
        page.goto(f"{url}/{path.stem}.html")
        page.wait_for_load_state("load")
        read_through(page)
        explorers = page.locator(".pl-explorer")
        if not explorers.count():
            page.wait_for_timeout(2000)
        n = explorers.count()
        if n == 0:
            pytest.skip(f"{path.stem} has no explorer")
        expected = {}
        for k in range(n):
            ex = explorers.nth(k)
            ex.scroll_into_view_if_needed()
            if change_something(page, ex):
                expected[k] = (param_of(ex), settle(page, ex))
        # two views of one explorer (09 shows its digits explorer twice) show the same state:
        # what each shows once every change is made
        expected = {k: (name, settle(page, explorers.nth(k), 0))
                    for k, (name, _) in expected.items()}
        page.wait_for_timeout(400)
        link = page.url
        for k, (name, _) in expected.items():
            assert re.search(rf"[?&]{name}=", link), (k, link)
        other, watch2 = new_page(browser)
        other.goto(link)
        other.wait_for_load_state("load")
        read_through(other)
        again = other.locator(".pl-explorer")
        expect(again).to_have_count(n, timeout=30_000)
        for k, (_, want) in expected.items():
            ex = again.nth(k)
            ex.scroll_into_view_if_needed()
            got = settle(other, ex, 100)
            for _ in range(60):
                if got == want:
                    break
                got = settle(other, ex, 100)
            diff = {f: (got[f], want[f]) for f in want if got[f] != want[f]}
            assert not diff, f"{path.stem} explorer {k + 1} from {link}: {diff}"
        assert not watch.page_errors and not watch2.page_errors
        assert not watch.blocked and not watch2.blocked
    finally:
        page.close()
        if other is not None:
            other.close()


def test_a_teacher_sends_04_xor_lr_half_visit_7(site, browser):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/04_learning_rule.html")
        page.wait_for_load_state("load")
        read_through(page)
        ex = page.locator(".pl-explorer").first
        expect(ex).to_be_attached(timeout=30_000)
        ex.scroll_into_view_if_needed()
        ex.locator("select").nth(0).select_option("XOR")
        page.wait_for_timeout(500)
        ex.locator("select").nth(1).select_option("0.5")
        page.wait_for_timeout(500)
        for _ in range(7):
            ex.get_by_role("button", name=FORWARD).first.click()
        page.wait_for_timeout(500)
        assert "?e1=XOR,0.5@7" in page.url, page.url
        want = seen(ex)
        assert "epoch 2, sample 3 of 4" in want["readout"]
        assert "W ← W + 0.5·" in want["readout"]
    finally:
        page.close()
    page, watch = new_page(browser)
    try:                                            # the link, typed by the class
        page.goto(f"{url}/04_learning_rule.html?e1=XOR,0.5@7")
        ex = page.locator(".pl-explorer").first
        expect(ex).to_be_attached(timeout=30_000)
        for _ in range(60):
            if seen(ex) == want:
                break
            page.wait_for_timeout(100)
        got = seen(ex)
        assert got == want, {f: (got[f], want[f]) for f in want if got[f] != want[f]}
        selects = [s.input_value() for s in ex.locator("select").all()]
        assert selects[:2] == ["XOR", "0.5"]
        assert not watch.page_errors
    finally:
        page.close()


@pytest.mark.parametrize("junk", ["e1=nonsense@@@", "e1=NOPE,7e400@999999999",
                                  "e1=%E0%A4%A", "e1=,,,,,,,,,,,,@0~pocket~nothing",
                                  "e1=XOR@99999&e99=AND"])
def test_an_address_that_makes_no_sense_is_ignored(site, browser, junk):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/04_learning_rule.html?{junk}")
        ex = page.locator(".pl-explorer").first
        expect(ex).to_be_attached(timeout=30_000)
        page.wait_for_timeout(800)
        assert state(ex)["picture"], "the explorer is drawn"
        for menu in ex.locator("select").all():       # every menu holds one of its choices
            values = [o.get_attribute("value") for o in menu.locator("option").all()]
            assert menu.input_value() in values
        ex.get_by_role("button", name=re.compile(r"back to the (random )?start")).first.click()
        start = state(ex)["readout"]
        ex.get_by_role("button", name=FORWARD).first.click()
        assert state(ex)["readout"] != start, "it still steps"
        assert not watch.page_errors, watch.page_errors
    finally:
        page.close()


def test_a_slide_link_keeps_its_explorer_and_the_deck_still_moves(site, browser):
    url, out = site
    page, watch = new_page(browser, width=1280, height=720)
    try:
        page.goto(f"{url}/slides/session-2.html")
        page.wait_for_load_state("load")
        explorers = page.locator(".pl-explorer")
        expect(explorers.first).to_be_attached(timeout=30_000)
        k = next(i for i in range(explorers.count())
                 if explorers.nth(i).locator("select").count())
        ex = explorers.nth(k)
        slide = page.evaluate("(el) => { const s = el.closest('section'); "
                              "return Reveal.getIndices(s); }", ex.element_handle())
        page.evaluate("(i) => Reveal.slide(i.h, i.v)", slide)
        page.wait_for_timeout(500)
        assert change_something(page, ex)
        want = settle(page, ex)
        link = page.url
        assert re.search(rf"[?&]{param_of(ex)}=", link) and "#/" in link, link
    finally:
        page.close()
    page, watch = new_page(browser, width=1280, height=720)
    try:
        page.goto(link)
        ex = page.locator(".pl-explorer").nth(k)
        expect(ex).to_be_attached(timeout=30_000)
        for _ in range(60):
            if seen(ex) == want:
                break
            page.wait_for_timeout(100)
        assert seen(ex) == want
        before = page.evaluate("() => Reveal.getIndices().h")
        page.locator("body").click(position={"x": 5, "y": 5})
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(500)
        assert page.evaluate("() => Reveal.getIndices().h") == before + 1
        assert "e" in page.url.split("?")[1]
        assert not watch.page_errors
    finally:
        page.close()
