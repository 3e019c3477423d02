/* The chart frame's browser-side buttons: image downloads with the chart's title and a copy of the view's link.
   Served as a file, so the Content-Security-Policy needs no hash for it. */
(function () {
    'use strict';
    var FIRST_WAIT_MS = 5000;  // the longest a page's later charts wait for its first one

    function viewQuery(address) {
        /* The query string ('?...' or '') of the chart's CSV link: the view it pins (years, versions). */
        var at = (address || '').indexOf('?');
        return at < 0 ? '' : address.slice(at);
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        frame: {
            drawLater: function (graph) {
                /* A page's later chart: its graph, put in its slot once the page's first chart is drawn and the
                   browser has painted it (the next frame, then the task after it), so that chart is not kept
                   waiting for the others. Should the first never draw, the graph comes after FIRST_WAIT_MS. */
                return new Promise(function (resolve) {
                    var firstDrawn = function () {
                        return document.querySelector('[data-first-chart] .js-plotly-plot .main-svg');
                    };
                    var paintThenResolve = function () {
                        window.requestAnimationFrame(function () {
                            window.setTimeout(function () { resolve(graph); }, 0);
                        });
                    };
                    if (firstDrawn()) {
                        paintThenResolve();
                        return;
                    }
                    var timer;
                    var observer = new MutationObserver(function () {
                        if (firstDrawn()) {
                            observer.disconnect();
                            window.clearTimeout(timer);
                            paintThenResolve();
                        }
                    });
                    observer.observe(document.body, {childList: true, subtree: true});
                    timer = window.setTimeout(function () {
                        observer.disconnect();
                        paintThenResolve();
                    }, FIRST_WAIT_MS);
                });
            },
            selectTab: function () {
                /* Show the clicked tab's panel; mark it selected (aria-selected, the 'active' class), hide the rest. */
                var keys = ['chart', 'table', 'sources', 'download'];
                var triggered = window.dash_clientside.callback_context.triggered_id;
                var chosen = triggered && keys.indexOf(triggered.tab) >= 0 ? triggered.tab : 'chart';
                return keys.map(function (key) { return key !== chosen; })
                    .concat(keys.map(function (key) { return key === chosen ? 'true' : 'false'; }))
                    .concat(keys.map(function (key) { return key === chosen ? 'chart-tab active' : 'chart-tab'; }));
            },
            downloadImage: function (clicks, id, csvName) {
                /* The chart under the CSV's file name (chart, years shown, data version), with its title put back. */
                var noUpdate = window.dash_clientside.no_update;
                var stem = (csvName || '').replace(/\.csv$/, '');
                var graph = document.querySelector('[data-chart="' + id.name + '"] .js-plotly-plot');
                if (!clicks || !graph || !window.Plotly) {
                    return noUpdate;
                }
                var meta = (graph.layout && graph.layout.meta) || {};
                var margin = Object.assign({}, graph.layout.margin, {t: meta.margin_top || 125});
                var layout = Object.assign({}, graph.layout, {title: meta.title_layout || {text: meta.title || ''},
                                                              margin: margin});
                var legend = graph._wideLegend || graph.layout.legend;  // the figure's own, not a phone's (phone.js)
                var hidden = graph._hiddenNotes || [];
                layout.legend = legend;
                layout.annotations = (graph.layout.annotations || []).map(function (note, i) {
                    return hidden.indexOf(i) >= 0 ? Object.assign({}, note, {visible: true}) : note;
                });
                if (meta.legend_y !== undefined && meta.legend_y !== null) {
                    layout.legend = Object.assign({}, legend, {y: meta.legend_y});
                }
                window.Plotly.downloadImage({data: graph.data, layout: layout}, {
                    format: id.format,
                    filename: stem || id.name,
                    width: 1200,
                    height: Math.max(700, graph.layout.height || 0)
                });
                return 'Downloaded ' + (stem || id.name) + '.' + id.format;
            },
            showCitation: function (clicks, source, csvHref) {
                /* The API's citation of this view (data versions, their sha256, the permalink), copied as is. */
                if (!clicks || !source) {
                    return window.dash_clientside.no_update;
                }
                var query = viewQuery(csvHref);
                return fetch(source.cite + (query ? '&' + query.slice(1) : '')).then(function (answer) {
                    return answer.ok ? answer.text() : 'No citation: the server answered ' + answer.status + '.';
                });
            },
            showEmbed: function (clicks, source, csvHref) {
                /* The iframe that shows this chart on another site (which the server must allow: --embed-origins). */
                if (!clicks || !source) {
                    return window.dash_clientside.no_update;
                }
                var title = String(source.title || 'Chart').replace(/"/g, '&quot;');
                return '<iframe src="' + window.location.origin + source.embed + viewQuery(csvHref) +
                    '" width="100%" height="620" ' +
                    'title="' + title + '" loading="lazy" style="border:0"></iframe>';
            },
            copySnippet: function (citeClicks, embedClicks, citation, embed) {
                /* Copy the citation or the embed code shown above (open it first with Cite or Embed). */
                var triggered = window.dash_clientside.callback_context.triggered_id || {};
                var text = triggered.kind === 'embed' ? embed : citation;
                if (!text) {
                    return 'Show it first (Cite this chart, Embed this chart).';
                }
                if (navigator.clipboard && navigator.clipboard.writeText) {
                    return navigator.clipboard.writeText(text).then(
                        function () { return 'Copied.'; },
                        function () { return 'Select the text above and copy it.'; }
                    );
                }
                return 'Select the text above and copy it.';
            },
            copyLink: function (clicks) {
                var address = window.location.href;
                if (!clicks) {
                    return window.dash_clientside.no_update;
                }
                if (navigator.clipboard && navigator.clipboard.writeText) {
                    return navigator.clipboard.writeText(address).then(
                        function () { return 'Link copied.'; },
                        function () { return 'Copy this address: ' + address; }
                    );
                }
                return 'Copy this address: ' + address;
            }
        }
    });
}());
