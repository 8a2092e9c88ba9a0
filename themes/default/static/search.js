// The site's search: the header's box and the search page
// (templates/search.html). The index is Pagefind's, built with the site into
// pagefind/; its script is loaded from there, never from elsewhere. Opened
// from a file (file://), a browser will not load it: the box and the page
// then say that search needs the site served, and how.
(function () {
  "use strict";
  var served = location.protocol === "http:" || location.protocol === "https:";

  function show(note) { if (note) note.hidden = false; }

  document.querySelectorAll("[data-search-box]").forEach(function (form) {
    if (served) return;
    var note = form.querySelector("[data-served-note]");
    var input = form.querySelector("input");
    input.addEventListener("focus", function () { show(note); });
    input.addEventListener("input", function () { show(note); });
    form.addEventListener("submit", function (e) { e.preventDefault(); show(note); });
  });

  var page = document.querySelector("[data-search-page]");
  if (!page) return;
  if (!served) { show(page.querySelector("[data-served-note]")); return; }

  var d = page.dataset;
  var form = page.querySelector("form");
  var input = page.querySelector("#_search-query");
  var status = page.querySelector("#_search-status");
  var list = page.querySelector("#_search-results");
  var selects = Array.prototype.slice.call(page.querySelectorAll("select[data-filter]"));
  var open = page.querySelector("#_search-open");
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  open.checked = params.get("open") === "1";
  var seq = 0;
  var pagefind = null;

  // Pagefind folds accents before stemming, so that a French "approuvées"
  // (folded "approuvees") stems apart from "approuvé" ("approuv"): a word's
  // participle ending -ée, -ées, -és is asked as -é, which finds them all.
  var french = /^fr\b/i.test(document.documentElement.lang);
  function asked(q) {
    return french ? q.replace(/é(?:e|es|s)(?=\s|$)/gi, "é") : q;
  }

  function escaped(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  // One pass, each value given by a function: a query is put in as typed,
  // never read as a replacement pattern (`$&`, `$'`) nor filled again.
  function fill(template, n, q) {
    return template.replace(/\{(n|q)\}/g, function (_, key) { return key === "n" ? String(n) : q; });
  }

  // Each filter's choices, from the index (years newest first).
  function choices(filters) {
    selects.forEach(function (select) {
      var key = select.dataset.filter;
      var values = Object.keys(filters[key] || {}).sort(function (a, b) {
        return key === "year" ? b.localeCompare(a) : a.localeCompare(b, document.documentElement.lang);
      });
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      var wanted = params.get(select.name);
      if (wanted && values.indexOf(wanted) >= 0) select.value = wanted;
    });
  }

  function chosen() {
    var filters = {};
    selects.forEach(function (s) { if (s.value) filters[s.dataset.filter] = s.value; });
    if (open.checked) filters.open = d.openValue;
    return filters;
  }

  // A result is a page, or a part of a page that is a result of its own (a
  // decision, an action: its address holds its anchor, and its kind and
  // title are its own). A page is shown at its place whose matched words
  // score highest (Pagefind's score of each word; the first on a tie): a
  // section, else the page.
  function best(data) {
    var whole = { url: data.url, title: data.meta.title, excerpt: data.excerpt };
    if (data.url.indexOf("#") >= 0) return whole;
    var score = function (s) {
      return (s.weighted_locations || []).reduce(function (sum, w) { return sum + (w.balanced_score || 0); }, 0);
    };
    var top = null;
    (data.sub_results || []).forEach(function (s) {
      if (!top || score(s) > score(top)) top = s;
    });
    return top || whole;
  }

  function href(url) { return d.siteRoot + url.replace(/^\//, ""); }

  function item(data) {
    var place = best(data);
    var li = document.createElement("li");
    li.className = "search-result";
    var kind = document.createElement("p");
    kind.className = "search-result-kind";
    kind.textContent = [data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = href(place.url);
    var title = data.meta.title || "";
    a.textContent = place.title && place.title !== title ? place.title + " — " + title : title;
    h.appendChild(a);
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    // Pagefind's excerpt: the page's text, escaped, with <mark> around matches.
    excerpt.innerHTML = place.excerpt || data.excerpt;
    li.appendChild(kind);
    li.appendChild(h);
    li.appendChild(excerpt);
    return li;
  }

  async function run() {
    if (!pagefind) return;
    var token = ++seq;
    var q = input.value.trim();
    var filters = chosen();
    var next = new URLSearchParams();
    if (q) next.set("q", q);
    selects.forEach(function (s) { if (s.value) next.set(s.name, s.value); });
    if (open.checked) next.set("open", "1");
    var query = next.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    if (!q && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = d.tLoading;
    var search = await pagefind.search(q ? asked(q) : null, { filters: filters });
    if (token !== seq || !search) return;
    var results = search.results;
    var n = results.length;
    var data = await Promise.all(results.slice(0, 30).map(function (r) { return r.data(); }));
    if (token !== seq) return;
    list.replaceChildren.apply(list, data.map(item));
    // Filters alone: the count without a query to quote.
    var says = q ? [d.tNone, d.tOne, d.tMany] : [d.tCountNone, d.tCountOne, d.tCountMany];
    var template = n === 0 ? says[0] : n === 1 ? says[1] : says[2];
    status.textContent = fill(template, n, q);
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", soon);
  selects.forEach(function (s) { s.addEventListener("change", run); });
  open.addEventListener("change", run);

  import(new URL(d.bundle + "pagefind.js", document.baseURI).href)
    .then(async function (module) {
      pagefind = module;
      await pagefind.options({ baseUrl: "/", excerptLength: 24 });
      await pagefind.init();
      choices(await pagefind.filters());
      if (input.value || Object.keys(chosen()).length) await run();
    })
    .catch(function () { status.textContent = d.tFailed; });
})();
