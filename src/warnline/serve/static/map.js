// The events map: fetches /api/v1/events.geojson with the filter form's values and draws one
// marker per event, coloured by type, sized by toll, clustered. Every string from the data is
// put in the page with textContent, never as HTML.
(function () {
  "use strict";
  const mapElement = document.getElementById("map");
  const form = document.getElementById("filters");
  const status = document.getElementById("map-status");
  const counter = document.getElementById("event-count");
  const colours = {};
  document.querySelectorAll("#legend [data-type]").forEach(function (item) {
    colours[item.dataset.type] = item.dataset.colour;
  });

  const map = L.map(mapElement, {
    worldCopyJump: true, minZoom: 2, maxZoom: 18, fadeAnimation: false,
  }).setView([20, 20], 2);
  const tiles = mapElement.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: mapElement.dataset.attribution || "" }).addTo(map);
  } else {
    fetch("/outlines.geojson", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outlines) {
        if (!outlines) { return; }
        L.geoJSON(outlines, {
          style: { color: "#7a8896", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      });
    map.attributionControl.addAttribution("Country outlines: world.geo.json (Natural Earth)");
  }
  const clusters = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(clusters);

  // The API's fields, read whichever shape they come in (a number or {best, low, high}; a
  // date string or {start, end}; actor names or actor objects).
  function killedOf(props) {
    if (typeof props.killed_best === "number") { return props.killed_best; }
    if (typeof props.killed === "number") { return props.killed; }
    if (props.killed && typeof props.killed.best === "number") { return props.killed.best; }
    return null;
  }

  function dateOf(props) {
    const date = props.date;
    if (!date || typeof date === "string") { return date || ""; }
    if (date.end && date.end !== date.start) { return (date.start || "?") + " – " + date.end; }
    return date.start || "";
  }

  function markerSize(killed) {
    const toll = typeof killed === "number" && killed > 0 ? killed : 0;
    return Math.round(12 + Math.min(28, 6 * Math.sqrt(toll)));
  }

  function row(list, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = String(value);
    list.append(term, detail);
  }

  function actorsOf(props) {
    const list = Array.isArray(props.actor_names) ? props.actor_names
      : Array.isArray(props.actors) ? props.actors : [props.actor1, props.actor2];
    return list.map(function (actor) {
      return actor && typeof actor === "object" ? actor.name : actor;
    }).filter(Boolean).join("; ");
  }

  function popupFor(props) {
    const box = document.createElement("div");
    box.className = "popup";
    const title = document.createElement("strong");
    title.textContent = props.sub_type ? props.type + " — " + props.sub_type : props.type;
    const list = document.createElement("dl");
    row(list, "Date", dateOf(props));
    row(list, "Place", props.place);
    row(list, "Actors", actorsOf(props));
    row(list, "Killed", killedOf(props));
    row(list, "Source", props.source);
    box.append(title, list);
    const report = props.report_id || props.report;
    if (report) {
      const link = document.createElement("a");
      link.href = "/reports/" + encodeURIComponent(String(report).replace(/^sha256:/, ""));
      link.textContent = props.report_title ? "Report: " + props.report_title : "Open the report";
      box.append(link);
    }
    return box;
  }

  function markerFor(feature, latlng) {
    const props = feature.properties || {};
    const size = markerSize(killedOf(props));
    const dot = document.createElement("div");
    dot.className = "wl-marker";
    dot.style.width = size + "px";
    dot.style.height = size + "px";
    dot.style.background = colours[props.type] || "#34495e";
    const marker = L.marker(latlng, {
      icon: L.divIcon({ html: dot, className: "wl-icon", iconSize: [size, size] }),
      title: props.type || "event",
    });
    marker.bindPopup(function () { return popupFor(props); });
    return marker;
  }

  function query() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "bbox" && value) { params.set(key, String(value)); }
    });
    if (form.elements.bbox && form.elements.bbox.checked) {
      params.set("bbox", map.getBounds().toBBoxString());
    }
    return params;
  }

  // Pages of the API's largest size, up to a ceiling that keeps the browser responsive.
  const PAGE = 500;
  const MOST = 10000;

  function fetchPage(params, offset) {
    const paged = new URLSearchParams(params);
    paged.set("limit", String(PAGE));
    paged.set("offset", String(offset));
    return fetch("/api/v1/events.geojson?" + paged.toString(), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            throw new Error(typeof body.detail === "string" ? body.detail : "HTTP " + response.status);
          });
        }
        return response.json();
      });
  }

  function fetchAll(params) {
    const features = [];
    function next(offset) {
      return fetchPage(params, offset).then(function (collection) {
        features.push.apply(features, collection.features || []);
        const total = typeof collection.total === "number" ? collection.total : 0;
        if (offset + PAGE < Math.min(total, MOST)) { return next(offset + PAGE); }
        return { type: "FeatureCollection", features: features, total: total };
      });
    }
    return next(0);
  }

  function load(fit) {
    const params = query();
    status.textContent = "Loading events…";
    mapElement.dataset.features = "";
    return fetchAll(params)
      .then(function (collection) {
        clusters.clearLayers();
        const layer = L.geoJSON(collection, { pointToLayer: markerFor });
        clusters.addLayers(layer.getLayers());
        const count = layer.getLayers().length;
        mapElement.dataset.features = String(count);
        counter.textContent = "(" + count + " on the map" +
          (collection.total > count ? " of " + collection.total + " events" : "") + ")";
        status.textContent = count ? "" : "No event with a known place fits these filters.";
        if (fit && count) { map.fitBounds(clusters.getBounds(), { padding: [30, 30], maxZoom: 7 }); }
      })
      .catch(function (error) {
        mapElement.dataset.features = "0";
        status.textContent = "Could not load the events: " + error.message;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const params = query();
    params.delete("bbox");
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
    load(!(form.elements.bbox && form.elements.bbox.checked));
  });
  map.on("moveend", function () {
    if (form.elements.bbox && form.elements.bbox.checked) { load(false); }
  });
  load(true);
})();
