"""The training explorer's "shuffle" button and "start W" box: in JupyterLab they retrain
through the kernel and the run on screen changes; a start that cannot be used is refused with
the reason and the box goes back; on the course website (no kernel) they say in one sentence
that they need Python, with the page's launch links, and go back to the run on screen."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from perceptron_lib.widgets import TrainingExplorer

from .conftest import new_page, read_through
from .explorers import state
from .test_lab import check_outputs, open_scratch, run_all


def _shown(ex):
    """What the picture and the words say about the run on screen."""
    st = state(ex)
    return st["title"], st["readout"], st["cornerNote"], st["line"], st["markers"]


def _pressed(ex):
    return ex.get_by_role("button", name=re.compile(r"^shuffle")).get_attribute("aria-pressed")


def test_shuffle_and_start_weights_retrain_in_jupyterlab(lab, browser):
    page, watch = open_scratch(lab, browser, "training_settings", [
        "from perceptron_lib.widgets import TrainingExplorer\n"
        "TrainingExplorer(dataset='AND', seed=4)"])
    try:
        run_all(page)
        check_outputs(page, 1)
        ex = page.locator(".pl-training")
        ex.scroll_into_view_if_needed()
        readout, note = ex.locator(".pl-readout"), ex.locator("div.pl-note")
        shuffle = ex.get_by_role("button", name=re.compile(r"^shuffle"))
        box = ex.get_by_label("start W", exact=True)
        step = ex.get_by_role("button", name="one step forward (→)", exact=True)
        end = ex.get_by_role("button", name="jump to the end (End)", exact=True)
        assert _pressed(ex) == "false" and box.input_value() == ""

        # shuffle: the kernel trains again, visiting the samples in the seeded random order
        shuffled = TrainingExplorer(dataset="AND", seed=4, shuffle=True).run
        end.click()
        shuffle.click()
        expect(readout).to_have_text(re.compile(r"^Before training"))    # the new run, at 0
        expect(shuffle).to_have_attribute("aria-pressed", "true")
        step.click()
        expect(readout).to_have_text(shuffled["readout"][1])
        assert state(ex)["controls"]["visit"]["max"] == str(shuffled["stepped"])

        # start W typed, Enter: the run starts exactly there
        both = TrainingExplorer(dataset="AND", seed=4, shuffle=True, W0=[0.5, -1, 1]).run
        box.fill("0.5, -1, 1")
        box.press("Enter")
        expect(ex.locator("g.pl-corner-note")).to_contain_text("start: W = [0.5, -1, 1]")
        expect(readout).to_have_text(both["readout"][0])
        end.click()
        expect(readout).to_have_text(both["readout"][-1])
        assert box.input_value() == "0.5, -1, 1"

        # a start that cannot be used: the reason, the box and the run as they were
        before = _shown(ex)
        box.fill("1, two, 3")
        ex.get_by_role("button", name=re.compile(r"^use")).click()
        expect(note).to_contain_text("start W: 'two' is not a number")
        expect(box).to_have_value("0.5, -1, 1")
        assert _shown(ex) == before

        # back to zeros and in order: AND's own run again
        plain = TrainingExplorer(dataset="AND").run
        box.fill("0")
        box.press("Enter")
        expect(ex.locator("g.pl-corner-note")).to_contain_text("start: W = [0, 0, 0]")
        shuffle.click()
        expect(shuffle).to_have_attribute("aria-pressed", "false")
        end.click()
        expect(readout).to_have_text(plain["readout"][-1])
        assert not note.text_content().strip()
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()


def test_on_the_website_they_say_they_need_python(site, browser):
    url, out = site
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/05_convergence.html")
        page.wait_for_load_state("load")
        read_through(page)
        explorers = page.locator(".pl-training")
        expect(explorers.first.locator("svg.pl-picture")).to_be_attached(timeout=60_000)
        # the explorer made with shuffle=True, seed=4 in notebook 05
        found = [k for k in range(explorers.count()) if _pressed(explorers.nth(k)) == "true"]
        assert found, "notebook 05 shows a shuffled training explorer"
        ex = explorers.nth(found[0])
        ex.scroll_into_view_if_needed()
        note = ex.locator("div.pl-note")
        before = _shown(ex)
        ex.get_by_role("button", name=re.compile(r"^shuffle")).click()
        expect(note).to_contain_text("Changing the order of the visits needs Python, which "
                                     "this page does not have", timeout=3_000)
        hrefs = note.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
        assert any("mybinder.org" in h for h in hrefs) and \
            any("colab.research.google.com" in h for h in hrefs), hrefs
        assert note.text_content().count("needs Python") == 1                # said once
        expect(ex.get_by_role("button", name=re.compile(r"^shuffle"))).to_have_attribute(
            "aria-pressed", "true")                                         # and put back
        assert _shown(ex) == before

        box = ex.get_by_label("start W", exact=True)
        assert box.input_value() == ""
        box.fill("1, 2, 3")
        box.press("Enter")
        expect(note).to_contain_text("Changing the start weights needs Python", timeout=3_000)
        expect(box).to_have_value("")
        assert _shown(ex) == before
        # the menus still work: the run made in advance keeps the explorer's shuffled order
        ex.get_by_label("data", exact=True).select_option("OR")
        expect(ex.locator("svg.pl-picture > title")).to_have_text("OR, learning rate 1")
        kernel = TrainingExplorer(dataset="OR", shuffle=True, seed=4).run
        ex.get_by_role("button", name="jump to the end (End)", exact=True).click()
        expect(ex.locator(".pl-readout")).to_have_text(kernel["readout"][-1])
        assert _pressed(ex) == "true"
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
