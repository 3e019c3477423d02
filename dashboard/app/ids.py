"""Component ids, written once: the layout and the callbacks name components only through these."""

from __future__ import annotations

import json

# The address bar. Callbacks write the view into it without reloading (refresh=False).
URL = "url"
# A request to navigate (redraw the page) to an address: {"href": ..., "at": ...}; a clientside callback obeys it.
NAVIGATE = "navigate"

NAV_TOGGLE = "nav-toggle"  # the phone menu button
NAV_COLLAPSE = "nav-collapse"
YEAR_SLIDER = "year-slider"  # a pattern type: each page with time charts has its own, {"type", "page"}

SOURCE_PANEL = "source-panel"
SOURCE_BODY = "source-body"
ERROR_ALERT = "error-alert"
# The trade page's upload: the file picker and where its check (report or recomputed ledger) is shown.
UPLOAD = "trade-upload"
TEXT_INPUT = "text-input"  # the Check a text page: the text box, its button, the verdicts
TEXT_BUTTON = "text-button"
TEXT_RESULT = "text-result"
UPLOAD_RESULT = "trade-upload-result"
UPLOAD_REPLACE = "trade-upload-replace"  # checked: the file's series alone, not merged over the bundled one

# Pattern-matching types. Time charts follow the app's year range; other charts do not.
TIME_CHART = "time-chart"
CHART = "chart"
TAB_BUTTON = "tab-button"
TAB_PANEL = "tab-panel"
CHART_DESCRIPTION = "chart-description"
TAB_BODY = "tab-body"
IMAGE_BUTTON = "image-button"
COPY_LINK = "copy-link"
COPY_STATUS = "copy-status"
SNIPPET_BUTTON = "snippet-button"  # Cite / Embed
SNIPPET = "snippet"
SNIPPET_SOURCE = "snippet-source"
SNIPPET_COPY = "snippet-copy"
SNIPPET_COPIED = "snippet-copied"
NAV_LINK = "nav-link"
TARGET_LINK = "target-link"
DATA_CHOICE = "data-choice"
DATA_APPLY = "data-apply"  # a data choice's Apply button (a select alone never redraws the page)
DOWNLOAD_LINK = "download-link"  # a chart's CSV or zip link; its address follows the years shown
CHART_HOW = "chart-how"  # the line under a chart saying how to use it (mouse and keyboard)
# A page's later chart: its graph waits in a store (LATER_GRAPH) until the first chart is on screen, then takes the
# place of the store in its slot (LATER_SLOT).
LATER_GRAPH, LATER_SLOT = "later-graph", "later-slot"
TRADE_CHOICE, VINTAGE_CHOICE = "trade", "vintage"  # the data a page's view may switch


def chart_id(name: str, follows_year_range: bool) -> dict:
    """The id of a figure's dcc.Graph: its type says whether it follows the year range."""
    return {"type": TIME_CHART if follows_year_range else CHART, "name": name}


def later_ids(name: object) -> tuple[dict, dict]:
    """The ids of a later chart's store (holding its graph) and of the slot the graph is put in (`name` may be
    a pattern such as MATCH)."""
    return {"type": LATER_GRAPH, "name": name}, {"type": LATER_SLOT, "name": name}


def dom_id(component_id: dict) -> str:
    """The id the browser sees for a pattern-matching id (Dash's form: JSON with sorted keys, no spaces)."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def year_slider_id(page: str) -> dict:
    """The id of a page's year range slider (pages without time charts have none)."""
    return {"type": YEAR_SLIDER, "page": page}


def tab_button_id(name: str, tab: str) -> dict:
    """The id of one of a chart's tabs (chart, table, sources, download)."""
    return {"type": TAB_BUTTON, "name": name, "tab": tab}


def tab_panel_id(name: str, tab: str) -> dict:
    """The id of the panel a chart's tab shows."""
    return {"type": TAB_PANEL, "name": name, "tab": tab}


def chart_description_id(name: str) -> dict:
    """The id of a chart's description in words (its accessible description)."""
    return {"type": CHART_DESCRIPTION, "name": name}


def tab_body_id(name: str, kind: str) -> dict:
    """The id of a tab's body that fills in when opened ('table' or 'sources')."""
    return {"type": TAB_BODY, "name": name, "kind": kind}


def image_button_id(name: str, image_format: str) -> dict:
    """The id of a chart's PNG or SVG download button."""
    return {"type": IMAGE_BUTTON, "name": name, "format": image_format}


def copy_link_id(name: str) -> dict:
    """The id of a chart's 'Copy link' button."""
    return {"type": COPY_LINK, "name": name}


def snippet_button_id(name: str, kind: str) -> dict:
    """The id of a chart's Cite ('cite') or Embed ('embed') button."""
    return {"type": SNIPPET_BUTTON, "name": name, "kind": kind}


def snippet_id(name: str, kind: str) -> dict:
    """The id of where a chart's citation or iframe snippet is shown."""
    return {"type": SNIPPET, "name": name, "kind": kind}


def snippet_copy_id(name: str, kind: str) -> dict:
    """The id of the button that copies a chart's citation or embed snippet."""
    return {"type": SNIPPET_COPY, "name": name, "kind": kind}


def snippet_copied_id(name: str) -> dict:
    """The id of the line that says a snippet was copied."""
    return {"type": SNIPPET_COPIED, "name": name}


def snippet_source_id(name: str) -> dict:
    """The id of the store with a chart's citation address and embed path."""
    return {"type": SNIPPET_SOURCE, "name": name}


def copy_status_id(name: str) -> dict:
    """The id of the line that says the link was copied."""
    return {"type": COPY_STATUS, "name": name}


def nav_link_id(page: str) -> dict:
    """The id of a page's link in the navigation bar."""
    return {"type": NAV_LINK, "page": page}


def target_link_id(target_id: str) -> dict:
    """The id of a target's link in the ledger table."""
    return {"type": TARGET_LINK, "target": target_id}


def data_choice_id(name: str) -> dict:
    """The id of a page's select of a dataset version (TRADE_CHOICE) or SIPRI vintage (VINTAGE_CHOICE)."""
    return {"type": DATA_CHOICE, "name": name}


def data_apply_id(name: str) -> dict:
    """The id of the Apply button beside a data choice (each applies all the page's choices)."""
    return {"type": DATA_APPLY, "name": name}


def download_link_id(name, kind: str) -> dict:
    """The id of a chart's 'csv' or 'zip' download link (name: the chart's, or MATCH)."""
    return {"type": DOWNLOAD_LINK, "name": name, "kind": kind}


def chart_how_id(name: str) -> dict:
    """The id of the line saying how to use a chart (part of its accessible description)."""
    return {"type": CHART_HOW, "name": name}
