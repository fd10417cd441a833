// The map page with real map tiles, only when an admin configured a tile server. Without it (or
// without JavaScript) the page shows the plan the server drew and the list of places.
(function () {
  "use strict";
  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }
  function asHtmlText(text) {
    return textElement(text).innerHTML;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var figure = document.getElementById("map");
    if (!figure || !figure.dataset.tiles || !window.L) return;
    var places = Array.prototype.slice.call(document.querySelectorAll(".map-list li[data-lat]"));
    var canvas = document.createElement("div");
    canvas.className = "map-canvas";
    figure.replaceChild(canvas, figure.querySelector("svg"));
    var map = L.map(canvas, { scrollWheelZoom: false });
    // Leaflet writes attributions and tooltips as HTML: give it text only.
    L.tileLayer(figure.dataset.tiles, { maxZoom: 19, attribution: asHtmlText(figure.dataset.attribution || "") }).addTo(map);
    var bounds = [];
    places.forEach(function (item) {
      var position = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
      bounds.push(position);
      L.circleMarker(position, { radius: 12, weight: 3, color: "#0b5d4b", fillColor: "#ffffff", fillOpacity: 1 })
        .bindTooltip(textElement(item.dataset.number + ". " + item.querySelector("strong").textContent), { permanent: false })
        .addTo(map);
    });
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 });
  });
})();
