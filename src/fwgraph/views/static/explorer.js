/* fwgraph explorer: an interactive family tree drawn with cytoscape.js.
 *
 * Every element with class "fw-explorer" holds a JSON script element of class
 * "fw-explorer-data", written by fwgraph.views.html.explorer_data; this file
 * turns it into a pannable, zoomable graph with a search box, a year slider, relation
 * filters, tooltips (facts and sources) and, on a click, the framework's page.
 * Labels are data: they reach the page only through textContent, never innerHTML.
 */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function norm(s) {
    return String(s).toLowerCase().replace(/[\s._\-]+/g, "");
  }

  function visibleAt(node, year, last) {
    if (year === null) return true;
    if (node.year === null || node.year === undefined) return year >= last;
    return node.year <= year;
  }

  function edgeAt(edge, year) {
    if (year === null) return true;
    if (edge.from && edge.from > year) return false;
    if (edge.until && edge.until <= year) return false; // fw:validUntil is exclusive
    return true;
  }

  function build(root) {
    var data = JSON.parse(root.querySelector(".fw-explorer-data").textContent);
    var t = data.text;
    var years = data.years; // [first, last] or null
    var last = years ? years[1] : null;
    var state = { year: last, relations: {} };
    data.relations.forEach(function (r) { state.relations[r.key] = true; });

    // ---- controls
    var bar = el("div", "fw-x-bar");
    var search = el("input", "fw-x-search");
    search.type = "search";
    search.placeholder = t.search;
    search.setAttribute("aria-label", t.search);
    var listId = root.id + "-names";
    search.setAttribute("list", listId);
    var datalist = el("datalist");
    datalist.id = listId;
    data.nodes.forEach(function (n) {
      if (n.kind === "tick") return;
      var o = document.createElement("option");
      o.value = n.label;
      datalist.appendChild(o);
    });
    bar.appendChild(search);
    bar.appendChild(datalist);
    var slider = null, yearOut = null;
    if (years) {
      var yearBox = el("label", "fw-x-year");
      yearBox.appendChild(el("span", null, t.slider));
      slider = el("input", "fw-x-slider");
      slider.type = "range";
      slider.min = years[0];
      slider.max = years[1];
      slider.step = 1;
      slider.value = data.start || years[1];
      slider.setAttribute("aria-label", t.slider);
      yearOut = el("output", "fw-x-year-value", slider.value);
      yearBox.appendChild(slider);
      yearBox.appendChild(yearOut);
      bar.appendChild(yearBox);
    }
    var filters = el("div", "fw-x-filters");
    data.relations.forEach(function (r) {
      var lab = el("label", "fw-x-rel");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = r.key;
      box.addEventListener("change", function () {
        state.relations[r.key] = box.checked;
        refresh();
      });
      var swatch = el("span", "fw-x-swatch");
      swatch.style.borderTopColor = r.colour;
      swatch.style.borderTopStyle = r.dash ? "dashed" : "solid";
      lab.appendChild(box);
      lab.appendChild(swatch);
      lab.appendChild(el("span", null, r.label));
      filters.appendChild(lab);
    });
    var fit = el("button", "fw-x-fit", t.fit);
    fit.type = "button";
    filters.appendChild(fit);
    filters.appendChild(el("span", "fw-x-note", t.arrow_reads));
    bar.appendChild(filters);
    var status = el("div", "fw-x-status");
    status.setAttribute("aria-live", "polite");
    var canvas = el("div", "fw-x-canvas");
    var tip = el("div", "fw-x-tip");
    var panel = el("div", "fw-x-panel");
    root.appendChild(bar);
    root.appendChild(canvas);
    root.appendChild(status);
    root.appendChild(panel);
    document.body.appendChild(tip);

    // ---- graph
    var nodesById = {}, edgesById = {};
    data.nodes.forEach(function (n) { nodesById[n.id] = n; });
    data.edges.forEach(function (e) { edgesById[e.id] = e; });
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({
        group: "nodes",
        data: { id: n.id, label: n.label, colour: n.colour || "#1f77b4" },
        position: { x: n.x, y: n.y },
        classes: n.kind === "tick" ? "tick" : (n.center ? "center" : ""),
        locked: n.kind === "tick",
        selectable: n.kind !== "tick",
        grabbable: false,
      });
    });
    var relStyle = {};
    data.relations.forEach(function (r) { relStyle[r.key] = r; });
    data.edges.forEach(function (e) {
      var r = relStyle[e.relation] || { colour: "#777", dash: false };
      elements.push({
        group: "edges",
        data: { id: e.id, source: e.source, target: e.target, colour: r.colour,
                label: e.label },
        classes: r.dash ? "dashed" : "",
      });
    });
    var cy = window.cytoscape({
      container: canvas,
      elements: elements,
      layout: { name: "preset" },
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "border-color": "data(colour)",
          "border-width": 2, width: 12, height: 12, label: "data(label)",
          "font-size": 13, "font-family": data.font, "text-valign": "center",
          "text-halign": "right", "text-margin-x": 5, color: "#1a1a1a",
          "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7 } },
        { selector: "node.ended", style: { "background-color": "#fff", color: "#777" } },
        { selector: "node.center", style: { width: 18, height: 18, "font-weight": "bold" } },
        { selector: "node.tick", style: {
          width: 1, height: 1, "background-opacity": 0, "border-width": 0,
          "text-halign": "center", "text-valign": "bottom", color: "#666", "font-size": 12,
          events: "no" } },
        { selector: "node.found", style: { "border-width": 5, "border-color": "#e8a400",
          "font-weight": "bold", "z-index": 10 } },
        { selector: "node.faded, edge.faded", style: { opacity: 0.15 } },
        { selector: "edge", style: {
          "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "arrow-scale": 1.1, width: 1.6,
          "curve-style": "unbundled-bezier", "control-point-distances": 18,
          "control-point-weights": 0.5, opacity: 0.85 } },
        { selector: "edge.dashed", style: { "line-style": "dashed" } },
      ],
    });
    root.fwExplorer = cy; // for tests and for the curious

    function facts(n) {
      var rows = [];
      data.fields.forEach(function (f) {
        var v = n[f[0]];
        if (v !== undefined && v !== null && v !== "") rows.push([f[1], v]);
      });
      return rows;
    }

    function showTip(evt, title, rows, sources) {
      tip.textContent = "";
      tip.appendChild(el("div", "fw-x-tip-title", title));
      rows.forEach(function (r) {
        var d = el("div");
        d.appendChild(el("b", null, r[0] + " "));
        d.appendChild(document.createTextNode(String(r[1])));
        tip.appendChild(d);
      });
      if (sources && sources.length) {
        var s = el("div", "fw-x-tip-sources");
        s.appendChild(el("b", null, t.sources + " "));
        s.appendChild(document.createTextNode(sources.map(function (x) { return x.title; })
          .join("; ")));
        tip.appendChild(s);
      }
      var p = evt.renderedPosition || { x: 0, y: 0 };
      var box = canvas.getBoundingClientRect();
      tip.style.display = "block";
      var left = Math.min(box.left + p.x + 14, window.innerWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(4, left) + "px";
      tip.style.top = (box.top + p.y + 14) + "px";
    }

    function showPanel(n) {
      panel.textContent = "";
      var title = el("div", "fw-x-panel-title", n.label);
      panel.appendChild(title);
      if (n.comment) panel.appendChild(el("p", null, n.comment));
      facts(n).forEach(function (r) {
        var d = el("div");
        d.appendChild(el("b", null, r[0] + " "));
        d.appendChild(document.createTextNode(String(r[1])));
        panel.appendChild(d);
      });
      if (n.href) {
        var a = el("a", "fw-x-open", t.open);
        a.href = n.href;
        panel.appendChild(a);
      }
      panel.style.display = "block";
    }

    cy.on("mouseover", "node", function (evt) {
      var n = nodesById[evt.target.id()];
      if (!n || n.kind === "tick") return;
      showTip(evt, n.label, facts(n), []);
    });
    cy.on("mouseover", "edge", function (evt) {
      var e = edgesById[evt.target.id()];
      var rows = [];
      if (e.period) rows.push([t.period, e.period]);
      showTip(evt, nodesById[e.source].label + " — " + e.label + " → " +
        nodesById[e.target].label, rows, e.sources);
    });
    cy.on("mouseout", function () { tip.style.display = "none"; });
    cy.on("tap", "node", function (evt) {
      var n = nodesById[evt.target.id()];
      if (!n || n.kind === "tick") return;
      var pointer = evt.originalEvent && evt.originalEvent.pointerType;
      var hover = window.matchMedia && window.matchMedia("(hover: hover)").matches;
      if (n.href && hover && pointer !== "touch") {
        window.location.href = n.href;
        return;
      }
      showPanel(n);
    });
    cy.on("tap", function (evt) {
      if (evt.target === cy) panel.style.display = "none";
    });

    function refresh() {
      var year = slider ? parseInt(slider.value, 10) : null;
      state.year = year;
      if (yearOut) yearOut.textContent = String(year);
      var shown = 0, links = 0;
      cy.batch(function () {
        cy.nodes().forEach(function (node) {
          var n = nodesById[node.id()];
          if (n.kind === "tick") return;
          var on = visibleAt(n, year, last);
          node.style("display", on ? "element" : "none");
          node.toggleClass("ended", !!(n.ended && (year === null || n.ended <= year)));
          if (on) shown += 1;
        });
        cy.edges().forEach(function (edge) {
          var e = edgesById[edge.id()];
          var on = state.relations[e.relation] && edgeAt(e, year) &&
            edge.source().style("display") !== "none" &&
            edge.target().style("display") !== "none";
          edge.style("display", on ? "element" : "none");
          if (on) links += 1;
        });
      });
      status.textContent = t.shown.replace("{n}", shown).replace("{m}", links) +
        (year !== null && year < last ? " · " + t.as_of.replace("{year}", year) : "");
      root.setAttribute("data-shown", String(shown));
      root.setAttribute("data-links", String(links));
    }

    function find(text) {
      var q = norm(text);
      if (!q) return null;
      var best = null;
      data.nodes.forEach(function (n) {
        if (n.kind === "tick" || best) return;
        var names = [n.label].concat(n.names || []).map(norm);
        if (names.indexOf(q) >= 0) best = n;
      });
      if (!best) {
        data.nodes.forEach(function (n) {
          if (n.kind === "tick" || best) return;
          var names = [n.label].concat(n.names || []).map(norm);
          if (names.some(function (x) { return x.indexOf(q) === 0; })) best = n;
        });
      }
      return best;
    }

    function focus(n) {
      cy.elements().removeClass("found faded");
      if (!n) return;
      var node = cy.getElementById(n.id);
      if (node.style("display") === "none" && slider) {
        slider.value = slider.max; // show it even if it came later than the chosen year
        refresh();
      }
      var hood = node.closedNeighborhood();
      cy.elements().not(hood).not(".tick").addClass("faded");
      node.addClass("found");
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) },
        { duration: 300 });
      showPanel(n);
      root.setAttribute("data-found", n.id);
    }

    search.addEventListener("change", function () { focus(find(search.value)); });
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") focus(find(search.value));
    });
    search.addEventListener("input", function () {
      if (!search.value) { cy.elements().removeClass("found faded"); }
    });
    if (slider) slider.addEventListener("input", refresh);
    fit.addEventListener("click", function () {
      cy.elements().removeClass("found faded");
      cy.fit(cy.elements(":visible"), 20);
    });
    refresh();
    // Start where labels can be read (at least 0.85 of their size), around the centre of a
    // neighbourhood or the busiest framework; "Show all" fits everything.
    cy.resize();
    cy.fit(cy.elements(":visible"), 20);
    var start = data.nodes.filter(function (n) { return n.center; })[0] ||
      nodesById[data.focus];
    if (start && cy.zoom() < 0.85) {
      cy.zoom(0.85);
      cy.center(cy.getElementById(start.id));
    }
    root.setAttribute("data-ready", "true");
  }

  function start() {
    var roots = document.querySelectorAll(".fw-explorer");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].fwExplorer) build(roots[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
