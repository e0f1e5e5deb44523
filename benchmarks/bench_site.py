"""The course website: build time, each page's first-visit weight and the explorers' saved runs.
Prints figures; asserts nothing.

First-visit weight: every byte a browser fetches to show the page the first time (the HTML, the
theme, the widgets' scripts, MathJax and its fonts, pictures), uncompressed and, in brackets,
gzip-compressed as most static hosts (GitHub Pages among them) send text.

Run:  python -m benchmarks.bench_site      (needs requirements-site.txt, npm once, Chromium)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import tempfile
import threading
from pathlib import Path

from tools import build_site

ROOT = Path(__file__).resolve().parents[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp()) / "_site"
    seconds = build_site.build(out, ROOT / ".site-cache")
    print(f"build: {seconds:.1f} s")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    pages = ["index"] + [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    print(f"{'page':34} {'first visit':>12} {'gzip':>9} {'saved runs':>11}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name in pages:
            page = browser.new_page()
            sizes = []
            page.on("response", lambda r, sizes=sizes: sizes.append(r.body() if r.ok else b""))
            page.goto(f"{url}/{name}.html")
            page.wait_for_load_state("networkidle")
            raw = sum(len(b) for b in sizes)
            packed = sum(len(gzip.compress(b)) for b in sizes)
            html = (out / f"{name}.html").read_text()
            state = re.search(r'application/vnd.jupyter.widget-state\+json">(.*?)</script>', html,
                              re.S)
            runs = len(state.group(1)) if state else 0
            print(f"{name:34} {raw / 1e6:9.2f} MB {packed / 1e6:6.2f} MB {runs / 1e3:8.0f} KB")
            page.close()
        browser.close()
    server.shutdown()
    print("budget: 3 MB per first visit")


if __name__ == "__main__":
    main()
