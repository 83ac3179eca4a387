// credence report: show a figure mark's sentence, open matrix cells where
// the browser lacks popovers, sort and filter the claims table. Reads and
// writes text only through textContent, never as markup.
(function () {
  "use strict";

  // Figure marks: the sentence of the mark under the pointer or the focus.
  function show(mark) {
    var fig = mark.closest("figure");
    var said = fig && fig.querySelector(".said");
    if (!said) return;
    var prev = fig.querySelector(".mark.on");
    if (prev) prev.classList.remove("on");
    mark.classList.add("on");
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = mark.getAttribute("aria-label");
    var text = document.createElement("span");
    var title = mark.querySelector("title");
    text.textContent = title ? title.textContent : "";
    said.replaceChildren(who, text);
  }
  function onMark(e) {
    var m = e.target.closest && e.target.closest(".mark");
    if (m) show(m);
  }
  document.addEventListener("focusin", onMark);
  document.addEventListener("mouseover", onMark);

  // Matrix cells open with the popover attribute; older browsers get a
  // class toggled instead.
  if (!("popover" in HTMLElement.prototype)) {
    document.documentElement.classList.add("nopop");
    document.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("[popovertarget]");
      if (!b) return;
      var pop = document.getElementById(b.getAttribute("popovertarget"));
      if (!pop) return;
      var open = b.getAttribute("popovertargetaction") !== "hide" && !pop.classList.contains("open");
      document.querySelectorAll(".pop.open").forEach(function (p) { p.classList.remove("open"); });
      if (open) pop.classList.add("open");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        document.querySelectorAll(".pop.open").forEach(function (p) { p.classList.remove("open"); });
      }
    });
  }

  // Claims table.
  var table = document.querySelector("table.claims");
  var form = document.querySelector("form.filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var TEXT = 8;
  var lowered = null;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  table.tHead.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-col]");
    if (!b) return;
    var th = b.parentNode;
    var col = +b.getAttribute("data-col");
    var num = b.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    table.tHead.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    var keyed = rows.map(function (r, i) {
      var c = r.cells[col];
      var v = c.getAttribute("data-v");
      var k = num ? parseFloat(v === null ? c.textContent : v) : c.textContent.trim();
      return { r: r, k: k, i: i };
    });
    keyed.sort(function (a, b) {
      // Empty cells go last whichever the direction; ties keep document order.
      var ea = num ? isNaN(a.k) : a.k === "";
      var eb = num ? isNaN(b.k) : b.k === "";
      if (ea || eb) return (ea - eb) || (a.i - b.i);
      var c = num ? a.k - b.k : collator.compare(a.k, b.k);
      return dir * c || (a.i - b.i);
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (x) { frag.appendChild(x.r); });
    body.appendChild(frag);
  });

  var shown = form.querySelector(".shown");
  var inputs = form.querySelectorAll("[data-filter]");
  function apply() {
    var f = {};
    inputs.forEach(function (el) { f[el.getAttribute("data-filter")] = el.value; });
    var s = (f.s || "").trim().toLowerCase();
    var t = (f.t || "").trim().toLowerCase();
    if (t && !lowered) {
      lowered = rows.map(function (r) { return r.cells[TEXT].textContent.toLowerCase(); });
    }
    var n = 0;
    rows.forEach(function (r, i) {
      var d = r.dataset;
      var ok = (!f.o || d.o === f.o) && (!f.k || d.k === f.k) && (!f.l || d.l === f.l) &&
        (!f.c || (f.c === "*" ? d.c !== "" : f.c === "-" ? d.c === "" : d.c === f.c)) &&
        (!s || d.s.toLowerCase().indexOf(s) >= 0) && (!t || lowered[i].indexOf(t) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " of " + rows.length + " units";
  }
  var timer = 0;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
