/* The year range and the linked hover line of a page's time charts, applied in the browser: no server round trip.
   A year change (slider, year boxes, box-select, zoom, the address) relayouts only each chart's axes, never the
   whole figure: x on whole years, y fitted to the points in those years (the rule of display.y_range); each
   chart's download links take the new years.
   Served as a file, so the Content-Security-Policy needs no hash for it. */
(function () {
    'use strict';

    var MAX_DEFAULT_GAP_YEARS = 25;  // dashboard/app/data.py: earlier points this far from the rest are not default
    var Y_ROOM = 0.06;  // dashboard/app/display.py: room above the highest point shown, as a share of the range
    var HOVER_LINE_NAME = 'hover_year';  // dashboard/app/display.py

    function domId(id) {
        // Dash's DOM id of a pattern-matching id: JSON with sorted keys.
        if (typeof id === 'string') {
            return id;
        }
        var sorted = {};
        Object.keys(id).sort().forEach(function (key) { sorted[key] = id[key]; });
        return JSON.stringify(sorted);
    }

    function graphOf(id) {
        // The drawn Plotly div of a dcc.Graph (null while it is not drawn).
        var element = document.getElementById(domId(id));
        if (!element) {
            return null;
        }
        var gd = element.classList.contains('js-plotly-plot') ? element : element.querySelector('.js-plotly-plot');
        return gd && gd._fullLayout && gd._fullData ? gd : null;
    }

    function yearNumber(value) {
        // A year as a number: 2001, 2001.5 or '2001-06-30' (a date's year); null otherwise.
        if (typeof value === 'number') {
            return isFinite(value) ? value : null;
        }
        if (typeof value === 'string') {
            var number = Number(value);
            if (value.trim() !== '' && isFinite(number)) {
                return number;
            }
            return /^\d{4}/.test(value) ? Number(value.slice(0, 4)) : null;
        }
        return null;
    }

    function ordered(pair, bounds) {
        // Two whole years in order and inside bounds.
        var values = pair.map(function (v) {
            return Math.min(Math.max(Math.round(Number(v)), bounds[0]), bounds[1]);
        }).sort(function (a, b) { return a - b; });
        return [values[0], values[1]];
    }

    function wholeYears(span, bounds) {
        // The whole years inside [a, b]; the nearest year when the span holds none.
        var numbers = span.map(yearNumber);
        if (numbers.length !== 2 || numbers.indexOf(null) >= 0) {
            return null;
        }
        var a = Math.min(numbers[0], numbers[1]), b = Math.max(numbers[0], numbers[1]);
        var start = Math.ceil(a), end = Math.floor(b);
        if (start > end) {
            start = end = Math.round((a + b) / 2);
        }
        return ordered([start, end], bounds);
    }

    function yearsOfSelection(selected, bounds) {
        // The whole years a box-select covers (its x range, else its points' x), or null for no selection.
        if (!selected) {
            return null;
        }
        var span = selected.range && selected.range.x;
        if (!span) {
            var xs = (selected.points || []).map(function (p) { return yearNumber(p.x); })
                .filter(function (x) { return x !== null; });
            span = xs.length ? [Math.min.apply(null, xs), Math.max.apply(null, xs)] : null;
        }
        return span ? wholeYears(span, bounds) : null;
    }

    function yearsOfRelayout(relayout, bounds) {
        // The years a zoom on the x axis shows (a reset shows everything), or null when the x axis did not move.
        if (!relayout) {
            return null;
        }
        if (relayout['xaxis.autorange']) {
            return [bounds[0], bounds[1]];
        }
        var span = relayout['xaxis.range'] || [relayout['xaxis.range[0]'], relayout['xaxis.range[1]']];
        return span[0] === undefined || span[1] === undefined ? null : wholeYears(span, bounds);
    }

    function toArray(value) {
        if (value === null || value === undefined || typeof value === 'string') {
            return null;
        }
        return typeof value.length === 'number' ? value : null;
    }

    function finite(value) {
        return typeof value === 'number' && isFinite(value);
    }

    function yRange(gd, years) {
        // The y range that fits every point (with its error bars) of the main y axis within `years`, from zero
        // where the values are all positive, with room above; null for a log or fixed axis, or no point shown.
        var axis = gd._fullLayout.yaxis || {};
        if (axis.type === 'log' || axis.fixedrange) {
            return null;
        }
        var start = years[0] - 0.5, end = years[1] + 0.5;
        var low = Infinity, high = -Infinity;
        gd._fullData.forEach(function (trace) {
            if ((trace.yaxis || 'y') !== 'y' || trace.visible === false) {
                return;
            }
            var xs = toArray(trace.x), ys = toArray(trace.y);
            if (!xs || !ys) {
                return;
            }
            var error = trace.error_y || {};
            var bars = error.visible && (error.type || 'data') === 'data';
            var plus = bars ? toArray(error.array) : null;
            var minus = bars ? (error.symmetric === false ? (toArray(error.arrayminus) || plus) : plus) : null;
            var count = Math.min(xs.length, ys.length);
            for (var i = 0; i < count; i += 1) {
                var x = xs[i], y = ys[i];
                if (!finite(x) || !finite(y) || x < start || x > end) {
                    continue;
                }
                var up = plus && finite(plus[i]) ? plus[i] : 0, down = minus && finite(minus[i]) ? minus[i] : 0;
                low = Math.min(low, y, y + up, y - down);
                high = Math.max(high, y, y + up, y - down);
            }
        });
        if (low === Infinity) {
            return null;
        }
        low = low >= 0 ? 0 : low;
        var room = (high - low) * Y_ROOM || Math.max(Math.abs(high), 1) * Y_ROOM;
        return [low - (low < 0 ? room : 0), high + room];
    }

    function defaultYears(gds, bounds) {
        // The page's default years: its bounds, less early points separated from the rest by a long gap
        // (the rule of AppData.page_years).
        var seen = {};
        gds.forEach(function (gd) {
            gd._fullData.forEach(function (trace) {
                var xs = toArray(trace.x) || [];
                for (var i = 0; i < xs.length; i += 1) {
                    if (finite(xs[i])) {
                        seen[xs[i]] = true;
                    }
                }
            });
        });
        var years = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
        if (!years.length) {
            return [bounds[0], bounds[1]];
        }
        var start = years[0];
        for (var i = 1; i < years.length; i += 1) {
            if (years[i] - years[i - 1] > MAX_DEFAULT_GAP_YEARS) {
                start = years[i];
            }
        }
        return ordered([Math.floor(start), bounds[1]], bounds);
    }

    function searchWithYears(search, years) {
        // The query string with `years` (null: none) first, the rest of the view kept in its order.
        var params = new URLSearchParams((search || '').replace(/^\?/, ''));
        params.delete('from');
        params.delete('to');
        var pairs = years ? [['from', String(years[0])], ['to', String(years[1])]] : [];
        params.forEach(function (value, key) { pairs.push([key, value]); });
        var text = new URLSearchParams(pairs).toString();
        return text ? '?' + text : '';
    }

    function yearsOfSearch(search) {
        var params = new URLSearchParams((search || '').replace(/^\?/, ''));
        var from = parseInt(params.get('from'), 10), to = parseInt(params.get('to'), 10);
        if (isNaN(from) && isNaN(to)) {
            return null;
        }
        return [isNaN(from) ? -Infinity : from, isNaN(to) ? Infinity : to];
    }

    function showYears(gd, years, clearSelection) {
        // Relayout only the axes: x on whole years, y fitted to the points in them.
        var update = {'xaxis.range': [years[0] - 0.5, years[1] + 0.5], 'xaxis.autorange': false};
        var fitted = yRange(gd, years);
        if (fitted) {
            update['yaxis.range'] = fitted;
            update['yaxis.autorange'] = false;
        }
        if (clearSelection) {
            update.selections = [];
        }
        gd._yearsShown = years[0] + '-' + years[1];
        return window.Plotly.relayout(gd, update);
    }

    function hoverLineIndex(gd) {
        var shapes = (gd.layout && gd.layout.shapes) || [];
        for (var i = 0; i < shapes.length; i += 1) {
            if (shapes[i] && shapes[i].name === HOVER_LINE_NAME) {
                return i;
            }
        }
        return -1;
    }

    function markYear(gd, year) {
        // Move the chart's hover line to `year` (null hides it); a year outside the chart's x range hides it too.
        var index = hoverLineIndex(gd);
        if (index < 0) {
            return null;
        }
        var range = gd._fullLayout.xaxis && gd._fullLayout.xaxis.range;
        var shown = year !== null && range && year >= Math.min(range[0], range[1]) &&
            year <= Math.max(range[0], range[1]);
        var key = shown ? String(year) : 'none';
        if (gd._hoverYear === key || (gd._hoverYear === undefined && !shown)) {
            return null;
        }
        gd._hoverYear = key;
        var update = {};
        var prefix = 'shapes[' + index + '].';
        update[prefix + 'visible'] = Boolean(shown);
        if (shown) {
            update[prefix + 'x0'] = year;
            update[prefix + 'x1'] = year;
        }
        return window.Plotly.relayout(gd, update);
    }

    function triggered(ctx) {
        // The id (parsed) and property of the input that moved, or null.
        var first = (ctx.triggered || [])[0];
        if (!first || !first.prop_id || first.prop_id === '.') {
            return null;
        }
        var cut = first.prop_id.lastIndexOf('.');
        var id = first.prop_id.slice(0, cut);
        try {
            id = JSON.parse(id);
        } catch (error) {
            // a plain string id
        }
        return {id: id, prop: first.prop_id.slice(cut + 1)};
    }

    function refillOpenTabs(charts) {
        // Click again each Table or Sources tab on show (assets/frame.js switches tabs; the server fills them).
        charts.forEach(function (id) {
            ['table', 'sources'].forEach(function (tab) {
                var buttonId = {type: 'tab-button', name: id.name, tab: tab};
                var button = document.getElementById(domId(buttonId));
                if (button && button.getAttribute('aria-selected') === 'true' && window.dash_clientside.set_props) {
                    // A new count (any will do: the tab's callbacks read which tab moved, not how often).
                    window.dash_clientside.set_props(buttonId, {n_clicks: Date.now()});
                }
            });
        });
    }

    function withYears(address, years) {
        // A download link's address with the years now shown (the rest of its view kept).
        var at = address.indexOf('?');
        var path = at < 0 ? address : address.slice(0, at);
        return path + searchWithYears(at < 0 ? '' : address.slice(at), years);
    }

    function fileWithYears(file, name, years) {
        // 'trade_flows_1991-2025_trade-2026-11-28.csv' with the years now shown.
        var span = name + '_' + years[0] + '-' + years[1];
        var stamped = new RegExp('^' + name + '_\\d+-\\d+');
        return stamped.test(file) ? file.replace(stamped, span) : file.replace(name, span);
    }

    function followDownloads(charts, years) {
        // Each time chart's CSV and zip links (and so its images, citation and embed: assets/frame.js) take the
        // years now shown, as the server writes them for a page drawn on those years.
        var dc = window.dash_clientside;
        if (!dc.set_props) {
            return;
        }
        charts.forEach(function (id) {
            ['csv', 'zip'].forEach(function (kind) {
                var linkId = {type: 'download-link', name: id.name, kind: kind};
                var link = document.getElementById(domId(linkId));
                if (!link || !link.getAttribute('href')) {
                    return;
                }
                dc.set_props(linkId, {
                    href: withYears(link.getAttribute('href'), years),
                    download: fileWithYears(link.getAttribute('download') || '', id.name, years)
                });
            });
        });
    }

    function sameId(a, b) {
        return domId(a) === domId(b);
    }

    window.bilateralInteractions = {
        yearNumber: yearNumber, yearsOfSelection: yearsOfSelection, yearsOfRelayout: yearsOfRelayout,
        yRange: yRange, defaultYears: defaultYears, searchWithYears: searchWithYears, graphOf: graphOf,
        withYears: withYears, fileWithYears: fileWithYears, domId: domId, toArray: toArray, finite: finite
    };

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        interactions: {
            /* Outputs: the slider's value and the address's query string. A Table or Sources tab on show is
               clicked again, so that it refills (from the server: it needs the data) on the new years. */
            yearRange: function (search, sliderValues, selections, relayouts, pathname, mins, maxes) {
                var dc = window.dash_clientside;
                var ctx = dc.callback_context;
                var noUpdate = dc.no_update;
                if (!sliderValues || !sliderValues.length || !window.Plotly) {
                    throw dc.PreventUpdate;  // a page without time charts
                }
                var moved = triggered(ctx);
                if (!moved) {
                    throw dc.PreventUpdate;
                }
                var charts = ctx.inputs_list[2].map(function (input) { return input.id; });
                var gds = charts.map(graphOf);
                var drawn = gds.filter(Boolean);
                var bounds = [mins[0], maxes[0]];
                var years = null, source = null, fromAddress = false;
                if (moved.id === 'url') {
                    var asked = yearsOfSearch(search);
                    years = asked ? ordered([Math.max(asked[0], bounds[0]), Math.min(asked[1], bounds[1])], bounds)
                        : defaultYears(drawn, bounds);
                    fromAddress = true;
                } else if (moved.id && moved.id.type === 'year-slider') {
                    years = ordered(sliderValues[0], bounds);
                } else if (moved.prop === 'selectedData') {
                    var index = charts.findIndex(function (id) { return sameId(id, moved.id); });
                    years = index < 0 ? null : yearsOfSelection(selections[index], bounds);
                    source = moved.id;
                } else if (moved.prop === 'relayoutData') {
                    var at = charts.findIndex(function (id) { return sameId(id, moved.id); });
                    years = at < 0 ? null : yearsOfRelayout(relayouts[at], bounds);
                    if (years && gds[at] && gds[at]._yearsShown === years[0] + '-' + years[1]) {
                        years = null;  // this chart's own relayout echoing back: nothing moved
                    }
                }
                if (!years) {
                    throw dc.PreventUpdate;
                }
                charts.forEach(function (id, i) {
                    if (gds[i]) {
                        showYears(gds[i], years, source !== null && sameId(id, source));
                    }
                });
                followDownloads(charts, years);
                var slider = sliderValues[0] && sliderValues[0][0] === years[0] && sliderValues[0][1] === years[1]
                    ? noUpdate : years;
                var address = noUpdate;
                if (!fromAddress) {
                    var wanted = defaultYears(drawn, bounds);
                    var isDefault = wanted[0] === years[0] && wanted[1] === years[1];
                    var next = searchWithYears(search, isDefault ? null : years);
                    if (next !== (search || '')) {
                        address = next;
                        refillOpenTabs(charts);
                    }
                }
                return [[slider], address];
            },

            /* Hovering a year on one time chart marks it on the page's other time charts; no output changes. */
            hover: function (hovers) {
                var dc = window.dash_clientside;
                var ctx = dc.callback_context;
                var moved = triggered(ctx);
                if (!moved || !window.Plotly) {
                    throw dc.PreventUpdate;
                }
                var charts = ctx.inputs_list[0].map(function (input) { return input.id; });
                var index = charts.findIndex(function (id) { return sameId(id, moved.id); });
                var points = index >= 0 && hovers[index] ? hovers[index].points || [] : [];
                var year = points.length ? yearNumber(points[0].x) : null;
                charts.forEach(function (id, i) {
                    var gd = i === index ? null : graphOf(id);
                    if (gd) {
                        markYear(gd, year);
                    }
                });
                throw dc.PreventUpdate;
            },

            /* Nav links carry the view's query string (years, versions, vintage), never a highlighted target. */
            navLinks: function (search, hrefs) {
                var params = new URLSearchParams((search || '').replace(/^\?/, ''));
                params.delete('target');
                var text = params.toString();
                return (hrefs || []).map(function (href) {
                    return (href || '/').split('?')[0] + (text ? '?' + text : '');
                });
            }
        }
    });

    /* A time chart drawn after the years last changed (a page's later charts wait for its first one,
       assets/frame.js; a chart may still be loading when the slider moves) takes the years the slider shows, and
       its download links follow. Charts drawn on those years already are left alone. */
    function sliderYears() {
        // The years the page's slider shows, in order; null on a page without one.
        var handles = document.querySelectorAll('.year-slider [role="slider"]');
        if (handles.length !== 2) {
            return null;
        }
        var years = Array.prototype.map.call(handles, function (handle) {
            return Number(handle.getAttribute('aria-valuenow'));
        }).sort(function (a, b) { return a - b; });
        return years.every(isFinite) ? years : null;
    }

    function followSlider(element) {
        var id;
        try {
            id = JSON.parse(element.id);
        } catch (error) {
            return;
        }
        var gd = graphOf(id);
        if (!gd || gd._followedSlider) {
            return;  // not drawn yet, or already seen
        }
        gd._followedSlider = true;
        var years = sliderYears();
        var range = (gd.layout && gd.layout.xaxis && gd.layout.xaxis.range) || [];
        if (!years || (range[0] === years[0] - 0.5 && range[1] === years[1] + 0.5)) {
            return;
        }
        showYears(gd, years, false);
        followDownloads([id], years);
    }

    function followSliderAll() {
        document.querySelectorAll('[id$=\'"type":"time-chart"}\']').forEach(followSlider);
    }

    function watchNewCharts() {
        var pending = false;
        new MutationObserver(function () {
            if (!pending && window.Plotly) {
                pending = true;
                window.requestAnimationFrame(function () {
                    pending = false;
                    followSliderAll();
                });
            }
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', watchNewCharts);
    } else {
        watchNewCharts();
    }

    /* WCAG 2.5.7: the slider's year boxes commit on Enter, not only when they lose focus. */
    document.addEventListener('keydown', function (event) {
        var box = event.target;
        if (event.key !== 'Enter' || !box || !box.matches || !box.matches('.year-slider input')) {
            return;
        }
        event.preventDefault();
        box.blur();  // the slider commits a typed year on blur
        box.focus();
    }, true);
}());
