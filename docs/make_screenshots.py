"""The README's screenshots, made the way a reader sees the pages: the app on the bundled data, served on
127.0.0.1, photographed by Debian's Chromium at a desktop and a phone size. Run: make screenshots."""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from dashboard.app import create_app, make_loader

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
PAGES = {"overview": "/", "trade": "/trade"}
SETTLE_MS = 1500  # after the charts are drawn, for fonts and the last callback


def main() -> None:
    """Serve the app, open each page at each size, save one PNG per page and size (first screen only)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bilateral-shots-") as cache:
        app = create_app(make_loader(cache_dir=Path(cache)))
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            shoot(base, args.out)
        finally:
            server.shutdown()


def shoot(base: str, out: Path) -> None:
    """One screenshot per page and size."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
                page.wait_for_timeout(SETTLE_MS)
                target = out / f"{name}-{size}.png"
                page.screenshot(path=target)
                print(f"wrote {target}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
