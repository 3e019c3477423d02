/* A keyboard path to every point of a chart and its source (after Open SDG's accessible charts). With the chart
   (its figure, focusable) or its Table tab's table focused: Left and Right step to the previous and next point of
   a series, Up and Down to the previous and next series (at the nearest x), Home and End to a series' first and
   last point; Escape, or leaving the chart, hides the point. Each step is shown (the point's hover label, or the
   table's row) and said in the chart's status line (aria-live="polite"): year, series, value with its unit, and
   source, read from the figure's own hover template and data. Enter opens the point's source, as a click on it
   does (the graph's clickData: callbacks/sources.py, or on the overview the target's chart:
   callbacks/navigation.py). Only points that carry a source (customdata) and are in view are stepped through.
   Served as a file, so the Content-Security-Policy needs no hash for it. */
(function () {
    'use strict';

    var KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', 'Escape'];
    var DEFAULT_SIGNIFICANT = 6;  // d3-format's default precision
    var TIME_CHART = 'time-chart';  // dashboard/app/ids.py

    function toArray(value) {  // one home: assets/interactions.js (loaded before this file; used at key time)
        return window.bilateralInteractions.toArray(value);
    }

    function finite(value) {
        return window.bilateralInteractions.finite(value);
    }

    /* ---- Which chart, which points ---- */

    function chartOf(target) {
        // The chart a key press is for: its focused figure, or the focused table in its Table tab; else null.
        if (!target || !target.closest) {
            return null;
        }
        var figure = target.closest('[role="figure"][data-chart]');
        var panel = figure ? null : target.closest('[role="tabpanel"]');
        if (panel && !/"tab":"table"/.test(panel.id || '')) {
            return null;
        }
        var card = (figure || panel || target).closest('.chart-card');
        figure = figure || (card && card.querySelector('[role="figure"][data-chart]'));
        var gd = figure && figure.querySelector('.js-plotly-plot');
        if (!gd || !gd._fullData || !gd._fullLayout) {
            return null;
        }
        return {name: figure.getAttribute('data-chart'), card: card, gd: gd, panel: panel};
    }

    function axisOf(gd, trace) {
        var id = trace.xaxis || 'x';
        return gd._fullLayout['xaxis' + id.slice(1)] || gd._fullLayout.xaxis || {};
    }

    function inView(axis, x) {
        // Whether x lies in the x axis's range (always, on a category axis).
        var range = axis.range;
        if (!finite(x) || axis.type === 'category' || !range || !finite(range[0]) || !finite(range[1])) {
            return true;
        }
        return x >= Math.min(range[0], range[1]) && x <= Math.max(range[0], range[1]);
    }

    function seriesOf(gd) {
        // The steppable series: each shown trace's sourced points in view, in x order. [{curve, points: [i...]}]
        var list = [];
        gd._fullData.forEach(function (trace) {
            var xs = toArray(trace.x), custom = toArray(trace.customdata);
            if (trace.visible !== true || !xs || !custom) {
                return;
            }
            var axis = axisOf(gd, trace);
            var points = [];
            for (var i = 0; i < Math.min(xs.length, custom.length); i += 1) {
                if (custom[i] !== null && custom[i] !== undefined && inView(axis, xs[i])) {
                    points.push(i);
                }
            }
            var numeric = points.every(function (i) { return finite(xs[i]); });
            if (numeric) {
                points.sort(function (a, b) { return xs[a] - xs[b] || a - b; });
            }
            if (points.length) {
                list.push({curve: trace.index, points: points});
            }
        });
        return list;
    }

    function nearest(gd, from, to) {
        // The position in series `to` of the point nearest the x of point `from` (same position if not numbers).
        var fromX = toArray(gd._fullData[from.curve].x)[from.point];
        var xs = toArray(gd._fullData[to.curve].x);
        if (!finite(fromX)) {
            return Math.min(from.position, to.points.length - 1);
        }
        var best = 0;
        to.points.forEach(function (i, position) {
            if (Math.abs(xs[i] - fromX) < Math.abs(xs[to.points[best]] - fromX)) {
                best = position;
            }
        });
        return best;
    }

    function step(gd, key) {
        // The point after pressing `key`: {curve, point}, or null when there is nothing to step through.
        var list = seriesOf(gd);
        if (!list.length) {
            return null;
        }
        var at = gd._stepAt;
        var s = at ? list.findIndex(function (series) { return series.curve === at.curve; }) : -1;
        var position = s >= 0 ? list[s].points.indexOf(at.point) : -1;
        if (s < 0 || position < 0) {  // the first step, or the point left the view: start at an end
            var first = key === 'ArrowLeft' || key === 'End' ? list[0].points.length - 1 : 0;
            return {curve: list[0].curve, point: list[0].points[first]};
        }
        var series = list[s];
        if (key === 'ArrowRight' || key === 'ArrowLeft') {
            position = Math.min(Math.max(position + (key === 'ArrowRight' ? 1 : -1), 0), series.points.length - 1);
        } else if (key === 'Home' || key === 'End') {
            position = key === 'Home' ? 0 : series.points.length - 1;
        } else if (key === 'ArrowDown' || key === 'ArrowUp') {
            var next = Math.min(Math.max(s + (key === 'ArrowDown' ? 1 : -1), 0), list.length - 1);
            position = nearest(gd, {curve: series.curve, point: at.point, position: position}, list[next]);
            series = list[next];
        }
        return {curve: series.curve, point: series.points[position]};
    }

    /* ---- What is said: the figure's hover template, filled in ---- */

    function formatNumber(value, spec) {
        // A number as the d3-format spec of a hover template asks ('.2f', ',.0f', 'g', '.1%'); trailing zeros of
        // significant-digit formats dropped, as a person says them.
        var m = /^(,)?(?:\.(\d+))?(~)?([fdge%])?$/.exec(spec || '');
        if (!finite(value) || !m) {
            return value === null || value === undefined ? '' : String(value);
        }
        var group = Boolean(m[1]), digits = m[2] === undefined ? null : Number(m[2]), type = m[4] || 'g';
        if (type === '%' || type === 'f') {
            var places = digits === null ? DEFAULT_SIGNIFICANT : digits;
            return (type === '%' ? value * 100 : value).toLocaleString('en-US', {
                useGrouping: group, minimumFractionDigits: places, maximumFractionDigits: places
            }) + (type === '%' ? '%' : '');
        }
        if (type === 'd') {
            return Math.round(value).toLocaleString('en-US', {useGrouping: group});
        }
        return Number(value.toPrecision(digits || DEFAULT_SIGNIFICANT))
            .toLocaleString('en-US', {useGrouping: group, maximumFractionDigits: 20});
    }

    function plainValue(value) {
        // A value with no format spec: numbers without grouping (years stay 2000), text as is.
        if (finite(value)) {
            return String(Number(value.toPrecision(12)));
        }
        return value === null || value === undefined ? '' : String(value);
    }

    function lookup(trace, i, key) {
        // The value a template variable names for point i.
        var custom = /^customdata(?:\[(\d+)\])?$/.exec(key);
        if (custom) {
            var row = toArray(trace.customdata)[i];
            var whole = toArray(row);
            return custom[1] === undefined ? row : (whole ? whole[Number(custom[1])] : (custom[1] === '0' ? row : ''));
        }
        if (key === 'fullData.name' || key === 'data.name') {
            return trace.name;
        }
        var values = trace[key];
        var array = toArray(values);
        return array ? array[i] : (typeof values === 'string' ? values : '');
    }

    function fill(template, trace, i) {
        return template.replace(/%\{([^}:]+)(?::([^}]*))?\}/g, function (whole, key, spec) {
            var value = lookup(trace, i, key.trim());
            return spec === undefined ? plainValue(value) : formatNumber(value, spec);
        });
    }

    function textOf(html) {
        // Words of a bit of figure markup (tags dropped, entities decoded; nothing runs).
        var doc = new DOMParser().parseFromString('<p>' + html + '</p>', 'text/html');
        return (doc.body.textContent || '').replace(/\s+/g, ' ').trim();
    }

    function xWords(trace, i, timeChart) {
        // The point's x as said first: a year on a time chart, a category's name; nothing for other numbers.
        var x = toArray(trace.x)[i];
        if (typeof x === 'string') {
            return x;
        }
        return timeChart && finite(x) ? plainValue(x) : '';
    }

    function withoutName(line, series) {
        // A line of the hover text less the series' name, said once already ('Chinese customs 8.00' -> '8.00').
        var name = series.toLowerCase();
        if (!name || line.toLowerCase().indexOf(name) !== 0) {
            return line;
        }
        return line.slice(name.length).replace(/^[\s:,.]+/, '');
    }

    function sentence(gd, curve, i, timeChart) {
        // 'Year, series: value with its unit (basis). Source: publisher, date. Point 3 of 34.'
        var trace = gd._fullData[curve];
        var template = trace.hovertemplate;
        template = toArray(template) ? template[i] : template;
        template = typeof template === 'string' && template ? template : '%{y}';
        var extra = /<extra>([\s\S]*?)<\/extra>/i.exec(template);
        var body = template.replace(/<extra>[\s\S]*?<\/extra>/ig, '');
        var x = xWords(trace, i, timeChart);
        if (x) {  // said first: not again inside the sentence
            body = body.replace(/\s+in %\{x(?::[^}]*)?\}/g, '').replace(/%\{x(?::[^}]*)?\}\s*[:,]\s*/g, '');
        }
        var series = textOf(extra ? fill(extra[1], trace, i) : '') || textOf(trace.name || '');
        var lines = fill(body, trace, i).split(/<br\s*\/?>/i).map(function (line) {
            return withoutName(textOf(line), series);
        }).filter(Boolean);
        var head = [x, series].filter(Boolean).join(', ');
        var text = head + (lines.length ? ': ' + lines.join('. ') : '');
        return /[.!?]$/.test(text) ? text : text + '.';
    }

    /* ---- Showing and saying the point ---- */

    function graphId(gd) {
        // The Dash id of the point's dcc.Graph (a pattern id: JSON in the DOM).
        var element = gd.id ? gd : gd.parentElement && gd.parentElement.closest('[id]');
        try {
            return JSON.parse(element.id);
        } catch (error) {
            return element ? element.id : null;
        }
    }

    function markRow(chart, trace, i, timeChart) {
        // In the Table tab: the point's row marked (aria-current) and scrolled into view.
        var rows = chart.card.querySelectorAll('[role="tabpanel"] .chart-table tbody tr');
        var x = xWords(trace, i, timeChart) || plainValue(toArray(trace.x)[i]);
        var name = textOf(trace.name || '');
        rows.forEach(function (row) {
            var cells = row.querySelectorAll('td');
            var match = cells.length > 1 && cells[0].textContent.trim() === x && cells[1].textContent.trim() === name;
            row.classList.toggle('chart-row-stepped', match);
            if (match) {
                row.setAttribute('aria-current', 'true');
                row.scrollIntoView({block: 'nearest', inline: 'nearest'});
            } else {
                row.removeAttribute('aria-current');
            }
        });
    }

    function show(chart, at) {
        var gd = chart.gd;
        var trace = gd._fullData[at.curve];
        var id = graphId(gd);
        var timeChart = Boolean(id && id.type === TIME_CHART);
        gd._stepAt = at;
        var status = chart.card.querySelector('.chart-point-status');
        var list = seriesOf(gd).find(function (series) { return series.curve === at.curve; });
        var where = list ? ' Point ' + (list.points.indexOf(at.point) + 1) + ' of ' + list.points.length + '.' : '';
        if (status) {
            status.textContent = sentence(gd, at.curve, at.point, timeChart) + where;
        }
        if (gd.offsetParent !== null && window.Plotly && window.Plotly.Fx) {
            window.Plotly.Fx.hover(gd, [{curveNumber: at.curve, pointNumber: at.point}],
                (trace.xaxis || 'x') + (trace.yaxis || 'y'));
        }
        if (chart.panel) {
            markRow(chart, trace, at.point, timeChart);
        }
    }

    function open(chart) {
        // The stepped point's source: the graph's clickData set, as a click on the point sets it.
        var gd = chart.gd, at = gd._stepAt;
        var id = graphId(gd);
        if (!at || !id || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        var trace = gd._fullData[at.curve];
        var point = {
            curveNumber: at.curve, pointNumber: at.point, pointIndex: at.point,
            x: toArray(trace.x)[at.point], y: toArray(trace.y) ? toArray(trace.y)[at.point] : null,
            customdata: toArray(trace.customdata)[at.point]
        };
        window.dash_clientside.set_props(id, {clickData: {points: [point]}});
    }

    function onKey(event) {
        if (KEYS.indexOf(event.key) < 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        var chart = chartOf(event.target);
        if (!chart || (event.target.closest && event.target.closest('button, a, input, select, textarea'))) {
            return;
        }
        event.preventDefault();
        if (event.key === 'Escape') {
            if (window.Plotly && window.Plotly.Fx) {
                window.Plotly.Fx.unhover(chart.gd);
            }
            return;
        }
        if (event.key === 'Enter') {
            open(chart);
            return;
        }
        var at = step(chart.gd, event.key);
        if (at) {
            show(chart, at);
        }
    }

    function onLeave(event) {
        // Focus leaving a chart (and its table) takes the stepped point's hover label with it.
        var chart = chartOf(event.target);
        var next = event.relatedTarget;
        if (!chart || !chart.gd._stepAt || (next && chart.card.contains(next) && chartOf(next))) {
            return;
        }
        if (window.Plotly && window.Plotly.Fx && chart.gd.offsetParent !== null) {
            window.Plotly.Fx.unhover(chart.gd);
        }
    }

    window.bilateralStepper = {formatNumber: formatNumber, sentence: sentence, seriesOf: seriesOf};
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusout', onLeave);
}());
