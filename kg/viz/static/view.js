/* newskg graph view: draws the JSON of #kg-data with vis-network.
 * Every text from the data reaches the DOM through textContent or option.value,
 * never as markup. window.kg exposes the network and state for tests.
 *
 * Readability: labels keep one size on screen (LABEL_PX) at every zoom, and a
 * label is drawn only where it hits no other label and no node. Labels are
 * placed greedily, highest score first, for a ladder of zoom levels: at the
 * first view the top-scored actors are named, zooming in names more. Edge
 * labels appear on hover and around the selected actor; the tooltip has them all. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var cfg = JSON.parse(document.getElementById("kg-config").textContent);
  var body = document.body;
  var HIDDEN = " ";  // vis-network keeps the old label when given "" or undefined
  var LABEL_PX = 14, EDGE_PX = 12, LEVELS = 9, STEP = 1.5, PLACE_MAX = 3000;
  var FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  var byId = {};
  var adj = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; adj[n.id] = new Set(); });
  var edgeById = {};
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    adj[e.from].add(e.to);
    adj[e.to].add(e.from);
  });

  function nodeItem(n) {
    var c = cfg.nodeColors[n.type] || cfg.nodeColors.Other;
    return {
      id: n.id, label: HIDDEN, x: n.x, y: n.y, size: n.size, type: n.type,
      color: { background: c, border: "#4d4d4d", highlight: { background: c, border: "#111" }, hover: { background: c, border: "#111" } }
    };
  }
  function edgeItem(e) {
    var c = cfg.quadColors[String(e.qc)] || cfg.quadColors["0"];
    return {
      id: e.id, from: e.from, to: e.to, qc: e.qc, label: HIDDEN,
      width: 1 + Math.log2(e.n),
      dashes: Boolean(e.flag) || e.kind !== "event",
      smooth: e.curve ? { enabled: true, type: "curvedCW", roundness: e.curve } : false,
      color: { color: c, highlight: c, hover: c, inherit: false, opacity: 0.85 }
    };
  }
  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));

  var typeOn = {};
  var quadOn = {};
  var only = null;
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return typeOn[n.type] !== false && (only === null || only.has(n.id)); }
  });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return quadOn[e.qc] !== false; } });

  var container = document.getElementById("kg-network");
  var options = {
    autoResize: true,
    physics: cfg.physics
      ? { enabled: true, solver: "barnesHut", stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true } }
      : { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: {
      hover: true, tooltipDelay: 100, keyboard: false, multiselect: false,
      hideEdgesOnDrag: cfg.big, hideEdgesOnZoom: cfg.big
    },
    nodes: { shape: "dot", borderWidth: 1, font: { size: LABEL_PX, face: FACE, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 1,
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      font: { size: EDGE_PX, face: FACE, color: "#333", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }
    }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var kg = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: data, selected: null, timing: { start: t0 }, find: find, labelPx: LABEL_PX, shownLabels: shownLabels
  };
  window.kg = kg;

  /* ---------------------------------------------------------------- labels */
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px " + FACE;
  data.nodes.forEach(function (n) { n.w = measure.measureText(n.label).width + 6; n.level = Infinity; });
  var base = 1;          // the scale of the first view: level k is named from base * STEP^k on
  var shown = {};        // node id -> label drawn now
  var edgeShown = {};    // edge id -> label drawn now
  var hovered = null;

  function labelBox(n, s) {  // screen px at scale s: the label hangs 3 units below the dot
    var top = (n.y + n.size + 3) * s;
    return [n.x * s - n.w / 2, top, n.x * s + n.w / 2, top + LABEL_PX * 1.3, n.id];
  }
  function dotBox(n, s) {
    return [(n.x - n.size) * s - 2, (n.y - n.size) * s - 2, (n.x + n.size) * s + 2, (n.y + n.size) * s + 2, n.id];
  }
  function place() {
    /* Greedy label placement per zoom level on a grid of 64 px cells. */
    base = network.getScale();
    var order = data.nodes.slice().sort(function (a, b) { return b.score - a.score || a.id - b.id; }).slice(0, PLACE_MAX);
    data.nodes.forEach(function (n) { n.level = Infinity; });
    for (var k = 0; k < LEVELS; k++) {
      var s = base * Math.pow(STEP, k), grid = new Map(), CELL = 64;
      var put = function (box) {
        for (var i = Math.floor(box[0] / CELL); i <= Math.floor(box[2] / CELL); i++) {
          for (var j = Math.floor(box[1] / CELL); j <= Math.floor(box[3] / CELL); j++) {
            var key = i + "," + j, list = grid.get(key);
            if (list) { list.push(box); } else { grid.set(key, [box]); }
          }
        }
      };
      var free = function (box) {
        for (var i = Math.floor(box[0] / CELL); i <= Math.floor(box[2] / CELL); i++) {
          for (var j = Math.floor(box[1] / CELL); j <= Math.floor(box[3] / CELL); j++) {
            var list = grid.get(i + "," + j) || [];
            for (var m = 0; m < list.length; m++) {
              var o = list[m];
              if (o[4] !== box[4] && box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { return false; }
            }
          }
        }
        return true;
      };
      data.nodes.forEach(function (n) { put(dotBox(n, s)); });
      order.forEach(function (n) { if (n.level < k) { put(labelBox(n, s)); } });
      order.forEach(function (n) {
        if (n.level !== Infinity) { return; }
        var box = labelBox(n, s);
        if (free(box)) { n.level = k; put(box); }
      });
    }
  }
  function edgeText(e) { return e.rel + (e.n > 1 ? " \u00d7" + e.n : "") + (e.flag ? " (" + e.flag + ")" : ""); }
  function relabel() {
    /* Name the nodes placed for this zoom (plus the hovered and selected ones); size fonts for the zoom. */
    var s = network.getScale();
    var near = {};
    if (kg.selected !== null) { near[kg.selected] = true; adj[kg.selected].forEach(function (m) { near[m] = true; }); }
    if (hovered !== null) { near[hovered] = true; }
    var nodeChanges = [];
    data.nodes.forEach(function (n) {
      var want = (n.level !== Infinity && s >= base * Math.pow(STEP, n.level) * 0.999) || near[n.id] ? n.label : HIDDEN;
      if ((shown[n.id] || HIDDEN) !== want) { shown[n.id] = want; nodeChanges.push({ id: n.id, label: want }); }
    });
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var on = kg.selected !== null && (e.from === kg.selected || e.to === kg.selected) || e.id === kg.hoverEdge;
      var want = on ? edgeText(e) : HIDDEN;
      if ((edgeShown[e.id] || HIDDEN) !== want) { edgeShown[e.id] = want; edgeChanges.push({ id: e.id, label: want }); }
    });
    network.setOptions({ nodes: { font: { size: LABEL_PX / s } }, edges: { font: { size: EDGE_PX / s } } });
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
  }
  function shownLabels() {
    return data.nodes.filter(function (n) { return shown[n.id] && shown[n.id] !== HIDDEN; }).map(function (n) { return n.id; });
  }
  kg.relabel = relabel;
  network.on("zoom", function () { relabel(); });
  network.on("hoverNode", function (p) { hovered = p.node; relabel(); });
  network.on("blurNode", function () { hovered = null; relabel(); });
  network.on("hoverEdge", function (p) { kg.hoverEdge = p.edge; relabel(); });
  network.on("blurEdge", function () { kg.hoverEdge = null; relabel(); });
  network.on("deselectNode", function () { kg.selected = null; relabel(); });
  window.addEventListener("resize", function () { setTimeout(function () { place(); relabel(); }, 50); });
  function firstView() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.92, animation: false });  // room for the labels under the rim
    place();
    relabel();
  }

  function mark(state) {
    kg.timing[state] = performance.now();
    body.setAttribute("data-state", state);
  }
  network.once("afterDrawing", function () {
    mark("drawn");
    if (!cfg.physics) { network.once("afterDrawing", function () { mark("still"); }); network.redraw(); }
  });
  if (cfg.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      var positions = network.getPositions();
      data.nodes.forEach(function (n) { n.x = positions[n.id].x; n.y = positions[n.id].y; });
      firstView();
      network.once("afterDrawing", function () { mark("still"); });
      network.redraw();
    });
  } else {
    firstView();
  }

  /* ---------------------------------------------------------------- tooltips */
  var tip = document.getElementById("kg-tip");
  var mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (ev) { mouse.x = ev.clientX; mouse.y = ev.clientY; placeTip(); });
  container.addEventListener("mouseleave", hideTip);

  function line(parent, text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    parent.appendChild(div);
    return div;
  }
  function nodeTip(n) {
    var f = document.createDocumentFragment();
    line(f, n.label, "kg-tip-head");
    line(f, [n.type, n.country].filter(Boolean).join(" \u00b7 "));
    if (n.roles.length) { line(f, "Roles: " + n.roles.join(", ")); }
    if (n.aliases.length) { line(f, "Also: " + n.aliases.join(", ")); }
    line(f, cfg.rankBy + ": " + n.score.toFixed(4) + " \u00b7 " + adj[n.id].size + " neighbours", "kg-tip-meta");
    return f;
  }
  function edgeTip(e) {
    var f = document.createDocumentFragment();
    line(f, byId[e.from].label + " \u2192 " + e.rel + (e.flag ? " (" + e.flag + ")" : "") + " \u2192 " + byId[e.to].label,
      "kg-tip-head");
    var meta = [e.n + (e.n === 1 ? " event" : " events")];
    if (e.code) { meta.push("CAMEO " + e.code + (e.codeLabel ? " " + e.codeLabel : "")); }
    if (e.gs !== null) { meta.push("Goldstein " + (e.gs > 0 ? "+" : "") + e.gs); }
    if (e.qc) { meta.push(cfg.quadNames[String(e.qc)]); }
    line(f, meta.join(" \u00b7 "), "kg-tip-meta");
    e.ev.forEach(function (ev) {
      var item = document.createElement("div");
      item.className = "kg-tip-ev";
      var src = [ev[0], ev[1], ev[3], ev[4]].filter(Boolean).join(" \u00b7 ");
      if (src) { line(item, src, "kg-tip-src"); }
      if (ev[2]) { line(item, "\u201c" + ev[2] + "\u201d", "kg-tip-sent"); }
      f.appendChild(item);
    });
    if (e.more) { line(f, "+ " + e.more + " more", "kg-tip-meta"); }
    return f;
  }
  function showTip(fragment) {
    tip.replaceChildren(fragment);
    tip.hidden = false;
    placeTip();
  }
  function placeTip() {
    if (tip.hidden) { return; }
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = mouse.x + 14, y = mouse.y + 14;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, mouse.x - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, mouse.y - h - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) { showTip(nodeTip(byId[p.node])); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(edgeById[p.edge])); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  /* ---------------------------------------------------------------- filters */
  var status = document.getElementById("kg-status");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = nodeView.length + " of " + data.nodes.length + (data.nodes.length === 1 ? " actor" : " actors") + " shown";
  }
  Array.prototype.forEach.call(document.querySelectorAll("input.kg-type"), function (box) {
    box.addEventListener("change", function () { typeOn[box.value] = box.checked; refresh(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.kg-quad"), function (box) {
    box.addEventListener("change", function () { quadOn[Number(box.value)] = box.checked; refresh(); });
  });
  var onlyBox = document.getElementById("kg-only");
  function applyOnly() {
    if (onlyBox.checked && kg.selected !== null) {
      only = new Set(adj[kg.selected]);
      only.add(kg.selected);
    } else {
      only = null;
    }
    refresh();
    if (kg.selected !== null && nodeView.get(kg.selected)) { network.selectNodes([kg.selected]); }
  }
  onlyBox.addEventListener("change", applyOnly);
  network.on("selectNode", function (p) {
    kg.selected = p.nodes[0];
    if (onlyBox.checked) { applyOnly(); }
    relabel();
  });
  document.getElementById("kg-rank").textContent = cfg.rankBy;

  /* ---------------------------------------------------------------- search */
  var input = document.getElementById("kg-search");
  var found = document.getElementById("kg-found");
  var names = document.getElementById("kg-names");
  data.nodes.slice().sort(function (a, b) { return b.score - a.score; }).slice(0, 3000).forEach(function (n) {
    var opt = document.createElement("option");
    opt.value = n.label;
    names.appendChild(opt);
  });
  var last = { query: null, matches: [], k: 0 };

  /* The ranking of kg/search.py, rule for rule: accents and case ignored; exact label, exact alias,
   * initials ("UN" -> United Nations), first whole words, start of the label, start of words, anywhere. */
  var SKIP = new Set(["of", "the", "and", "for", "de", "la", "le", "du", "des", "al"]);
  function fold(t) {
    return String(t).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/ +/g, " ");
  }
  function initials(name) {
    var words = name.split(" ").filter(Boolean);
    var kept = words.filter(function (w) { return !SKIP.has(w); });
    return (kept.length ? kept : words).map(function (w) { return w[0]; }).join("");
  }
  function wordPrefixes(q, name) {
    var words = name.split(" "), i = 0, parts = q.split(" ");
    for (var p = 0; p < parts.length; p++) {
      while (i < words.length && words[i].indexOf(parts[p]) !== 0) { i++; }
      if (i === words.length) { return false; }
      i++;
    }
    return true;
  }
  function tier(q, label, aliases) {
    var name = fold(label), others = aliases.map(fold);
    if (!q) { return -1; }
    if (name === q) { return 0; }
    if (others.indexOf(q) >= 0) { return 1; }
    var compact = q.replace(/ /g, "");
    if (compact.length >= 2 && name.split(" ").length >= 2 && initials(name) === compact) { return 2; }
    if (name.indexOf(q + " ") === 0) { return 3; }
    if (name.indexOf(q) === 0) { return 4; }
    if ([name].concat(others).some(function (n) { return wordPrefixes(q, n); })) { return 5; }
    if (name.indexOf(q) >= 0 || others.some(function (a) { return a.indexOf(q) >= 0; })) { return 6; }
    return -1;
  }
  function rankAmong(q, items, label, aliases, weight) {
    var scored = [];
    items.forEach(function (it) {
      var t = tier(q, label(it), aliases(it));
      if (t >= 0) { scored.push([t, -weight(it), label(it).length, fold(label(it)), it]); }
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < 4; i++) { if (a[i] !== b[i]) { return a[i] < b[i] ? -1 : 1; } }
      return 0;
    });
    return scored.map(function (x) { return x[4]; });
  }
  function rank(q) {
    return rankAmong(fold(q), data.nodes, function (n) { return n.label; }, function (n) { return n.aliases; },
      function (n) { return n.score; });
  }
  function focusOn(n) {
    if (typeOn[n.type] === false) {
      typeOn[n.type] = true;
      var box = document.querySelector('input.kg-type[value="' + n.type + '"]');
      if (box) { box.checked = true; }
    }
    kg.selected = n.id;
    applyOnly();
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    relabel();
  }
  function find(text) {
    var q = fold(text);
    if (!q) { found.textContent = ""; return null; }
    if (q === last.query && last.matches.length) {
      last.k = (last.k + 1) % last.matches.length;
    } else {
      last = { query: q, matches: rank(q), k: 0 };
    }
    var away = rankAmong(q, cfg.hidden || [], function (h) { return h[0]; }, function (h) { return h[1]; },
      function () { return 0; });
    var elsewhere = away.length
      ? "\u201c" + away[0][0] + "\u201d is in the store but not drawn here: " + away[0][2] : "";
    if (!last.matches.length) {
      found.textContent = elsewhere || "No actor matches \u201c" + String(text).trim() + "\u201d";
      return null;
    }
    var n = last.matches[last.k];
    focusOn(n);
    found.textContent = "Found: " + n.label + (last.matches.length > 1 ? " (" + (last.k + 1) + " of " + last.matches.length + ")" : "");
    if (elsewhere && tier(q, away[0][0], away[0][1]) < tier(q, last.matches[0].label, last.matches[0].aliases)) {
      found.textContent += " \u00b7 " + elsewhere;  // a better match is filtered out: say so
    }
    return n.id;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    find(input.value);
  });

  if (cfg.focus !== null) {
    network.once("afterDrawing", function () {
      kg.selected = cfg.focus;
      network.selectNodes([cfg.focus]);
      relabel();
    });
  }
})();
