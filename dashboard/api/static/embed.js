// Draws an embedded chart from the JSON the page carries beside it. A file, not an inline script, so the
// embed page runs under the same Content-Security-Policy as the dashboard (script-src 'self', no inline code).
(function () {
  "use strict";
  var source = document.getElementById("figure-json");
  var target = document.getElementById("chart");
  if (!source || !target || !window.Plotly) {
    return;
  }
  var figure = JSON.parse(source.textContent);
  var config = {responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"]};
  window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config).then(function () {
    target.setAttribute("data-rendered", "true");
  });
})();
