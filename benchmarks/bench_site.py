"""The course website: build time, each page's and each slide deck's first-visit weight.
Prints figures; asserts nothing (tests/browser/test_site.py holds every page to the budget).

First-visit weight: every byte a browser fetches to show the page the first time (the HTML, the
theme, the widgets' scripts, KaTeX and its fonts, pictures), uncompressed and gzip-compressed
as most static hosts (GitHub Pages among them) send text; by kind: js, css, fonts, html (the
page without its saved widget state), widget state (the explorers' saved runs), images.

Lighthouse (npm, pinned in LIGHTHOUSE, installed once into .site-cache) scores every page on
a phone (its mobile preset) and a desktop, the site served gzipped as a static host sends it.

Run:  python -m benchmarks.bench_site [--no-lighthouse] [--runs=5]
      (needs requirements-site.txt, npm once, Chromium)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

from tools import build_site

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 3_000_000          # bytes, raw, per page's first visit

KINDS = ("js", "css", "fonts", "html", "widget state", "images", "other")
_STATE = re.compile(rb'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>',
                    re.S)


def kind_of(url, content_type):
    path = urllib.parse.urlsplit(url).path
    suffix = Path(path).suffix.lower()
    if "/_static/state/" in path:
        return "widget state"
    if suffix in (".js", ".mjs") or "javascript" in content_type:
        return "js"
    if suffix == ".css" or "text/css" in content_type:
        return "css"
    if suffix in (".woff", ".woff2", ".ttf", ".otf", ".eot") or "font" in content_type:
        return "fonts"
    if suffix in (".html", "") or "text/html" in content_type:
        return "html"
    if content_type.startswith("image/"):
        return "images"
    return "other"


def first_visit(browser, url):
    """Every response a fresh page at ``url`` fetches until the network is idle, as
    [(url, kind, raw bytes, gzip bytes)]; a page's saved widget state is its own kind.
    (blob: and data: addresses are made in the page, not fetched.)"""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    responses = []
    page.on("response", lambda r: responses.append(r))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        page.wait_for_load_state("networkidle")
        rows = []
        for r in responses:
            if not r.url.startswith("http") or not r.ok:
                continue
            body = r.body()
            kind = kind_of(r.url, r.headers.get("content-type", ""))
            if kind == "html":
                for state in _STATE.findall(body):
                    rows.append((r.url, "widget state", len(state), len(gzip.compress(state))))
                body = _STATE.sub(b"", body)
            rows.append((r.url, kind, len(body), len(gzip.compress(body))))
        return rows
    finally:
        page.close()


def totals(rows):
    """(raw, gzip) in all and {kind: (raw, gzip)}."""
    by_kind = {k: [0, 0] for k in KINDS}
    for _, kind, raw, packed in rows:
        by_kind[kind][0] += raw
        by_kind[kind][1] += packed
    return (sum(r[2] for r in rows), sum(r[3] for r in rows)), by_kind


def serve(folder):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Gzipped(_Quiet):
    """Text files gzipped on the way, as GitHub Pages and most static hosts send them."""

    TEXT = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


LIGHTHOUSE = "12.2.3"


def lighthouse_cli(cache=ROOT / ".site-cache"):
    """The Lighthouse command line (npm, pinned), installed once into the cache folder."""
    folder = Path(cache) / f"lighthouse-{LIGHTHOUSE}"
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(folder),
                        f"lighthouse@{LIGHTHOUSE}"], check=True, timeout=600)
    return cli


def lighthouse(url, desktop=False, cli=None):
    """Lighthouse's scores (0-100) for one page: {category: score}, and a few of its
    measurements (first contentful paint, total blocking time, DOM size)."""
    cli = cli or lighthouse_cli()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        args = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                "--disable-background-networking --disable-component-update --no-first-run"]
        if desktop:
            args.append("--preset=desktop")
        subprocess.run(args, check=True, timeout=300, capture_output=True,
                       env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        data = json.loads(report.read_text())
    scores = {k: round(100 * v["score"]) for k, v in data["categories"].items()}
    audits = data["audits"]
    scores["fcp_s"] = audits["first-contentful-paint"]["numericValue"] / 1000
    scores["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    scores["dom"] = audits["dom-size"]["numericValue"]
    return scores


def median_run(url, runs, desktop=False, cli=None):
    """Lighthouse ``runs`` times on one page: the run with the median performance score (as
    Lighthouse's documentation advises: one run varies by 10 points and more), and the
    lowest and highest scores seen."""
    results = sorted((lighthouse(url, desktop=desktop, cli=cli) for _ in range(runs)),
                     key=lambda r: r["performance"])
    return results[len(results) // 2], results[0]["performance"], results[-1]["performance"]


def lighthouse_table(out, names, runs=5, desktop_runs=1):
    """Prints Lighthouse's mobile and desktop scores of each page, served gzipped: the median
    of ``runs`` runs on a phone (``desktop_runs`` on a desktop), with the range. On a phone,
    about one run in three here sees the first picture a second late (Chromium's, whatever
    the page), and its score drops by 10 to 20 points: the median of five steps over it."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    cli = lighthouse_cli()
    print(f"Lighthouse {LIGHTHOUSE}, served gzipped, median of {runs} runs on mobile and "
          f"{desktop_runs} on desktop (range): "
          f"performance / accessibility; first contentful paint (s), largest contentful "
          f"paint (s), total blocking time (ms) and DOM nodes on mobile")
    print(f"{'page':30} {'mobile':>16} {'desktop':>16} {'FCP s':>6} {'LCP s':>6} "
          f"{'TBT ms':>7} {'DOM':>6}")
    rows = {}
    for name in names:
        mobile, low, high = median_run(f"{url}/{name}.html", runs, cli=cli)
        desktop, dlow, dhigh = median_run(f"{url}/{name}.html", desktop_runs, desktop=True,
                                          cli=cli)
        rows[name] = (mobile, desktop)
        print(f"{name:30} {mobile['performance']:4}/{mobile['accessibility']:<3} "
              f"({low:>2}-{high:>3}) {desktop['performance']:4}/{desktop['accessibility']:<3} "
              f"({dlow:>2}-{dhigh:>3}) {mobile['fcp_s']:6.1f} {mobile['lcp_s']:6.1f} "
              f"{mobile['tbt_ms']:7.0f} {mobile['dom']:6.0f}")
    server.shutdown()
    return rows


def pages_of(out):
    """The site's pages to weigh: the home page, every notebook, the teacher's guide, and
    the slide decks."""
    notebooks = [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    decks = [f"slides/{p.stem}" for p in sorted((Path(out) / "slides").glob("session-*.html"))]
    return ["index", *notebooks, "teacher_guide", *decks]


def saved_runs(out):
    """[(page, model id, files, bytes as stored (gzip), bytes unpacked, largest unpacked)]:
    the runs of the explorers' menus, fetched only when a menu is used."""
    runs = Path(out) / "_static" / "_runs"
    # a page's explorers name their runs in its saved state (_static/state/<page>.json)
    pages = {p.stem: p.read_text() for p in (Path(out) / "_static" / "state").glob("*.json")}
    rows = []
    for folder in sorted(runs.iterdir()) if runs.exists() else []:
        files = list(folder.iterdir())
        unpacked = [len(gzip.decompress(f.read_bytes())) for f in files]
        page = next((n for n, t in pages.items() if f"_runs/{folder.name}/" in t), "?")
        rows.append((page, folder.name, len(files), sum(f.stat().st_size for f in files),
                     sum(unpacked), max(unpacked)))
    return rows


def main():
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp()) / "_site"
    seconds = build_site.build(out, ROOT / ".site-cache")
    print(f"build: {seconds:.1f} s (site and slides)")
    server, url = serve(out)
    mb = 1e6
    head = "".join(f"{k:>14}" for k in KINDS)
    print(f"first visit, MB raw / gzip (budget {BUDGET / mb:.0f} MB raw per page)")
    print(f"{'page':30} {'total':>13}{head}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name in pages_of(out):
            (raw, packed), by_kind = totals(first_visit(browser, f"{url}/{name}.html"))
            cells = "".join(f"{r / mb:7.2f}/{g / mb:5.2f} " for r, g in by_kind.values())
            flag = "" if raw <= BUDGET else "  over budget"
            print(f"{name:30} {raw / mb:6.2f}/{packed / mb:5.2f} {cells}{flag}")
        browser.close()
    server.shutdown()
    print("saved runs of the menus (fetched only when a menu is used), MB stored (gzip) / "
          "unpacked")
    rows = saved_runs(out)
    for page, model, files, stored, unpacked, largest in rows:
        print(f"{page:30} {model[:10]:10} {files:4} files {stored / mb:6.2f} / {unpacked / mb:6.2f}"
              f"   largest {largest / mb:.3f}")
    print(f"{'all':30} {'':10} {sum(r[2] for r in rows):4} files "
          f"{sum(r[3] for r in rows) / mb:6.2f} / {sum(r[4] for r in rows) / mb:6.2f}")
    if "--no-lighthouse" not in sys.argv:
        runs = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--runs=")), 5))
        lighthouse_table(out, [n for n in pages_of(out) if not n.startswith("slides/")], runs)


if __name__ == "__main__":
    main()
