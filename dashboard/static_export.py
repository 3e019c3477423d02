"""Images from figures for files: one Kaleido server (one Chromium) per batch, format checks; and a page printed
to PDF by the same Chromium, driven through Kaleido's own dependency (choreographer, DevTools Page.printToPDF)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import kaleido
import plotly.graph_objects as go
from choreographer import Browser
from choreographer.browsers.chromium import Chromium
from choreographer.errors import BrowserClosedError, BrowserFailedError, DevtoolsProtocolError
from kaleido.errors import JavascriptError, KaleidoError

from dashboard.errors import BilateralError
from dashboard.figures import style

FORMATS = ("png", "svg", "pdf")
PIPE_LOGGER = "choreographer.channels.pipe"
MAGIC = {"png": (b"\x89PNG\r\n\x1a\n",), "pdf": (b"%PDF-",), "svg": (b"<svg", b"<?xml")}

PRINT_TIMEOUT_S = 120
# Page.printToPDF: the page's own @page size and margins (A4 portrait), backgrounds, a tagged PDF with an
# outline from the headings, and page numbers in the bottom margin.
PRINT_OPTIONS = {
    "printBackground": True,
    "preferCSSPageSize": True,
    "generateTaggedPDF": True,
    "generateDocumentOutline": True,
    "displayHeaderFooter": True,
    "headerTemplate": "<span></span>",
    "footerTemplate": (
        '<div style="font:8px Liberation Sans,Arial,sans-serif;color:#555;width:100%;text-align:center">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    ),
}

Exporter = Callable[[go.Figure, str], bytes]
Printer = Callable[[Path], bytes]


class ReportError(BilateralError):
    """The figures cannot be exported: no browser, or an output folder that cannot be written."""


class ExportFailed(ReportError):
    """One figure's image came back empty or not in the format asked for."""


# What exporting can raise without a bug in this package: the browser, the page, the disk.
EXPORT_ERRORS = (
    KaleidoError,
    JavascriptError,
    DevtoolsProtocolError,
    BrowserClosedError,
    BrowserFailedError,
    TimeoutError,
    OSError,
    ExportFailed,
)


def kaleido_export(fig: go.Figure, fmt: str) -> bytes:
    """One image at the fixed export size (style.EXPORT_WIDTH x EXPORT_HEIGHT, scale 1) from the sync server."""
    opts = {"format": fmt, "width": style.EXPORT_WIDTH, "height": style.EXPORT_HEIGHT, "scale": 1}
    return kaleido.calc_fig_sync(fig.to_dict(), opts=opts)


@contextmanager
def kaleido_server():
    """One headless Chromium for the whole batch (Kaleido's sync server, no MathJax), stopped however it ends.

    Kaleido's server thread dies silently when the browser cannot start, and a call would then wait forever,
    so the browser is looked for first, as Kaleido looks for it ($BROWSER_PATH, then PATH).
    """
    _require_browser()
    quiet_pipe = _TornMessageFilter()
    logging.getLogger(PIPE_LOGGER).addFilter(quiet_pipe)
    kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True)
    try:
        yield kaleido_export
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
        logging.getLogger(PIPE_LOGGER).removeFilter(quiet_pipe)


def print_pdf(page: Path) -> bytes:
    """`page` (a self-contained HTML file) printed to PDF by a headless Chromium, as Kaleido finds it: the
    browser's own print (Page.printToPDF over DevTools) with the page's print stylesheet; no new dependency."""
    _require_browser()
    quiet_pipe = _TornMessageFilter()
    logging.getLogger(PIPE_LOGGER).addFilter(quiet_pipe)
    try:
        return _run_apart(lambda: asyncio.wait_for(_print(page.resolve().as_uri()), PRINT_TIMEOUT_S))
    finally:
        logging.getLogger(PIPE_LOGGER).removeFilter(quiet_pipe)


def _run_apart(make):
    """Run a coroutine to its end on an event loop of its own, in a thread of its own: the caller may already be
    inside a running loop (a notebook, a test process that drove Playwright), where asyncio.run refuses."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="print-pdf") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def _print(url: str) -> bytes:
    """Open `url` in a new headless Chromium, wait for its load event, print it."""
    async with Browser(headless=True) as browser:
        tab = browser.get_tab()
        if tab is None:
            raise ExportFailed("Chromium opened no tab to print in")
        await tab.send_command("Page.enable")
        loaded = tab.subscribe_once("Page.loadEventFired")
        navigated = await tab.send_command("Page.navigate", params={"url": url})
        if "error" in navigated or navigated.get("result", {}).get("errorText"):
            raise ExportFailed(f"Chromium could not open the page: {navigated}")
        await loaded
        printed = await tab.send_command("Page.printToPDF", params=PRINT_OPTIONS)
    if "error" in printed:
        raise ExportFailed(f"Chromium could not print the page: {printed['error']}")
    return base64.b64decode(printed["result"]["data"])


def _require_browser() -> None:
    """A ReportError unless Chromium can be found where Kaleido looks ($BROWSER_PATH, then PATH)."""
    if Chromium.find_browser(skip_local=False) is None:
        raise ReportError(
            "no Chromium found: install Debian's chromium and fonts-liberation (make system-deps) "
            "or set BROWSER_PATH; never download a browser"
        )


class _TornMessageFilter(logging.Filter):
    """Drops choreographer's "JSONError decoding message. Ignoring" (with a traceback) when Chromium stops."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False for that one message, which choreographer itself ignores."""
        return not str(record.msg).startswith("JSONError decoding message")


def checked(fmt: str, data: bytes) -> bytes:
    """`data` if it starts like a `fmt` file; else ExportFailed."""
    if not isinstance(data, bytes) or not data.lstrip()[:8].startswith(MAGIC[fmt]):
        raise ExportFailed(f"the {fmt} image is empty or not {fmt}")
    return data


def file_entry(name: str, fmt: str, data: bytes) -> dict:
    """A written file as the manifest lists it: name, format, sha256 and size in bytes."""
    return {"file": name, "format": fmt, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def prepare(out_dir: Path) -> Path:
    """Create the output folder; one that cannot be created or written is a ReportError."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"{out_dir}: cannot create the output folder: {error.strerror or error}") from error
    if not os.access(out_dir, os.W_OK):
        raise ReportError(f"{out_dir}: the output folder is not writable")
    return out_dir
