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
  var MARK = "#e0a800";  // the border of what the compared municipalities share
  var state = { types: {}, municipality: "", year: "", selected: null, dimmed: {},
    compare: [], marked: {}, saved: null, columns: [], kind: null };

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

  function comparing() { return state.compare.length >= 2; }

  function compared(n) {  // the compared municipalities whose reports mention n
    return state.compare.filter(function (m) { return n.municipalities.indexOf(m) >= 0; });
  }

  function visible(id) {
    var n = KG.nodes[id];
    var where = comparing() ? compared(n).length > 0
      : !state.municipality || n.municipalities.indexOf(state.municipality) >= 0;
    return !!state.types[n.type] && where && (!state.year || n.years.indexOf(state.year) >= 0);
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
    if (comparing()) { sideBySide(); }
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
    setCompare([]);
    resetFilters();
    clearSelection();
    network.fit();
  });

  // ---- neighbour highlight ----------------------------------------------------
  function highlight(id) {
    var keep = null;
    if (id !== null) {
      keep = {};
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    }
    dimExcept(keep);
  }

  // dim every node not in keep (an object of ids; null: dim none)
  function dimExcept(keep) {
    var updates = [];
    ids.forEach(function (n) {
      var dim = keep !== null && !keep[n];
      if (!!state.dimmed[n] === dim) { return; }
      state.dimmed[n] = dim;
      updates.push(look(n));
    });
    if (updates.length) { nodes.update(updates); }
  }

  // how a node is drawn: dimmed, marked as shared by the compared municipalities, or plain
  function look(id) {
    var colour = style(KG.nodes[id].type).color;
    if (state.dimmed[id]) {
      return { id: id, color: DIM, borderWidth: 1, font: { color: "#b8c0c8" } };
    }
    if (state.marked[id]) {  // shared: a solid ring; of a shared kind: a dashed one
      var ring = { background: colour, border: MARK };
      var shared = state.marked[id] === "shared";
      return { id: id, color: { background: colour, border: MARK, highlight: ring, hover: ring },
        borderWidth: shared ? 5 : 3, shapeProperties: { borderDashes: shared ? false : [4, 3] },
        font: { color: FONT } };
    }
    return { id: id, color: colour, borderWidth: 1, shapeProperties: { borderDashes: false },
      font: { color: FONT } };
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
    var rows = [["Municipality", n.municipalities.join(", ") || "\u2014"],
      ["Year", n.years.join(", ") || "\u2014"]];
    if (n.kind) { rows.push(["Kind", KG.initiativeKinds[n.kind] || n.kind]); }
    if (state.marked[id]) { rows.push(["Compared", markReason(id)]); }
    rows.forEach(function (row) {
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
    if (state.kind !== null) {  // the kind shown is undone with the rest
      state.kind = null;
      pressKind();
    }
  }

  function choose(id) {
    if (!visible(id)) { resetFilters(); }
    if (!visible(id)) { setCompare([]); }
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


  // ---- side by side -----------------------------------------------------------------
  // Two or more municipalities in columns, what their reports share in a band above
  // them (over the columns of the municipalities that share it), and a summary: the
  // shared entities and the kinds of initiative that two or more of them run.
  var GAP = 260, STEP_X = 165, STEP_Y = 85, PER_ROW = 7;
  var TYPE_ORDER = KG.typeOrder;

  function comparison() {
    var c = { columns: {}, shared: [], kinds: {} };
    state.compare.forEach(function (m) { c.columns[m] = []; });
    ids.forEach(function (id) {
      if (!visible(id)) { return; }
      var n = KG.nodes[id], where = compared(n);
      if (where.length > 1) { c.shared.push(id); } else { c.columns[where[0]].push(id); }
      if (n.type === "Initiative" && n.kind) {
        var kind = c.kinds[n.kind] = c.kinds[n.kind] || {};
        where.forEach(function (m) { (kind[m] = kind[m] || []).push(id); });
      }
    });
    Object.keys(c.kinds).forEach(function (k) {
      if (Object.keys(c.kinds[k]).length < 2) { delete c.kinds[k]; }
    });
    return c;
  }

  function byTypeAndName(a, b) {
    var na = KG.nodes[a], nb = KG.nodes[b];
    return TYPE_ORDER.indexOf(na.type) - TYPE_ORDER.indexOf(nb.type) ||
      (na.name < nb.name ? -1 : na.name > nb.name ? 1 : 0);
  }

  // rows of at most PER_ROW nodes centred on x from y downwards; a new row per type
  function grid(list, x, y, positions) {
    var rows = [];
    list.slice().sort(byTypeAndName).forEach(function (id) {
      var last = rows[rows.length - 1];
      if (!last || last.length === PER_ROW || KG.nodes[last[0]].type !== KG.nodes[id].type) {
        rows.push(last = []);
      }
      last.push(id);
    });
    rows.forEach(function (row, r) {
      row.forEach(function (id, i) {
        positions[id] = { x: x + (i - (row.length - 1) / 2) * STEP_X, y: y + r * STEP_Y };
      });
    });
    return rows.length * STEP_Y;
  }

  // the width of a column of these nodes: its widest row
  function width(list) { return Math.max(1, Math.min(PER_ROW, list.length)) * STEP_X; }

  function fitBesidePanel() {
    network.fit({ animation: false });
    var side = $("kg-side").getBoundingClientRect().width + 24;
    var canvas = document.querySelector("#mynetwork canvas").getBoundingClientRect().width || 1;
    var share = Math.max(0.3, (canvas - side) / canvas);
    network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * share,
      offset: { x: side / 2, y: 0 }, animation: false });
  }

  function sideBySide() {
    var c = comparison(), positions = {}, marked = {}, x = 0, centre = {};
    state.kind = null;
    dimExcept(null);
    state.columns = [];
    state.compare.forEach(function (m, i) {
      if (i) { x += width(c.columns[state.compare[i - 1]]) / 2 + GAP + width(c.columns[m]) / 2; }
      centre[m] = x;
      state.columns.push({ name: m, x: x, y: 0 });
      grid(c.columns[m], x, 0, positions);
    });
    // the shared ones: one band per set of municipalities, stacked upwards
    var bands = {};
    c.shared.forEach(function (id) {
      var key = compared(KG.nodes[id]).join("\u0000");
      (bands[key] = bands[key] || []).push(id);
      marked[id] = "shared";
    });
    var top = -2 * STEP_Y;
    Object.keys(bands).sort().forEach(function (key) {
      var at = key.split("\u0000").map(function (m) { return centre[m]; });
      var x = at.reduce(function (a, b) { return a + b; }, 0) / at.length;
      var rows = Math.ceil(bands[key].length / PER_ROW) + 1;
      top -= rows * STEP_Y;
      grid(bands[key], x, top, positions);
      state.columns.push({ name: "shared by " + key.split("\u0000").join(", "), x: x, y: top });
    });
    Object.keys(c.kinds).forEach(function (k) {
      Object.keys(c.kinds[k]).forEach(function (m) {
        c.kinds[k][m].forEach(function (id) { if (!marked[id]) { marked[id] = "kind"; } });
      });
    });
    state.marked = marked;
    network.setOptions({ physics: { enabled: false } });
    nodes.update(Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
    nodes.update(ids.map(look));
    summary(c);
    fitBesidePanel();
    document.body.setAttribute("data-kg-compare", state.compare.join("|"));
  }

  function markReason(id) {
    var n = KG.nodes[id];
    if (state.marked[id] === "shared") { return "in the reports of " + compared(n).join(" and "); }
    return "a " + (KG.initiativeKinds[n.kind] || n.kind) + ", as in " +
      state.compare.filter(function (m) { return compared(n).indexOf(m) < 0; }).join(", ");
  }

  function linkTo(id) {
    var b = el("button", "kg-link", KG.nodes[id].name);
    b.type = "button";
    b.addEventListener("click", function () { choose(id); });
    return b;
  }

  function summary(c) {
    var box = $("kg-compare-summary");
    box.textContent = "";
    box.appendChild(el("h4", null, "Shared (" + c.shared.length + ")"));
    var list = el("ul", "kg-shared");
    c.shared.slice().sort(function (a, b) {
      var oa = KG.nodes[a].type === "Organisation" ? 0 : 1, ob = KG.nodes[b].type === "Organisation" ? 0 : 1;
      return oa - ob || byTypeAndName(a, b);
    }).forEach(function (id) {
      var li = el("li");
      li.appendChild(linkTo(id));
      li.appendChild(el("span", "kg-hit-type", " " + KG.nodes[id].type));
      list.appendChild(li);
    });
    if (!c.shared.length) { list.appendChild(el("li", "kg-none", "nothing in common")); }
    box.appendChild(list);
    var kinds = Object.keys(c.kinds).sort();
    box.appendChild(el("h4", null, "Initiatives of the same kind (" + kinds.length + ")"));
    var table = el("dl", "kg-kinds");
    kinds.forEach(function (k) {
      var dt = el("dt");
      var show = el("button", "kg-link kg-kind", KG.initiativeKinds[k] || k);
      show.type = "button";
      show.title = "Show only the initiatives of this kind";
      show.setAttribute("aria-pressed", String(state.kind === k));
      show.addEventListener("click", function () { showKind(state.kind === k ? null : k, c); });
      dt.appendChild(show);
      table.appendChild(dt);
      state.compare.forEach(function (m) {
        var dd = el("dd");
        dd.appendChild(el("span", "kg-pred", m + ":"));
        var found = (c.kinds[k][m] || []).slice().sort(byTypeAndName);
        found.forEach(function (id, i) {
          var item = el("span", "kg-item");
          item.appendChild(linkTo(id));
          if (i < found.length - 1) { item.appendChild(document.createTextNode(",")); }
          dd.appendChild(item);
          dd.appendChild(document.createTextNode(" "));
        });
        if (!found.length) { dd.appendChild(el("span", "kg-none", "none")); }
        table.appendChild(dd);
      });
    });
    if (!kinds.length) { table.appendChild(el("dd", "kg-none", "no kind run by two of them")); }
    box.appendChild(table);
    box.hidden = false;
  }

  // the initiatives of one kind in the compared municipalities stay in colour, the rest
  // dims; null: none dimmed
  function showKind(kind, c) {
    clearSelection();
    state.kind = kind;
    if (kind === null) {
      dimExcept(null);
    } else {
      var keep = {};
      Object.keys(c.kinds[kind]).forEach(function (m) {
        c.kinds[kind][m].forEach(function (id) { keep[id] = true; });
      });
      dimExcept(keep);
    }
    pressKind();
  }

  function pressKind() {
    var shown = state.kind === null ? null : KG.initiativeKinds[state.kind] || state.kind;
    Array.prototype.forEach.call(document.querySelectorAll(".kg-kind"), function (b) {
      b.setAttribute("aria-pressed", String(b.textContent === shown));
    });
  }

  function setCompare(chosen) {
    var was = comparing();
    state.compare = chosen.slice();
    Array.prototype.forEach.call($("kg-compare").querySelectorAll("input"), function (box) {
      box.checked = state.compare.indexOf(box.value) >= 0;
    });
    $("kg-municipality").disabled = comparing();
    if (comparing() && !was) { state.saved = network.getPositions(); }
    if (!comparing()) {
      state.marked = {};
      state.columns = [];
      $("kg-compare-summary").hidden = true;
      document.body.removeAttribute("data-kg-compare");
      if (was && state.saved) {
        var saved = state.saved;
        nodes.update(Object.keys(saved).map(function (id) {
          return { id: id, x: saved[id].x, y: saved[id].y };
        }));
        state.saved = null;
      }
      nodes.update(ids.map(look));
    }
    applyFilters();  // lays the columns out again while comparing
    if (was && !comparing()) { network.fit({ animation: false }); }
  }

  Object.keys(municipalities).sort().forEach(function (m) {
    var label = el("label", "kg-type");
    var box = el("input");
    box.type = "checkbox";
    box.value = m;
    box.addEventListener("change", function () {
      var chosen = state.compare.filter(function (x) { return x !== m; });
      if (box.checked) { chosen.push(m); }
      setCompare(chosen);
    });
    label.appendChild(box);
    label.appendChild(el("span", null, m));
    $("kg-compare").appendChild(label);
  });

  // the column names, drawn on the canvas above each column
  network.on("afterDrawing", function (ctx) {
    if (!comparing()) { return; }
    ctx.save();
    ctx.font = "600 22px system-ui, sans-serif";
    ctx.fillStyle = "#1d2733";
    ctx.textAlign = "center";
    state.columns.forEach(function (col) { ctx.fillText(col.name, col.x, col.y - 55); });
    ctx.restore();
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
      if (comparing()) { setTimeout(sideBySide, 0); }  // after vis.js fits the whole graph
    });
  }
  network.once("afterDrawing", function () {
    window.kgReadyAt = performance.now();
    document.body.setAttribute("data-kg-ready", "1");
  });
  applyFilters();
  if (KG.compare.length > 1) { setCompare(KG.compare); }
  // a report's outline opens on its municipality and programmes, the rest a zoom away
  if (KG.outline.length) { network.fit({ nodes: KG.outline, animation: false }); }
  network.redraw();  // without physics the first frame may already be drawn: draw once more
  window.kgExplorer = { select: select, choose: choose, matches: matches, applyFilters: applyFilters,
    setCompare: setCompare, comparison: comparison };
})();
