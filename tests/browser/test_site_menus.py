"""The explorers' menus on the course website, with no kernel: the site's build made the run
of every menu choice (tools/site_runs.py) and the views fetch them from the site. Each choice
changes the picture, and the menus, the model and the picture agree; what needs Python says so
in one sentence with the page's launch links; a run that cannot be fetched falls back to that
sentence; "save CSV" downloads Python's file; and on a 390 px phone the explorers are redrawn
to fit: the legend under the picture, tick labels >= 11 px, controls >= 24 px, no sideways
scrolling (light and dark)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from perceptron_lib.style import format_number as fmt
from perceptron_lib.widgets import TrainingExplorer

from .conftest import NOTES, RESULTS, new_page, read_through
from .explorers import state


def _pages():
    """page -> "training" or "descent": the pages with explorers whose menus retrain."""
    import nbformat

    from tools.notebook_cells import course_notebooks
    from tools.site_runs import TRAINING, explorer_models

    pages = {}
    for path in course_notebooks():
        for _, saved in explorer_models(nbformat.read(path, as_version=4)):
            pages[path.stem] = "training" if saved["_anywidget_id"] == TRAINING else "descent"
    return pages


PAGES = _pages()


def _open(browser, url, page_name, kind, **size):
    page, watch = new_page(browser, **size)
    page.goto(f"{url}/{page_name}.html")
    page.wait_for_load_state("load")
    read_through(page)
    explorers = page.locator(f".pl-{kind}")
    expect(explorers.first.locator("svg.pl-picture")).to_be_attached(timeout=60_000)
    return page, watch, explorers


def _title(ex):
    return state(ex)["title"]


def _choose(ex, label, value, before):
    """Pick ``value`` in the menu ``label``; wait for the new run on screen."""
    ex.get_by_label(label, exact=True).select_option(value)
    ex.page.wait_for_function("([root, t]) => root.querySelector('svg.pl-picture > title')"
                              ".textContent !== t", arg=[ex.element_handle(), before],
                              timeout=5_000)
    return state(ex)


def _agree(ex, st, data, lr):
    """The menus, the model's run (the title) and the picture say the same."""
    assert st["controls"]["data"]["value"] == data
    assert st["controls"]["learning rate"]["value"] == lr
    assert st["title"].endswith(f", learning rate {fmt(float(lr))}"), st["title"]
    if data != "custom":
        assert st["title"].startswith(f"{data}, "), st["title"]
    assert st["ariaLabel"].startswith(st["title"])
    assert not st["alert"], st["alert"]
    assert st["controls"]["visit"]["value"] == "0"


@pytest.mark.parametrize("page_name", [p for p, k in PAGES.items() if k == "training"])
def test_training_menus_work_with_no_kernel(site, browser, page_name):
    url, out = site
    page, watch, explorers = _open(browser, url, page_name, "training")
    try:
        for k in range(explorers.count()):
            ex = explorers.nth(k)
            ex.scroll_into_view_if_needed()
            st = state(ex)
            lr = st["controls"]["learning rate"]["value"]
            data_menu = ex.get_by_label("data", exact=True)
            datasets = [o for o in data_menu.locator("option").all_inner_texts()]
            start = st["controls"]["data"]["value"]
            for data in [d for d in datasets if d != start] + [start]:
                before = st
                st = _choose(ex, "data", data, before["title"])
                _agree(ex, st, data, lr)
                assert st["picture"] != before["picture"]
                assert st["customShown"] == (data == "custom")
            rates = ex.get_by_label("learning rate", exact=True).locator("option")
            values = [rates.nth(i).get_attribute("value") for i in range(rates.count())]
            for rate in [v for v in values if v != lr] + [lr]:
                before = st
                st = _choose(ex, "learning rate", rate, before["title"])
                _agree(ex, st, start, rate)
                assert st["picture"] != before["picture"]
            # stepping through a fetched run works as through the saved one
            ex.get_by_role("button", name="one step forward (→)", exact=True).click()
            assert state(ex)["controls"]["visit"]["value"] == "1"
        assert not watch.blocked, watch.blocked[:5]
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()


def test_custom_data_and_what_needs_python(site, browser):
    url, out = site
    page, watch, explorers = _open(browser, url, "04_learning_rule", "training")
    try:
        ex = explorers.first
        ex.scroll_into_view_if_needed()
        st = _choose(ex, "data", "OR", _title(ex))
        st = _choose(ex, "data", "custom", st["title"])
        assert st["title"].startswith("your points") and st["customShown"]
        # "custom" starts from the points of the gate shown before (the kernel's rule)
        assert ex.locator("textarea").input_value() == "0, 0, 0\n0, 1, 1\n1, 0, 1\n1, 1, 1"
        st = _choose(ex, "learning rate", "0.5", st["title"])
        assert st["title"] == "your points, learning rate 0.5"
        box = ex.locator("svg.pl-picture .pl-axes > rect").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 4)
        note = ex.locator("div.pl-note")
        expect(note).to_contain_text("Adding points needs Python, which this page does not "
                                     "have", timeout=3_000)
        links = note.locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert any("mybinder.org" in h for h in hrefs) and \
            any("colab.research.google.com" in h for h in hrefs), hrefs
        assert all("04_learning_rule.ipynb" in h for h in hrefs), hrefs
        assert len(state(ex)["markers"]) == 4, "no point was added"
        assert state(ex)["controls"]["data"]["value"] == "custom"
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()


def test_a_run_that_cannot_be_fetched_says_what_needs_python(site, browser):
    url, out = site
    page, watch, explorers = _open(browser, url, "04_learning_rule", "training")
    try:
        page.route("**/_runs/**", lambda route: route.abort())
        ex = explorers.first
        ex.scroll_into_view_if_needed()
        before = state(ex)
        ex.get_by_label("data", exact=True).select_option("XOR")
        expect(ex.locator("div.pl-note")).to_contain_text("Changing the data needs Python",
                                                          timeout=3_000)
        expect(ex.get_by_label("data", exact=True)).to_have_value(before["controls"]["data"]
                                                                  ["value"])
        assert state(ex)["title"] == before["title"]
    finally:
        page.close()


def test_descent_menus_work_with_no_kernel(site, browser):
    url, out = site
    page, watch, explorers = _open(browser, url, "08_learning_the_hidden_layer", "descent")
    try:
        ex = explorers.first
        ex.scroll_into_view_if_needed()
        assert _title(ex) == "XOR: seed 0, learning rate 5"
        seed_box = ex.get_by_label("seed", exact=True)
        for want in (1, 2):
            before = state(ex)
            ex.get_by_role("button", name="train again from the next seed's random start").click()
            expect(seed_box).to_have_value(str(want))
            expect(ex.locator("svg.pl-picture > title")).to_have_text(
                f"XOR: seed {want}, learning rate 5")
            assert state(ex)["picture"] != before["picture"]
        st = state(ex)
        for value in ex.get_by_label("learning rate", exact=True).locator("option") \
                .evaluate_all("(os) => os.map((o) => o.value)"):
            if value == st["controls"]["learning rate"]["value"]:
                continue
            st = _choose(ex, "learning rate", value, st["title"])
            assert st["title"] == f"XOR: seed 2, learning rate {fmt(float(value))}"
            assert st["controls"]["learning rate"]["value"] == value
        for value in ("250", "5000", "1000"):
            before = st
            ex.get_by_label("epochs", exact=True).select_option(value)
            expect(ex.get_by_label("epoch", exact=True)).to_have_attribute(
                "aria-valuetext", f"epoch 0 of {value}")
            st = state(ex)
            assert st["picture"] != before["picture"] and not st["alert"]
            assert st["controls"]["epochs"]["value"] == value
        seed_box.fill("7")                       # the stuck seed the notebook talks about
        seed_box.press("Enter")
        expect(ex.locator("svg.pl-picture > title")).to_contain_text("seed 7,")
        st = state(ex)
        seed_box.fill("42")                      # outside what the page has
        seed_box.press("Enter")
        note = ex.locator("div.pl-note")
        expect(note).to_contain_text("Training from seed 42 needs Python", timeout=3_000)
        assert note.locator("a").count() == 2
        expect(seed_box).to_have_value("7")
        assert state(ex)["title"] == st["title"]
        assert not watch.blocked, watch.blocked[:5]
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.console, watch.console[:3]
    finally:
        page.close()


def test_save_csv_downloads_pythons_file(site, browser, tmp_path):
    url, out = site
    page, watch, explorers = _open(browser, url, "04_learning_rule", "training")
    try:
        ex = explorers.first                    # TrainingExplorer(dataset="AND") in the notebook
        ex.scroll_into_view_if_needed()
        kernel = TrainingExplorer(dataset="AND")
        for data, lr in (("AND", None), ("OR", "0.1")):
            if data != "AND":
                st = _choose(ex, "data", data, _title(ex))
                _choose(ex, "learning rate", lr, st["title"])
                kernel.dataset, kernel.lr = data, float(lr)
            with page.expect_download() as download:
                ex.get_by_role("button", name=re.compile("save CSV")).click()
            got = download.value
            want = kernel.history.to_csv(tmp_path / f"{data}.csv")
            assert got.suggested_filename == f"training_{data}_lr{fmt(kernel.lr)}.csv"
            assert open(got.path(), "rb").read() == open(want, "rb").read()
            expect(ex.locator("div.pl-note")).to_contain_text(
                f"✔ Saved {len(kernel.history)} visits to {got.suggested_filename}")
    finally:
        page.close()


PHONE = r"""(root) => {
  const box = (e) => e.getBoundingClientRect();
  const pic = root.querySelector("svg.pl-picture");
  const frames = [...root.querySelectorAll(".pl-axes > rect")].map(box);
  const legends = [...root.querySelectorAll(".pl-legend")].map(box).filter((r) => r.height);
  const ticks = [...root.querySelectorAll(
    ".pl-axes > text, .pl-loss-axes > text, .pl-mistakes text")]
    .map((t) => { const m = t.getScreenCTM();
                  return parseFloat(t.getAttribute("font-size")) * Math.hypot(m.a, m.b); });
  const controls = [...root.querySelectorAll("button, select, input")]
    .filter((c) => c.offsetParent !== null)
    .map((c) => ({ name: c.getAttribute("aria-label") || c.id || c.type,
                   w: box(c).width, h: box(c).height }));
  return { width: box(root).width, picture: box(pic), frames, legends, ticks, controls,
           narrow: root.classList.contains("pl-narrow") };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_390_px(site, browser, scheme):
    url, out = site
    RESULTS.mkdir(exist_ok=True)
    for page_name, kind in PAGES.items():
        page, watch = new_page(browser, width=390, height=844)
        try:
            page.emulate_media(color_scheme=scheme)
            page.goto(f"{url}/{page_name}.html")
            page.wait_for_load_state("load")
            read_through(page)
            explorers = page.locator(f".pl-{kind}")
            expect(explorers.first.locator("svg.pl-picture")).to_be_attached(timeout=60_000)
            page.wait_for_timeout(400)
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= 390, f"{page_name}: the page is {wide} px wide on a 390 px phone"
            for k in range(explorers.count()):
                ex = explorers.nth(k)
                ex.scroll_into_view_if_needed()
                m = ex.evaluate(PHONE)
                where = f"{page_name} #{k} ({scheme})"
                assert m["narrow"] and m["picture"]["width"] <= 390, (where, m["picture"])
                bottom = max(f["bottom"] for f in m["frames"])
                for legend in m["legends"]:          # under the picture, over none of it
                    assert legend["top"] >= bottom, (where, legend, bottom)
                assert min(m["ticks"]) >= 10.9, (where, sorted(m["ticks"])[:3])
                small = [c for c in m["controls"] if c["h"] < 24 or c["w"] < 24]
                assert not small, (where, small)
                if k == 0:
                    ex.screenshot(path=str(RESULTS / f"site-phone-{page_name}-{scheme}.png"))
            assert not watch.page_errors, watch.page_errors[:3]
        finally:
            page.close()


def test_the_saved_runs_keep_the_budget(site):
    url, out = site
    from perceptron_lib.widgets.training_run import RUN_BUDGET

    runs = out / "_static" / "_runs"
    sizes = {p.name: [f.stat().st_size for f in p.iterdir()] for p in runs.iterdir()}
    assert len(sizes) >= 6
    assert max(max(s) for s in sizes.values()) <= RUN_BUDGET
    for page in PAGES:
        html = (out / f"{page}.html").read_text()
        for model_id in re.findall(r'"site_runs": \{"base": "_static/_runs/(\w+)/"', html):
            assert model_id in sizes, (page, model_id)
    from tools.site_runs import read_gzip
    for folder in sizes:
        for f in (runs / folder).iterdir():
            assert f.name.endswith(".json.gz")
            assert set(read_gzip(f)) >= {"run", "state"}
    NOTES.append(f"saved runs: {sum(map(sum, sizes.values())) / 1e6:.1f} MB gzipped in "
                 f"{sum(map(len, sizes.values()))} files")
