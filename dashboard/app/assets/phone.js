/* Charts on a phone: a legend above the plot, one entry per row at 390 px, pushes the plot below the first screen.
   At small widths each chart's legend moves below the plot, in rows, in a smaller font, and the notes under the
   x axis (sources and data version, cut off at this width, and said in full by the frame's caption and Sources
   tab) give it their room; back at wider widths the figure's own return. Images are downloaded with the figure's
   own legend (assets/frame.js reads gd._wideLegend). Served as a file, so the Content-Security-Policy needs no
   hash for it. */
(function () {
    'use strict';

    var NARROW = '(max-width: 575.98px)';  // Bootstrap's xs, as app.css
    var PHONE_LEGEND = {
        orientation: 'h', xref: 'container', x: 0.01, xanchor: 'left', yref: 'container', y: 0, yanchor: 'bottom',
        font: {size: 10}, itemwidth: 30, tracegroupgap: 0
    };

    function isPhoneLegend(legend) {
        return Boolean(legend) && legend.yanchor === 'bottom' && legend.y === 0 && legend.yref === 'container';
    }

    function notesBelow(gd) {
        // The indices of the notes written under the x axis (paper annotations at or below the plot's bottom).
        return ((gd.layout && gd.layout.annotations) || []).map(function (note, i) {
            return note && note.yref === 'paper' && note.y <= 0 && note.visible !== false ? i : -1;
        }).filter(function (i) { return i >= 0; });
    }

    function fit(gd) {
        // Move the legend to suit the width (a relayout only when it must change: each relayout redraws).
        if (!window.Plotly || !gd.layout || !gd._fullLayout || gd._fullLayout.showlegend === false) {
            return;
        }
        var legend = gd.layout.legend || {};
        var narrow = window.matchMedia(NARROW).matches;
        var update = {};
        if (narrow && !isPhoneLegend(legend)) {
            gd._wideLegend = JSON.parse(JSON.stringify(legend));
            gd._hiddenNotes = notesBelow(gd);
            update.legend = Object.assign({}, legend, PHONE_LEGEND);
            gd._hiddenNotes.forEach(function (i) { update['annotations[' + i + '].visible'] = false; });
            window.Plotly.relayout(gd, update);
        } else if (!narrow && isPhoneLegend(legend) && gd._wideLegend) {
            update.legend = gd._wideLegend;
            (gd._hiddenNotes || []).forEach(function (i) { update['annotations[' + i + '].visible'] = true; });
            gd._wideLegend = null;
            gd._hiddenNotes = null;
            window.Plotly.relayout(gd, update);
        } else if (!isPhoneLegend(legend)) {
            gd._wideLegend = null;  // a new figure drawn at a wide width
        }
    }

    function watch(gd) {
        if (gd._legendWatched || typeof gd.on !== 'function') {
            return;
        }
        gd._legendWatched = true;
        gd.on('plotly_afterplot', function () { fit(gd); });
        fit(gd);
    }

    function watchAll() {
        document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
            if (gd._fullLayout) {
                watch(gd);
            }
        });
    }

    function start() {
        var pending = false;
        new MutationObserver(function () {
            if (!pending) {
                pending = true;
                window.requestAnimationFrame(function () {
                    pending = false;
                    watchAll();
                });
            }
        }).observe(document.body, {childList: true, subtree: true});
        window.matchMedia(NARROW).addEventListener('change', function () {
            document.querySelectorAll('.js-plotly-plot').forEach(fit);
        });
        watchAll();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
