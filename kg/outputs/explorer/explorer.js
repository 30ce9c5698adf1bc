// Gemeente KG explorer: search, filters, neighbour highlight and the facts panel.
// Runs after pyvis's drawGraph(), which defines the globals `network` and `nodes`.
// Report text is untrusted: it only ever reaches the DOM through textContent.
(function () {
  "use strict";
  var KG = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var DIM = { background: "#e9ecef", border: "#dde1e5" };
  var FONT = "#1d2733";
  var ids = Object.keys(KG.nodes);
  var state = { types: {}, municipality: "", year: "", selected: null, dimmed: {} };

  // 1234567.5 → "1.234.567,5": Dutch thousands and decimal separators, the same in every
  // browser (toLocaleString depends on the locales a browser ships)
  function dutch(value) {
    var text = String(value);  // the exact decimal as the graph states it
    var m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) { return text; }
    return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (m[3] ? "," + m[3] : "");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var index = ids.map(function (id) {
    var n = KG.nodes[id];
    return { id: id, keys: [n.name].concat(n.aliases).map(fold) };
  });

  function style(type) { return KG.styles[type] || { color: "#888888" }; }

  // ---- header, legend / type filter, municipality and year filters -------------
  $("kg-title").textContent = KG.title;
  $("kg-count").textContent = (KG.view ? KG.view + " \u2014 " : "") +
    KG.entities + " entities \u00b7 " + KG.relations + " relations";
  var present = {}, municipalities = {}, years = {};
  ids.forEach(function (id) {
    var n = KG.nodes[id];
    present[n.type] = (present[n.type] || 0) + 1;
    n.municipalities.forEach(function (m) { municipalities[m] = true; });
    n.years.forEach(function (y) { years[y] = true; });
  });
  Object.keys(KG.styles).forEach(function (type) {
    if (!present[type]) { return; }
    state.types[type] = true;
    var label = el("label", "kg-type");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = type;
    box.addEventListener("change", function () {
      state.types[type] = box.checked;
      applyFilters();
    });
    var swatch = el("span", "kg-swatch");
    swatch.style.background = style(type).color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, type));
    label.appendChild(el("span", "kg-n", present[type]));
    $("kg-types").appendChild(label);
  });
  function fill(select, values) {
    Object.keys(values).sort().forEach(function (v) {
      var option = el("option", null, v);
      option.value = v;
      select.appendChild(option);
    });
  }
  fill($("kg-municipality"), municipalities);
  fill($("kg-year"), years);
  $("kg-municipality").addEventListener("change", function (e) {
    state.municipality = e.target.value;
    applyFilters();
  });
  $("kg-year").addEventListener("change", function (e) {
    state.year = e.target.value;
    applyFilters();
  });

  function visible(id) {
    var n = KG.nodes[id];
    return !!state.types[n.type] &&
      (!state.municipality || n.municipalities.indexOf(state.municipality) >= 0) &&
      (!state.year || n.years.indexOf(state.year) >= 0);
  }

  function applyFilters() {
    var updates = [], shown = 0;
    ids.forEach(function (id) {
      var hide = !visible(id);
      if (!hide) { shown += 1; }
      if (!!nodes.get(id).hidden !== hide) { updates.push({ id: id, hidden: hide }); }
    });
    if (updates.length) { nodes.update(updates); }
    $("kg-shown").textContent = "Showing " + shown + " of " + ids.length + " nodes";
    if (state.selected && !visible(state.selected)) { clearSelection(); }
  }

  function resetFilters() {
    Array.prototype.forEach.call($("kg-types").querySelectorAll("input"), function (box) {
      box.checked = true;
      state.types[box.value] = true;
    });
    state.municipality = state.year = "";
    $("kg-municipality").value = $("kg-year").value = "";
    applyFilters();
  }
  $("kg-reset").addEventListener("click", function () {
    resetFilters();
    clearSelection();
    network.fit();
  });

  // ---- neighbour highlight ----------------------------------------------------
  function highlight(id) {
    var keep = {};
    if (id !== null) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    }
    var updates = [];
    ids.forEach(function (n) {
      var dim = id !== null && !keep[n];
      if (!!state.dimmed[n] === dim) { return; }
      state.dimmed[n] = dim;
      updates.push(dim ? { id: n, color: DIM, font: { color: "#b8c0c8" } }
        : { id: n, color: style(KG.nodes[n].type).color, font: { color: FONT } });
    });
    if (updates.length) { nodes.update(updates); }
  }

  // ---- the facts panel ----------------------------------------------------------
  function section(body, title, count) {
    body.appendChild(el("h3", null, title + (count !== undefined ? " (" + count + ")" : "")));
  }

  function openPanel(id) {
    var n = KG.nodes[id];
    var body = $("kg-panel-body");
    body.textContent = "";
    var badge = el("span", "kg-badge", n.type);
    badge.style.background = style(n.type).color;
    body.appendChild(badge);
    body.appendChild(el("h2", "kg-name", n.name));
    if (n.aliases.length) { body.appendChild(el("p", "kg-aliases", "Also: " + n.aliases.join("; "))); }
    var facts = el("dl", "kg-facts");
    [["Municipality", n.municipalities.join(", ") || "\u2014"],
      ["Year", n.years.join(", ") || "\u2014"]].forEach(function (row) {
      facts.appendChild(el("dt", null, row[0]));
      facts.appendChild(el("dd", null, row[1]));
    });
    body.appendChild(facts);
    if (n.indicators.length) {
      section(body, "Indicators", n.indicators.length);
      var table = el("table", "kg-indicators");
      var head = el("tr");
      ["What", "Value", "Unit", "Period", "Kind"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      table.appendChild(head);
      n.indicators.forEach(function (ind) {
        var tr = el("tr");
        tr.title = ind.document + ": " + ind.sentence;
        var said = ind.measure || ind.label;  // the measure name; the sentence is the title
        var what = said.length > 90 ? said.slice(0, 89) + "\u2026" : said;
        [what, dutch(ind.value), ind.unit, ind.period, ind.kind].forEach(function (v, i) {
          tr.appendChild(el("td", i === 1 ? "kg-num" : null, v));
        });
        table.appendChild(tr);
      });
      body.appendChild(table);
    }
    section(body, "Relations", n.relations.length);
    var list = el("ul", "kg-relations");
    n.relations.forEach(function (r) {
      var other = KG.nodes[r.other];
      var li = el("li");
      li.appendChild(el("span", "kg-pred", r.direction === "out" ? r.predicate + " \u2192" : "\u2190 " + r.predicate));
      var link = el("button", "kg-link", other ? other.name : r.other);
      link.type = "button";
      link.addEventListener("click", function () { choose(r.other); });
      li.appendChild(link);
      list.appendChild(li);
    });
    if (!n.relations.length) { list.appendChild(el("li", "kg-none", "none in this view")); }
    body.appendChild(list);
    section(body, "Sources", n.sentences.length);
    var sources = el("ul", "kg-sources");
    n.sentences.slice(0, 25).forEach(function (s) {
      var li = el("li");
      li.appendChild(el("blockquote", null, s.text));
      li.appendChild(el("cite", null, s.document));
      sources.appendChild(li);
    });
    if (n.sentences.length > 25) {
      sources.appendChild(el("li", "kg-none", "and " + (n.sentences.length - 25) + " more"));
    }
    body.appendChild(sources);
    $("kg-panel").hidden = false;
    $("kg-panel").scrollTop = 0;
  }

  function select(id) {
    state.selected = id;
    network.selectNodes([id]);
    highlight(id);
    openPanel(id);
  }

  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    highlight(null);
    $("kg-panel").hidden = true;
  }

  function choose(id) {
    if (!visible(id)) { resetFilters(); }
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
      animation: { duration: 350, easingFunction: "easeInOutQuad" } });
  }

  $("kg-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { clearSelection(); }
  });
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); } else { clearSelection(); }
  });

  // ---- search -------------------------------------------------------------------
  function matches(query) {
    var q = fold(query);
    if (!q) { return []; }
    var found = [];
    index.forEach(function (entry) {
      var rank = 9;
      entry.keys.forEach(function (k, i) {
        if (k === q) { rank = Math.min(rank, i ? 1 : 0); } else if (k.indexOf(q) === 0) { rank = Math.min(rank, 2); } else if (k.indexOf(q) > 0) { rank = Math.min(rank, 3); }
      });
      if (rank < 9) { found.push([rank, KG.nodes[entry.id].name.length, entry.id]); }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return found.slice(0, 12).map(function (f) { return f[2]; });
  }

  var results = $("kg-results");
  function showResults() {
    var hits = matches($("kg-search").value);
    results.textContent = "";
    hits.forEach(function (id) {
      var li = el("li");
      var b = el("button", "kg-hit");
      b.type = "button";
      var swatch = el("span", "kg-swatch");
      swatch.style.background = style(KG.nodes[id].type).color;
      b.appendChild(swatch);
      b.appendChild(el("span", "kg-hit-name", KG.nodes[id].name));
      var where = KG.nodes[id].municipalities.length === 1 ? KG.nodes[id].municipalities[0] : "";
      b.appendChild(el("span", "kg-hit-type", where || KG.nodes[id].type));
      b.title = KG.nodes[id].type + (where ? " \u00b7 " + where : "");
      b.addEventListener("click", function () { choose(id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (!hits.length && $("kg-search").value.trim()) { results.appendChild(el("li", "kg-none", "no match")); }
    return hits;
  }
  $("kg-search").addEventListener("input", showResults);
  $("kg-search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var hits = showResults();
      if (hits.length) { choose(hits[0]); }
    }
  });

  if (!KG.large) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }
  network.once("afterDrawing", function () {
    window.kgReadyAt = performance.now();
    document.body.setAttribute("data-kg-ready", "1");
  });
  applyFilters();
  network.redraw();  // without physics the first frame may already be drawn: draw once more
  window.kgExplorer = { select: select, choose: choose, matches: matches, applyFilters: applyFilters };
})();
