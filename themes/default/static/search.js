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

  // The part of a page that best matches: the place whose matched words
  // score highest (Pagefind's score of each word, which counts the weight the
  // theme gives decisions and actions; the first place on a tie): a
  // decision, an action, a section.
  // With the kind "decision" or "action" chosen, or open actions only, such
  // a place is taken first when one matches.
  // A meeting page lists the anchors of its open actions in its
  // "open_actions" metadata.
  function openIds(data) {
    return ((data.meta && data.meta.open_actions) || "").split(/\s+/).filter(Boolean);
  }
  // The places of a page that are open actions where the query's words are.
  function openMatches(data) {
    var ids = openIds(data);
    return (data.sub_results || []).filter(function (s) {
      return s.anchor && ids.indexOf(s.anchor.id) >= 0 && (s.locations || []).length > 0;
    });
  }

  // With open actions only, the place is the open action that best matches;
  // with filters alone (no words to match), the meeting's actions, and its
  // open actions' ids in place of a snippet.
  function best(data, prefix) {
    var subs = data.sub_results || [];
    if (open.checked) {
      var matched = openMatches(data);
      var ids = openIds(data);
      if (matched.length) subs = matched;
      else if (ids.length) {
        var listed = ids.map(function (id) { return id.replace(/^_action-/, ""); }).join(", ");
        return { url: data.url + "#_actions-heading", title: data.meta.title, excerpt: escaped(listed) };
      }
    }
    var score = function (s) {
      return (s.weighted_locations || []).reduce(function (sum, w) { return sum + (w.balanced_score || 0); }, 0);
    };
    var most = function (list) {
      var top = null;
      list.forEach(function (s) {
        if (!top || score(s) > score(top)) top = s;
      });
      return top;
    };
    var own = prefix ? subs.filter(function (s) {
      return s.anchor && s.anchor.id.indexOf(prefix) === 0 && (s.locations || []).length > 0;
    }) : [];
    return most(own) || most(subs) || { url: data.url, title: data.meta.title, excerpt: data.excerpt };
  }

  // The anchors the chosen filters ask for first.
  function preferred() {
    var kind = page.querySelector('select[data-filter="kind"]').value;
    if (kind && kind === d.kindDecision) return "_decision-";
    if ((kind && kind === d.kindAction) || open.checked) return "_action-";
    return "";
  }

  function href(url) { return d.siteRoot + url.replace(/^\//, ""); }

  function item(data, prefix) {
    var place = best(data, prefix);
    var li = document.createElement("li");
    li.className = "search-result";
    var kind = document.createElement("p");
    kind.className = "search-result-kind";
    // A decision's or an action's own anchor (templates/meeting.html) says
    // what it is; else the page's kind.
    var id = (place.anchor && place.anchor.id) || "";
    var own = id.indexOf("_decision-") === 0 ? d.kindDecision : id.indexOf("_action-") === 0 ? d.kindAction : "";
    kind.textContent = [own || data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
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
    var data = [];
    var n = results.length;
    var more = false;
    if (open.checked && q) {
      // Pagefind filters pages: a meeting with an open action is found for
      // words anywhere on it. Only those whose words are in an open action
      // are shown, the first 30 of at most 300 read.
      var read = 0;
      while (data.length < 30 && read < Math.min(results.length, 300)) {
        var batch = await Promise.all(results.slice(read, read + 30).map(function (r) { return r.data(); }));
        if (token !== seq) return;
        read += batch.length;
        batch.forEach(function (r) { if (data.length < 30 && openMatches(r).length) data.push(r); });
      }
      n = data.length;
      more = read < results.length;
    } else {
      data = await Promise.all(results.slice(0, 30).map(function (r) { return r.data(); }));
      if (token !== seq) return;
    }
    var prefix = preferred();
    list.replaceChildren.apply(list, data.map(function (r) { return item(r, prefix); }));
    // Filters alone: the count without a query to quote.
    var says = q ? [d.tNone, d.tOne, d.tMany] : [d.tCountNone, d.tCountOne, d.tCountMany];
    var template = more ? says[2] : n === 0 ? says[0] : n === 1 ? says[1] : says[2];
    status.textContent = fill(template, more ? n + "+" : n, q);
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
