"""Energy page figures: gas and oil delivered to China against the contract volumes and plans stated."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import findings
from dashboard.figures.spec import FigureParams, FigureSpec
from dashboard.figures.style import PALETTE, STATUS_WORDS, finish, year_axis
from dashboard.formatting import amount, percent
from dashboard.processed import Processed

GAS_TARGET = "power_of_siberia_38bcm_a_year"
OIL_TARGET = "yukos_oil_10mt_by_2005"
PREFERRED_NAME = "Power of Siberia deliveries (preferred figure per year)"
CONFLICTS_NAME = "Power of Siberia deliveries, other sources (conflicting figures)"
SOURCE_LINE = "Sources: the 2002 article, Gazprom, GACC (Chinese customs) via TASS, Reuters and others"
PLAN_LABEL_MARGIN_PX = 60  # room right of the plot for "plan 30" beside the last years, at 390 px too


def energy_deliveries(
    energy: pd.DataFrame,
    ledger: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Power of Siberia deliveries by year (preferred row per year; conflicting rows faint) against the
    contract's yearly volume from the ledger, with the year's plan as a target marker."""
    rows = _select(energy, "gas", "power_of_siberia", "deliveries", "bcm")
    fig = go.Figure()
    preferred, others = _split_preferred(rows)
    for index, run in enumerate(_runs(preferred)):
        fig.add_trace(_delivery_line(run, PREFERRED_NAME, index == 0))
    if len(others):
        fig.add_trace(_faint_points(others, CONFLICTS_NAME))
    plans = energy[
        (energy["commodity"] == "gas")
        & (energy["route"] == "power_of_siberia")
        & (energy["measure"] == "plan")
        & (energy["unit"] == "bcm")
        & energy["year"].notna()
    ]
    target = _ledger_row(ledger, GAS_TARGET)
    if len(plans):
        contract = None if target is None else target["target_value"]
        fig.add_trace(_plan_markers(plans, "Plan for the year (not outturn)", contract))
    if target is not None:
        _contract_line(fig, target, highlighted=highlight_target == GAS_TARGET)
    finish(
        fig,
        title=findings.gas_finding(target, preferred),
        subtitle="Gas delivered to China through the Power of Siberia pipeline, bcm a year (Gazprom and "
        "Chinese customs figures; conflicting figures kept, faint), against the contract's yearly volume and "
        "the plan sourced for a year",
        y_title="bcm",
        source_line=SOURCE_LINE,
        versions=versions,
    )
    tops = [*rows["value"], *plans["value"], *([target["target_value"]] if target is not None else [])]
    fig.update_yaxes(range=[0, 1.2 * max(tops)] if tops else None)
    if len(plans):
        fig.update_layout(margin_r=PLAN_LABEL_MARGIN_PX)
    if target is not None and highlight_target == GAS_TARGET:
        _verdict(fig, target, "bcm")
    return _year_axis(fig, year_range, rows["year"])


def oil_deliveries(
    energy: pd.DataFrame,
    ledger: pd.DataFrame,
    *,
    year_range: tuple[int, int] | None = None,
    highlight_target: str | None = None,
    versions: dict[str, str] | None = None,
) -> go.Figure:
    """Yukos rail deliveries against its 10 Mt plan (from the ledger); China's crude imports from Russia."""
    fig = go.Figure()
    yukos = _split_preferred(_select(energy, "oil", "yukos_rail", "deliveries", "mt"))[0]
    if len(yukos):
        fig.add_trace(_bars(yukos, "Yukos rail deliveries to China", PALETTE["orange"], "", ""))
    crude, others = _split_preferred(_select(energy, "oil", "all_routes", "deliveries", "mt"))
    bound = crude["qualifier"] == "more_than"
    if (~bound).any():
        fig.add_trace(
            _bars(crude[~bound], "China's crude imports from Russia, all routes", PALETTE["blue"], "", "")
        )
    if bound.any():
        fig.add_trace(
            _bars(
                crude[bound],
                "China's crude imports from Russia: lower bound ('more than')",
                PALETTE["blue"],
                "/",
                "> ",
            )
        )
    if len(others):
        fig.add_trace(_faint_points(others, "China's crude imports from Russia, other sources"))
    rail, rail_others = _split_preferred(_select(energy, "oil", "rail", "deliveries", "mt"))
    if len(rail):
        # the whole Yukos' rail shipments were part of, what its plan is judged on without a figure of its own;
        # unlabelled: its 2005 figure is in the title, the others on hover
        name = "Russia's oil exports to China by rail, all companies"
        fig.add_trace(_bars(rail, name, PALETTE["green"], "", "", labelled=False))
    if len(rail_others):
        fig.add_trace(_faint_points(rail_others, "Russia's oil exports to China by rail, other sources"))
    target = _ledger_row(ledger, OIL_TARGET)
    if target is not None and str(target["deadline"]).isdigit():
        fig.add_trace(_target_marker(target, highlighted=highlight_target == OIL_TARGET))
    fig.update_layout(barmode="overlay")
    finish(
        fig,
        title=findings.oil_finding(target, crude, rail),
        subtitle="Oil to China, Mt a year: Yukos rail deliveries against its plan for 2005, Russia's rail exports "
        "to China by all companies (of which Yukos' were a part), and China's crude imports from Russia by all "
        "routes (Chinese customs as reported); hatched bars are lower bounds",
        y_title="Mt",
        source_line=SOURCE_LINE,
        versions=versions,
    )
    if target is not None and highlight_target == OIL_TARGET:
        _verdict(fig, target, "Mt")
    return _year_axis(fig, year_range, pd.concat([yukos["year"], crude["year"], others["year"]]))


# --- private helpers ----------------------------------------------------------------------------------------


def _select(energy: pd.DataFrame, commodity: str, route: str, measure: str, unit: str) -> pd.DataFrame:
    """Actual rows of one commodity, route, measure and unit that have a year, by year."""
    rows = energy[
        (energy["commodity"] == commodity)
        & (energy["route"] == route)
        & (energy["measure"] == measure)
        & (energy["unit"] == unit)
        & (energy["kind"] == "actual")
        & energy["year"].notna()
    ]
    return rows.sort_values(["year", "source_id"])


def _split_preferred(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows marked preferred, and the others (kept, drawn apart)."""
    preferred = rows["preferred"].fillna(False).astype(bool)
    return rows[preferred], rows[~preferred]


def _runs(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """Split rows into runs of consecutive years, so a line never bridges years without data."""
    if not len(rows):
        return []
    years = rows["year"].astype(int)
    return [group for _, group in rows.groupby((years.diff() != 1).cumsum(), sort=True)]


def _customdata(rows: pd.DataFrame) -> list[list[str]]:
    """[source_id, period, note] per row."""
    return [
        [s, p, n if isinstance(n, str) else ""]
        for s, p, n in zip(rows["source_id"], rows["period_label"], rows["note"])
    ]


def _delivery_line(run: pd.DataFrame, name: str, showlegend: bool) -> go.Scatter:
    """One run of the preferred delivery series."""
    return go.Scatter(
        x=run["year"].astype(int).tolist(),
        y=run["value"].tolist(),
        name=name,
        mode="lines+markers+text",
        legendgroup="deliveries",
        showlegend=showlegend,
        text=[f"{v:g}" for v in run["value"]],
        textposition="top left",
        line={"color": PALETTE["blue"], "width": 3},
        marker={"symbol": "circle", "size": 9},
        customdata=_customdata(run),
        hovertemplate="%{x}: %{y:g} bcm delivered<br>%{customdata[2]}<br>source: %{customdata[0]}"
        "<extra></extra>",
    )


def _faint_points(rows: pd.DataFrame, name: str) -> go.Scatter:
    """Rows that conflict with the preferred one: faint open markers, never joined."""
    unit = "bcm" if (rows["unit"] == "bcm").all() else "Mt"
    return go.Scatter(
        x=rows["year"].astype(int).tolist(),
        y=rows["value"].tolist(),
        name=name,
        mode="markers",
        opacity=0.5,
        marker={"symbol": "circle-open", "size": 10, "color": PALETTE["grey"], "line": {"width": 2}},
        customdata=_customdata(rows),
        hovertemplate="%{x}: %{y:g} " + unit + " (not preferred)<br>%{customdata[2]}"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _plan_markers(rows: pd.DataFrame, name: str, contract: float | None = None) -> go.Scatter:
    """A year's plan as a target marker (data rows of the energy dataset, so they carry their sources). Labelled
    once per year and value (two sources may state the same plan), and not where the plan is the contract's own
    volume (the plateau: the contract line says it); every marker keeps its hover and source."""
    return go.Scatter(
        x=rows["year"].astype(int).tolist(),
        y=rows["value"].tolist(),
        name=name,
        mode="markers+text",
        text=[
            "" if seen or value == contract else f"plan {value:g}"
            for value, seen in zip(rows["value"], rows.duplicated(["year", "value"]))
        ],
        textposition="bottom right",  # below-right of a star is clear of the rising delivery line and its labels
        cliponaxis=False,  # a late year's label may run into the right margin (widened for it) at phone width
        marker={"symbol": "star-open", "size": 16, "color": PALETTE["orange"], "line": {"width": 2}},
        customdata=_customdata(rows),
        hovertemplate="%{x}: plan of %{y:g} bcm (a target, not outturn)<br>%{customdata[2]}"
        "<br>source: %{customdata[0]}<extra></extra>",
    )


def _bars(
    rows: pd.DataFrame, name: str, colour: str, pattern: str, words: str, labelled: bool = True
) -> go.Bar:
    """Yearly tonnages as bars, the latest labelled (unless not `labelled`); a hatched pattern marks lower bounds."""
    return go.Bar(
        x=rows["year"].astype(int).tolist(),
        y=rows["value"].tolist(),
        name=name,
        width=0.7,
        text=[
            f"{words}{v:g}" if labelled and i == len(rows) - 1 else "" for i, v in enumerate(rows["value"])
        ],
        textposition="outside",  # the latest bar only: neighbours' labels would meet at 390 px
        cliponaxis=False,
        constraintext="none",
        marker={
            "color": colour,
            "pattern": {"shape": pattern, "fgcolor": PALETTE["black"]},
            "line": {"color": PALETTE["black"], "width": 0.5},
        },
        customdata=_customdata(rows),
        hovertemplate="%{x}: "
        + words
        + "%{y:g} Mt<br>%{customdata[2]}<br>source: %{customdata[0]}<extra>"
        + name
        + "</extra>",
    )


def _ledger_row(ledger: pd.DataFrame, target_id: str) -> dict | None:
    """One target's ledger entry as a dict, or None when the ledger lacks it."""
    rows = ledger[ledger["target_id"] == target_id]
    return rows.iloc[0].to_dict() if len(rows) else None


def _contract_line(fig: go.Figure, target: dict, highlighted: bool) -> None:
    """The contract's yearly volume as a reference line (not data: no customdata), named after its target."""
    fig.add_hline(
        y=target["target_value"],
        line={"color": PALETTE["vermillion"], "dash": "dash", "width": 4 if highlighted else 2},
        name=f"Contract volume: {target['target_value']:g} bcm a year",
        showlegend=True,
        annotation_text=f"contract: {amount(target['target_value'], 'bcm')} a year ({int(target['pledge_year'])})",
        annotation_position="top left",
        annotation_font_size=11,
    )


def _target_marker(target: dict, highlighted: bool) -> go.Scatter:
    """A by-year target as a marker at its deadline (a reference from the ledger, not data: no customdata)."""
    value, deadline = target["target_value"], int(target["deadline"])
    return go.Scatter(
        x=[deadline],
        y=[value],
        name=f"Target: {target['title']}",
        mode="markers+text",
        text=[f"plan: {value:g} by {deadline}"],
        textposition="top center",
        marker={
            "symbol": "star-open",
            "size": 22 if highlighted else 16,
            "color": PALETTE["vermillion"],
            "line": {"width": 3 if highlighted else 2},
        },
        hovertemplate=f"{target['title']}: {value:g} Mt by {deadline} (a plan, not outturn)<extra></extra>",
    )


def _verdict(fig: go.Figure, target: dict, unit: str) -> None:
    """The ledger's verdict on the highlighted target, written at the top left inside the plot."""
    parts = [f"{target['title']}: {STATUS_WORDS.get(str(target['status']), str(target['status']))}"]
    if pd.notna(target.get("actual_at_deadline")) and pd.notna(target.get("actual_year")):
        parts.append(f"{int(target['actual_year'])}: {target['actual_at_deadline']:g} {unit}")
    if pd.notna(target.get("shortfall")):
        parts.append(f"{target['shortfall']:g} {unit} short of {target['target_value']:g}")
    if pd.notna(target.get("attainment_pct")):
        parts.append(f"{percent(target['attainment_pct'])} attained")
    if target.get("notes"):
        parts.append(str(target["notes"]))
    fig.add_annotation(
        text="; ".join(parts),
        xref="paper",
        yref="paper",
        x=0.01,
        y=0.99,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 11},
        bgcolor="#FFF6D5",
        name="verdict",
    )


def _year_axis(fig: go.Figure, year_range: tuple[int, int] | None, years: pd.Series) -> go.Figure:
    """The shared year axis, a tick every year when the years shown span a dozen or fewer."""
    return year_axis(fig, year_range)


# --- registry adapters --------------------------------------------------------------------------------------


def _versions(processed: Processed) -> dict[str, str]:
    """The versions of the energy and targets datasets."""
    return {name: processed.versions[name] for name in ("energy", "targets") if name in processed.versions}


def _draw_gas(processed: Processed, params: FigureParams) -> go.Figure:
    """energy_deliveries from processed data."""
    return energy_deliveries(
        processed.frames["energy"],
        processed.derived.ledger,
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


def _draw_oil(processed: Processed, params: FigureParams) -> go.Figure:
    """oil_deliveries from processed data."""
    return oil_deliveries(
        processed.frames["energy"],
        processed.derived.ledger,
        year_range=params.year_range,
        highlight_target=params.highlight_target,
        versions=_versions(processed),
    )


SPECS = (
    FigureSpec(
        name="energy_deliveries",
        title="Power of Siberia deliveries against the contract",
        page="energy",
        datasets=("energy", "targets"),
        draw=_draw_gas,
    ),
    FigureSpec(
        name="oil_deliveries",
        title="Oil to China: Yukos plan and crude imports",
        page="energy",
        datasets=("energy", "targets"),
        draw=_draw_oil,
    ),
)
