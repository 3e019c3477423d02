"""The data API in-process: every route answers, the chart rows match the chart and the datasets, the metadata and
citations match the descriptors and files, the OpenAPI document matches the routes, errors and 304s."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import pandas as pd
import pytest

from dashboard.app.view import View
from dashboard.formatting import publisher_name

CHART = "trade_flows"  # a time chart of the trade dataset
PANELS = "border_lengths"  # a chart without a year axis, in two panels
VIEW = {"from": "2000", "to": "2010", "trade": "2026-11-28"}
EXPORTS = "china_exports_to_russia"
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


def _csv(response) -> list[dict]:
    """The rows of a CSV answer."""
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _dataset(bundled, name: str, version: str) -> pd.DataFrame:
    """A dataset version's CSV as text, read straight from datasets/ (not through the API)."""
    path = bundled.resolve(name, version).csv_path
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _versions(bundled) -> dict[str, str]:
    """The dataset versions of the VIEW: its trade version and the active bibliography."""
    return {"trade": VIEW["trade"], "sources": bundled.active_versions()["sources"]}


def _path_values(bundled, chart: str = CHART) -> dict[str, str]:
    """Values for the path parameters of the routes."""
    return {"name": "trade", "version": "2002", "chart_id": chart}


def _fill(path: str, values: dict[str, str]) -> str:
    """An OpenAPI path with its {parameters} filled in."""
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


# --- datasets ---


def test_the_dataset_list_names_every_version_with_its_hash(client, bundled):
    listed = client.get("/api/v1/datasets").get_json()["datasets"]
    assert {d["name"]: d["active"] for d in listed} == bundled.active_versions()
    for dataset in listed:
        assert [v["version"] for v in dataset["versions"]] == bundled.versions(dataset["name"])
        for version in dataset["versions"]:
            path = bundled.resolve(dataset["name"], version["version"]).csv_path
            assert version["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            assert version["bytes"] == path.stat().st_size


@pytest.mark.parametrize("version", ["2002", "2026-11-28"])
def test_a_dataset_version_is_served_as_stored(client, bundled, version):
    dataset = bundled.resolve("trade", version)
    response = client.get(f"/api/v1/datasets/trade/{version}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data == dataset.csv_path.read_bytes()
    descriptor = client.get(f"/api/v1/datasets/trade/{version}/datapackage.json")
    assert descriptor.get_json() == json.loads((dataset.directory / "datapackage.json").read_text())
    rows = client.get(f"/api/v1/datasets/trade/{version}.json").get_json()
    expected = _dataset(bundled, "trade", version)
    assert len(rows["rows"]) == len(expected) == dataset.resource["rows"]
    assert rows["sha256"] == dataset.resource["hash"].removeprefix("sha256:")
    assert [r["year"] for r in rows["rows"]] == [int(y) for y in expected["year"]]
    assert [r["value_usd_bn"] for r in rows["rows"]] == [
        float(v) if v else None for v in expected["value_usd_bn"]
    ]
    units = {f["name"]: f.get("unit") for f in rows["fields"]}
    assert units["value_usd_bn"].startswith("US$ bn")


# --- ledger ---


def test_the_ledger_follows_the_trade_version_and_the_as_of_year(client, bundled):
    active = bundled.active_versions()
    targets = _dataset(bundled, "targets", active["targets"])
    ledger = client.get("/api/v1/ledger.json?trade=2002").get_json()
    assert ledger["versions"]["trade"] == "2002" and ledger["as_of_year"] == 2026
    assert ledger["sha256"]["trade"] == bundled.resolve("trade", "2002").expected_sha256
    assert {t["target_id"] for t in ledger["targets"]} == set(targets["target_id"])
    deadline = targets[targets["deadline_year"] != ""].iloc[0]
    year = int(deadline["deadline_year"])
    judged = {
        as_of: next(
            t["status"]
            for t in client.get(f"/api/v1/ledger.json?as_of={as_of}").get_json()["targets"]
            if t["target_id"] == deadline["target_id"]
        )
        for as_of in (year - 2, 2026)
    }
    assert judged[2026] in ("met", "missed")
    assert judged[year - 2] not in ("met", "missed")


def test_the_ledger_csv_has_a_row_per_target(client, bundled):
    active = bundled.active_versions()
    targets = _dataset(bundled, "targets", active["targets"])
    response = client.get("/api/v1/ledger.csv?as_of=2020")
    rows = _csv(response)
    assert response.mimetype == "text/csv"
    assert sorted(r["target_id"] for r in rows) == sorted(targets["target_id"])
    assert "yearly" not in rows[0] and "status" in rows[0]


# --- charts ---


def test_the_chart_list_names_every_registered_chart(client, api_app):
    listed = client.get("/api/v1/charts").get_json()["charts"]
    from dashboard.figures.registry import registered

    assert [c["id"] for c in listed] == list(registered())
    assert all(c["csv"].endswith(f"/api/v1/charts/{c['id']}.csv") for c in listed)


def test_the_chart_csv_holds_the_points_the_chart_shows_in_the_view(client, api_loader):
    from dashboard.app.data import AppData
    from dashboard.figures.registry import registered

    rows = _csv(client.get(f"/api/v1/charts/{CHART}.csv", query_string=VIEW))
    data = AppData(api_loader, registered())
    figure = data.figure(CHART, View(versions=(("trade", VIEW["trade"]),)))
    expected = {
        (trace.name, int(x), float(y))
        for trace in figure.data
        if trace.customdata is not None
        for x, y in zip(trace.x, trace.y)
        if 2000 <= x <= 2010 and y is not None
    }
    assert {(r["series"], int(r["x"]), float(r["y"])) for r in rows} == expected
    assert all(r["y_axis"] and "US$ bn" in r["y_axis"] and r["x_axis"] == "Year" for r in rows)


def test_the_chart_csv_matches_the_dataset_for_the_view(client, bundled):
    """China's exports in the CSV are the trade dataset's preferred rows of those years, with their sources."""
    for version in ("2026-11-28", "2002"):
        rows = _csv(client.get(f"/api/v1/charts/{CHART}.csv", query_string={**VIEW, "trade": version}))
        trade = _dataset(bundled, "trade", version)
        preferred = trade[
            (trade["measure"] == EXPORTS)
            & (trade["preferred"] == "true")
            & (trade["value_usd_bn"] != "")
            & trade["year"].astype(int).between(2000, 2010)
        ]
        exports = [r for r in rows if r["series"] == "China's exports to Russia"]
        assert sorted((int(r["x"]), float(r["y"]), r["source_id"]) for r in exports) == sorted(
            (int(y), float(v), s)
            for y, v, s in zip(preferred["year"], preferred["value_usd_bn"], preferred["source_id"])
        )
        sources = _dataset(bundled, "sources", bundled.active_versions()["sources"]).set_index("source_id")
        for row in rows:
            # as a reader cites it: the 2002 article by its title, every other publisher as recorded
            assert row["publisher"] == publisher_name(
                row["source_id"], sources.loc[row["source_id"], "publisher"].lstrip("=+-@")
            )


def test_a_chart_without_a_year_axis_keeps_every_point_and_each_panels_axes(client):
    every = _csv(client.get(f"/api/v1/charts/{PANELS}.csv"))
    ranged = _csv(client.get(f"/api/v1/charts/{PANELS}.csv?from=2000&to=2001"))
    assert every == ranged and every
    assert len({r["x_axis"] for r in every}) >= 1 and all(r["x_axis"] for r in every)


def test_the_metadata_matches_the_descriptors(client, bundled):
    meta = client.get(f"/api/v1/charts/{CHART}.metadata.json", query_string=VIEW).get_json()
    rows = _csv(client.get(f"/api/v1/charts/{CHART}.csv", query_string=VIEW))
    assert {d["name"] for d in meta["datasets"]} == {"trade", "sources"}
    for dataset in meta["datasets"]:
        described = bundled.resolve(dataset["name"], dataset["version"]).descriptor
        resource = described["resources"][0]
        assert dataset["sha256"] == resource["hash"].removeprefix("sha256:")
        assert (dataset["rows"], dataset["bytes"]) == (resource["rows"], resource["bytes"])
        assert dataset["licenses"] == described["licenses"]
        assert all(
            licence in meta["licenses"] or licence["name"] in {x["name"] for x in meta["licenses"]}
            for licence in described["licenses"]
        )
    trade = bundled.resolve("trade", VIEW["trade"])
    unit = next(f["unit"] for f in trade.fields if f["name"] == "value_usd_bn").split(" (")[0]
    assert any(unit in y for y in meta["units"]["y"])
    assert meta["rows"] == len(rows)
    sources = _dataset(bundled, "sources", bundled.active_versions()["sources"]).set_index("source_id")
    assert {s["source_id"] for s in meta["sources"]} == {r["source_id"] for r in rows}
    for source in meta["sources"]:
        expected = sources.loc[source["source_id"]]
        for key in ("publisher", "published", "url", "quote"):
            assert (source[key] or "") == expected[key]
    bibliography = bundled.active_versions()["sources"]
    assert meta["permalink"].endswith(f"/trade?from=2000&to=2010&sources={bibliography}&trade=2026-11-28")
    assert meta["view"] == {
        "from": 2000,
        "to": 2010,
        "versions": {"sources": bibliography, "trade": "2026-11-28"},
        "vintage": None,
        "target": None,
    }


def test_the_permalink_opens_the_same_view(client):
    meta = client.get(f"/api/v1/charts/{CHART}.metadata.json", query_string=VIEW).get_json()
    path = meta["permalink"].removeprefix("http://localhost")
    assert client.get(path).status_code == 200
    again = client.get(meta["links"]["csv"].removeprefix("http://localhost"))
    assert again.data == client.get(f"/api/v1/charts/{CHART}.csv", query_string=VIEW).data


def test_the_zip_holds_the_csv_the_metadata_and_a_readme(client, bundled):
    response = client.get(f"/api/v1/charts/{CHART}.zip", query_string=VIEW)
    assert response.mimetype == "application/zip" and "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = {n.split("/", 1)[1]: n for n in archive.namelist()}
    assert set(names) == {f"{CHART}.csv", f"{CHART}.metadata.json", "README.md"}
    csv_route = client.get(f"/api/v1/charts/{CHART}.csv", query_string=VIEW).data
    assert archive.read(names[f"{CHART}.csv"]) == csv_route
    readme = archive.read(names["README.md"]).decode()
    for heading in ("## What it shows", "## How to cite", "## Licence", "## Caveats"):
        assert heading in readme
    for name, version in _versions(bundled).items():
        dataset = bundled.resolve(name, version)
        assert dataset.expected_sha256 in readme
        assert all(licence["name"] in readme for licence in dataset.descriptor["licenses"])
    assert client.get(f"/api/v1/charts/{CHART}.zip", query_string=VIEW).data == response.data


def test_the_outlook_data_holds_the_fan_as_computed_rows_and_says_so(client):
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/charts/trade_outlook.zip").data))
    names = {n.split("/", 1)[1]: n for n in archive.namelist()}
    rows = list(csv.DictReader(io.StringIO(archive.read(names["trade_outlook.csv"]).decode())))
    computed = [row for row in rows if row["computed"]]
    assert {row["series"] for row in computed} >= {"Median simulation", "10th percentile of the simulations"}
    assert all(row["source_id"] == "" and "not a sourced figure" in row["computed"] for row in computed)
    # the observed points keep their sources
    assert all(row["source_id"] for row in rows if not row["computed"])
    assert (
        "Rows with a `computed` cell are not stated by any source"
        in archive.read(names["README.md"]).decode()
    )
    flows = client.get("/api/v1/charts/trade_flows.csv").get_data(as_text=True)
    assert "computed" not in flows.splitlines()[0].split(
        ","
    )  # a chart of sourced figures only: no such column


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris", "text"])
def test_a_citation_pins_the_data_by_sha256_and_the_permalink(client, bundled, fmt):
    response = client.get("/api/v1/cite", query_string={"chart": CHART, "format": fmt, **VIEW})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    expected = {
        hashlib.sha256(bundled.resolve(name, version).csv_path.read_bytes()).hexdigest()
        for name, version in _versions(bundled).items()
    }
    assert set(SHA256.findall(text)) == expected
    permalink = client.get(f"/api/v1/charts/{CHART}.metadata.json", query_string=VIEW).get_json()["permalink"]
    assert permalink in text.replace("\\%", "%")
    if fmt == "csl-json":
        item = json.loads(text)[0]
        assert item["type"] == "dataset" and item["URL"] == permalink
    if fmt == "ris":
        assert text.startswith("TY  - DATA") and "ER  - " in text
    if fmt == "bibtex":
        assert text.startswith("@misc{")


def test_the_trade_2002_citation_names_that_version(client, bundled):
    text = client.get("/api/v1/cite", query_string={"chart": CHART, "trade": "2002"}).get_data(as_text=True)
    assert bundled.resolve("trade", "2002").expected_sha256 in text and "trade 2002" in text


# --- OpenAPI ---


def test_every_route_is_described(client, api_app):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    rules = {
        re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for rule in api_app.server.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.not_found"
    }
    assert rules and rules == set(document["paths"])


def test_every_described_route_answers(client, bundled):
    document = client.get("/api/v1/openapi.json").get_json()
    for path, item in document["paths"].items():
        operation = item["get"]
        required = {p["name"]: CHART for p in operation["parameters"] if p["in"] == "query" and p["required"]}
        response = client.get(_fill(path, _path_values(bundled)), query_string=required)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:200])
        assert response.mimetype == next(iter(operation["responses"]["200"]["content"])), path


def test_every_described_query_parameter_is_accepted(client):
    document = client.get("/api/v1/openapi.json").get_json()
    chart = document["paths"]["/api/v1/charts/{chart_id}.csv"]["get"]
    names = {p["name"] for p in chart["parameters"] if p["in"] == "query"}
    assert {"from", "to", "trade", "vintage", "target"} <= names
    values = {"from": "2000", "to": "2010", "trade": "2002", "vintage": None, "target": None}
    for name in names:
        value = values.get(name)
        if value is None:
            continue
        assert client.get(f"/api/v1/charts/{CHART}.csv", query_string={name: value}).status_code == 200


# --- errors and caching ---


@pytest.mark.parametrize(
    ("address", "status", "parameter"),
    [
        ("/api/v1/charts/no_such_chart.csv", 404, None),
        ("/api/v1/charts/no_such_chart.metadata.json", 404, None),
        ("/embed/no_such_chart", 404, None),
        ("/api/v1/datasets/no_such_dataset/2002.csv", 404, None),
        ("/api/v1/datasets/trade/1999.csv", 404, None),
        ("/api/v1/datasets/trade/..%2F..%2Fcatalog.json", 404, None),
        ("/api/v1/no/such/address", 404, None),
        (f"/api/v1/charts/{CHART}.csv?from=last", 400, "from"),
        (f"/api/v1/charts/{CHART}.csv?from=2010&to=2000", 400, "from"),
        (f"/api/v1/charts/{CHART}.csv?to=99999", 400, "to"),
        (f"/api/v1/charts/{CHART}.csv?trade=1999", 400, "trade"),
        (f"/api/v1/charts/{CHART}.csv?from=2000&from=2001", 400, "from"),
        (f"/api/v1/charts/{CHART}.csv?target=no_such_target", 400, "target"),
        (f"/api/v1/charts/{CHART}.csv?vintage=no_such_vintage", 400, "vintage"),
        (f"/api/v1/charts/{CHART}.csv?colour=red", 400, "colour"),
        ("/api/v1/ledger.json?as_of=soon", 400, "as_of"),
        ("/api/v1/ledger.csv?trade=1999", 400, "trade"),
        ("/api/v1/cite", 400, "chart"),
        (f"/api/v1/cite?chart={CHART}&format=doc", 400, "format"),
        ("/api/v1/cite?chart=no_such_chart", 404, None),
        ("/api/v1/datasets?page=2", 400, "page"),
    ],
)
def test_errors_are_json_with_a_message(client, address, status, parameter):
    response = client.get(address)
    assert response.status_code == status
    if address.startswith("/embed/"):
        assert "cannot be shown" in response.get_data(as_text=True)
        return
    body = response.get_json()
    assert body["status"] == status and body["error"] and body["parameter"] == parameter
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_post_is_refused_in_json(client):
    response = client.post("/api/v1/charts")
    assert response.status_code == 405 and response.get_json()["error"]


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/datasets",
        "/api/v1/datasets/trade/2002.csv",
        "/api/v1/ledger.json?trade=2002",
        f"/api/v1/charts/{CHART}.csv?from=2000&to=2010",
        f"/api/v1/charts/{CHART}.zip",
        f"/api/v1/cite?chart={CHART}&format=ris",
        f"/embed/{CHART}",
    ],
)
def test_a_conditional_request_gets_304(client, address):
    first = client.get(address)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and "max-age" in first.headers["Cache-Control"]
    again = client.get(address, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    assert client.get(address, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_the_etag_changes_with_the_data(client):
    tags = {
        client.get(f"/api/v1/charts/{CHART}.csv", query_string={"trade": version}).headers["ETag"]
        for version in ("2002", "2026-11-28")
    }
    tags.add(client.get(f"/api/v1/charts/{CHART}.csv?from=2001").headers["ETag"])
    assert len(tags) == 3


# --- headers and the embed page ---


def test_api_answers_carry_the_security_headers(client):
    response = client.get("/api/v1/charts")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_only_the_embed_page_may_be_framed_and_only_by_the_embed_origins(client):
    from tests.api.conftest import EMBED_ORIGIN

    embed = client.get(f"/embed/{CHART}")
    policy = embed.headers["Content-Security-Policy"]
    assert f"frame-ancestors {EMBED_ORIGIN}" in policy and "'unsafe-inline'" not in _script_src(policy)
    assert "X-Frame-Options" not in embed.headers
    for address in ("/", "/trade", "/api/v1/charts", "/embed-assets/embed.js", "/embed-assets/plotly.min.js"):
        response = client.get(address)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], address
        assert response.headers["X-Frame-Options"] == "DENY", address


def test_without_embed_origins_nobody_may_frame_the_embed(api_loader):
    from dashboard.app import create_app

    response = create_app(api_loader).server.test_client().get(f"/embed/{CHART}")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_embed_page_has_the_chart_its_source_and_a_link_back_and_no_inline_script(client):
    page = client.get(f"/embed/{CHART}", query_string=VIEW).get_data(as_text=True)
    meta = client.get(f"/api/v1/charts/{CHART}.metadata.json", query_string=VIEW).get_json()
    assert f"<h1>{meta['title'].replace(chr(39), '&#39;')}</h1>" in page
    assert meta["permalink"].replace("&", "&amp;") in page
    assert "source-line" in page and "<nav" not in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.DOTALL)
    assert all("src=" in attrs or ('type="application/json"' in attrs) for attrs, _ in scripts)
    data = next(body for attrs, body in scripts if "application/json" in attrs)
    figure = json.loads(data)
    assert figure["layout"]["xaxis"]["range"] == [1999.5, 2010.5]


def _script_src(policy: str) -> str:
    """The script-src directive of a Content-Security-Policy."""
    return next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))


@pytest.mark.parametrize("text", ["https://a.example/path", "a.example", "'self'", "https://a.example;x"])
def test_embed_origins_must_be_origins(text):
    from dashboard.api.origins import parse_origins

    with pytest.raises(ValueError, match="not a web origin"):
        parse_origins(text)


def test_embed_origins_are_read_once_each():
    from dashboard.api.origins import parse_origins

    assert parse_origins("https://a.example  http://127.0.0.1:8000/ https://a.example") == (
        "https://a.example",
        "http://127.0.0.1:8000",
    )


def test_the_claims_come_out_as_json_and_csv(client, bundled):
    # one claim per quantitative figure of the 2002 article: the rows of the active claims dataset
    active = bundled.resolve("claims")
    figures = list(csv.DictReader(io.StringIO(active.csv_path.read_text(encoding="utf-8"))))
    claims = client.get("/api/v1/claims.json").get_json()["claims"]
    assert [c["claim_id"] for c in claims] == [f["claim_id"] for f in figures]
    assert all(c["verdict"] and c["explanation"] for c in claims)
    rows = _csv(client.get("/api/v1/claims.csv"))
    assert [r["claim_id"] for r in rows] == [f["claim_id"] for f in figures]
    assert {r["verdict"] for r in rows} == {c["verdict"] for c in claims}
    again = client.get(
        "/api/v1/claims.json", headers={"If-None-Match": client.get("/api/v1/claims.json").headers["ETag"]}
    )
    assert again.status_code == 304
