"""The explorers in JupyterLab Light and Dark: every word they show at >= 4.5:1 against what it
is drawn on, every mark and line at >= 3:1 against the explorer's background (WCAG 1.4.3 and
1.4.11), measured in the page. A screenshot of each explorer in each theme is kept in results/.
"""

from __future__ import annotations

import pytest

from .conftest import NOTES, RESULTS, new_page
from .test_lab import check_outputs, open_scratch, run_all

EXPLORERS = {
    "training": 'TrainingExplorer(dataset="AND")',
    "boundary": 'BoundaryExplorer(gate="AND", w1=0.6, w2=0.3, b=-0.9)',
    "neuron": "n = NeuronExplorer(n_inputs=3, weights=[1, -1, 1], threshold=1)\n"
              "n.set_input(0, 1)\nn",
    "descent": "DescentExplorer(seed=0)",
    "digits": "DigitsExplorer(3, 8)",
    "hiddenlayer": 'HiddenLayerExplorer(target="XOR", hidden=("OR", "OR"))',
}

# Runs in the page: for every explorer, the contrast of each visible text against the colours
# under it (SVG shapes composited over the nearest HTML background), and of each mark (a line's
# stroke; a filled shape's fill or outline) against the explorer's background.
MEASURE = r"""
(only) => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => ({   // top composited on an opaque colour
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1 });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const htmlBackground = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let base = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) base = over(c, base);
    return base;
  };
  const SHAPES = new Set(["rect", "circle", "polygon", "path", "ellipse"]);
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (el.closest(".pl-visually-hidden, .pl-hidden")) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== "hidden" && cs.display !== "none" && Number(cs.opacity) > 0;
  };
  const out = [];
  document.querySelectorAll(".pl-explorer").forEach((root, k) => {
    if (only !== undefined && only !== null && k !== only) return;   // one explorer, or all
    const kind = [...root.classList].find((c) => c !== "pl-explorer").replace("pl-", "");
    const bg = htmlBackground(root);
    const texts = [], marks = [];
    for (const el of root.querySelectorAll("*")) {
      if (!visible(el)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const isSvg = el instanceof SVGElement;
      if (own && el.tagName !== "style" && el.tagName !== "STYLE" && el.tagName !== "title"
          && el.tagName !== "desc" && el.tagName !== "OPTION") {
        const cs = getComputedStyle(el);
        let fg = parse(isSvg ? cs.fill : cs.color);
        if (!fg) continue;
        let under = isSvg ? null : htmlBackground(el);
        if (isSvg) {
          const r = el.getBoundingClientRect();
          const stack = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          const layers = [];
          for (const e of stack) {
            if (e === el || e.tagName === "text") continue;
            if (e instanceof SVGElement && SHAPES.has(e.tagName)) {
              const s = getComputedStyle(e);
              const c = parse(s.fill);
              if (c && s.fill !== "none") {
                c.a *= Number(s.fillOpacity) * Number(s.opacity);
                layers.push(c);
                if (c.a >= 1) break;
              }
            } else if (!(e instanceof SVGElement)) { layers.push(htmlBackground(e)); break; }
          }
          under = bg;
          for (const c of layers.reverse()) under = over(c, under);
        }
        fg = over(fg, under);
        texts.push({ text: el.textContent.trim().slice(0, 40), ratio: ratio(fg, under),
                     fg: isSvg ? getComputedStyle(el).fill : getComputedStyle(el).color });
      }
      if (isSvg && !el.closest("defs, marker")) {
        const s = getComputedStyle(el);
        if (el.tagName === "line" || el.tagName === "polyline") {
          const c = parse(s.stroke);
          if (c && s.stroke !== "none" && el.getAttribute("stroke") !== "var(--pl-grid)")
            marks.push({ what: el.tagName + "." + (el.getAttribute("class") || ""),
                         ratio: ratio(over(c, bg), bg), color: s.stroke });
        } else if (SHAPES.has(el.tagName) && s.fill !== "none" && Number(s.fillOpacity) >= 0.5) {
          const f = parse(s.fill), st = parse(s.stroke);
          const best = Math.max(f ? ratio(over(f, bg), bg) : 0,
                                st && s.stroke !== "none" ? ratio(over(st, bg), bg) : 0);
          marks.push({ what: el.tagName + "." + (el.getAttribute("class") || ""), ratio: best,
                       color: `${s.fill} / ${s.stroke}` });
        }
      }
    }
    out.push({ k, kind, texts, marks });
  });
  return out;
}
"""


def _measure(page, theme):
    page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', "
                  f"{{theme: '{theme}'}})")
    light = "true" if "Light" in theme else "false"
    page.wait_for_function(
        f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000)
    page.wait_for_timeout(800)            # the theme's CSS applied
    # one explorer at a time, scrolled into view: what lies under a text is found by
    # elementsFromPoint, which sees only what is on the screen
    found = []
    explorers = page.locator(".pl-explorer")
    for k in range(explorers.count()):
        explorers.nth(k).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        found += page.evaluate(MEASURE, k)
    return found


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_explorers_are_readable_in_the_theme(theme, lab, browser):
    page, watch = open_scratch(lab, browser, "themes", [
        "from perceptron_lib.widgets import (BoundaryExplorer, DescentExplorer, DigitsExplorer,"
        "\n                                    NeuronExplorer, TrainingExplorer)",
        "from perceptron_lib.widgets import HiddenLayerExplorer", *EXPLORERS.values()])
    try:
        run_all(page)
        explorers = check_outputs(page, len(EXPLORERS))
        found = _measure(page, theme)
        assert [f["kind"] for f in found] == list(EXPLORERS)
        RESULTS.mkdir(exist_ok=True)
        tag = theme.split()[-1].lower()
        problems = []
        for f in found:
            explorers.nth(f["k"]).scroll_into_view_if_needed()
            explorers.nth(f["k"]).screenshot(path=str(RESULTS / f"theme-{tag}-{f['kind']}.png"))
            assert len(f["texts"]) >= 5 and len(f["marks"]) >= 3, f
            problems += [f"{f['kind']}: text {t['text']!r} in {t['fg']} at {t['ratio']:.2f}"
                         for t in f["texts"] if t["ratio"] < 4.5]
            problems += [f"{f['kind']}: mark {m['what']} in {m['color']} at {m['ratio']:.2f}"
                         for m in f["marks"] if m["ratio"] < 3]
            NOTES.append(f"{theme}, {f['kind']}: {len(f['texts'])} texts, lowest contrast "
                         f"{min(t['ratio'] for t in f['texts']):.1f}; {len(f['marks'])} marks, "
                         f"lowest {min(m['ratio'] for m in f['marks']):.1f}")
        assert not problems, "\n".join(problems)
        assert not watch.page_errors, watch.page_errors[:3]
    finally:
        page.close()
        lab.shut_down_sessions()


def test_a_page_without_a_theme_follows_the_readers_system(browser):
    """Outside Jupyter (a static page, a site) the views go dark with the system's setting,
    and with a site's own switch (data-theme on <html>)."""
    from perceptron_lib.style import theme_css
    page, _ = new_page(browser, 800, 400)
    try:
        body = (f"<style>{theme_css()}</style><div class='pl-explorer' id=x>text</div>")
        for scheme, attr, want in (("light", "", "#111111"), ("dark", "", "#eeeeee"),
                                   ("dark", " data-theme='light'", "#111111"),
                                   ("light", " data-theme='dark'", "#eeeeee")):
            page.emulate_media(color_scheme=scheme)
            page.set_content(f"<html{attr}><body>{body}</body></html>")
            got = page.evaluate("() => getComputedStyle(document.getElementById('x'))"
                                ".getPropertyValue('--pl-text').trim()")
            assert got == want, (scheme, attr, got)
    finally:
        page.close()
