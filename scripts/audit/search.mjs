#!/usr/bin/env node
// The site's search in a browser: serves a built site over a loopback HTTP
// server of its own, opens it in headless Chromium (through playwright-core)
// at a phone's width, types each query into a search box and reports the
// first result; then opens the site from file:// and reports what the box
// and the search page say.
//
//   node scripts/audit/search.mjs OUTPUT_DIR QUERIES_JSON
//
// QUERIES_JSON is a list of {"page": "search/index.html" (with filters
// chosen in its address, "?kind=…&year=…", if wanted) or another page,
// "query": "…", "via": "page" | "header", "open": true to tick "open actions
// only" first}. Prints on standard output a JSON
// object: {"results": [{query, page, count, status, errors, violations,
// options: {filter: [its choices]}, all: [{resolved, title, kind, excerpt}],
// first: {href, title, kind, excerpt}}], "file": {pageNote, boxNote, …},
// "requests": [any address asked of another host]}; `violations` are axe's
// on the page with its results (null when axe-core is not installed).
// Exit codes: 0 ran, 2 could not run. With BRIEFING_SEARCH_SHOTS set to a
// folder, a screenshot of each search's page is saved there.
// Tools: as scripts/audit/axe.mjs (BRIEFING_AUDIT_NODE_MODULES, BRIEFING_CHROMIUM).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromAuditModules, launchChromium, loadPlaywright, serveFolder } from './common.mjs';
import { pathToFileURL } from 'node:url';

function fail(message) {
  console.error(`search check: ${message}`);
  process.exit(2);
}

// axe-core's script, when it is installed beside playwright-core.
function axePath() {
  return fromAuditModules((require) => require.resolve('axe-core/axe.min.js'));
}

// axe's WCAG 2.0/2.1 A and AA violations on the page as it is now.
async function axeViolations(page, axe) {
  await page.addScriptTag({ path: axe });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }));
  });
}

// The first result once the status speaks of the whole query (with no
// query, filters alone, once it says anything but "loading").
async function firstResult(page, query) {
  await page.waitForFunction((q) => {
    const s = document.querySelector('#_search-status');
    if (!s) return false;
    if (!q) return s.textContent !== '' && s.textContent !== document.querySelector('[data-search-page]').dataset.tLoading;
    return s.textContent.includes(`“${q}”`) || s.textContent.includes(`« ${q} »`);
  }, query, { timeout: 20000 });
  return page.evaluate(() => {
    const li = document.querySelector('#_search-results li');
    const status = document.querySelector('#_search-status').textContent;
    const count = document.querySelectorAll('#_search-results li').length;
    const all = Array.from(document.querySelectorAll('#_search-results li')).map((l) => ({
      resolved: l.querySelector('a').href,
      title: l.querySelector('a').textContent,
      kind: l.querySelector('.search-result-kind').textContent,
      excerpt: l.querySelector('.search-result-excerpt').innerHTML,
    }));
    // Each filter's choices as the page offers them (not "any").
    const options = {};
    document.querySelectorAll('select[data-filter]').forEach((s) => {
      options[s.dataset.filter] = Array.from(s.options).map((o) => o.value).filter(Boolean);
    });
    if (!li) return { status, count, all, options, first: null };
    const a = li.querySelector('a');
    return {
      status, count, all, options,
      first: {
        href: a.getAttribute('href'),
        resolved: a.href,
        title: a.textContent,
        kind: li.querySelector('.search-result-kind').textContent,
        excerpt: li.querySelector('.search-result-excerpt').innerHTML,
      },
    };
  });
}

async function main() {
  const [root, queriesFile] = process.argv.slice(2);
  if (!root || !queriesFile) fail('usage: search.mjs OUTPUT_DIR QUERIES_JSON');
  const dir = path.resolve(root);
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
  const playwright = loadPlaywright(fail, 'set BRIEFING_AUDIT_NODE_MODULES');
  const server = await serveFolder(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium(playwright, fail);
  const out = { results: [], file: {}, requests: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    // Nothing may be asked of any other host.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (!u.startsWith(base) && !u.startsWith('file:')) { out.requests.push(u); return route.abort(); }
      return route.continue();
    });
    for (const q of queries) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(base + q.page);
      if (q.via === 'header' && (await page.isVisible('#_search-box'))) {
        await page.fill('#_search-box', q.query);
        await Promise.all([page.waitForURL(/search\/index\.html/), page.press('#_search-box', 'Enter')]);
      } else if (q.via === 'header') {
        // A phone's header has the button alone: it opens the search page.
        await Promise.all([page.waitForURL(/search\/index\.html/), page.click('[data-search-box] button')]);
        await page.click('#_search-query');
        await page.keyboard.type(q.query, { delay: 10 });
      } else {
        if (q.open) await page.check('#_search-open');
        await page.click('#_search-query');
        await page.keyboard.type(q.query, { delay: 10 });
      }
      const r = await firstResult(page, q.query);
      if (process.env.BRIEFING_SEARCH_SHOTS) {
        const name = `${out.results.length}-${q.page.startsWith('fr/') ? 'fr' : 'en'}.png`;
        await page.screenshot({ path: path.join(process.env.BRIEFING_SEARCH_SHOTS, name), fullPage: true });
      }
      const axe = axePath();
      const violations = axe ? await axeViolations(page, axe) : null;
      out.results.push({ query: q.query, page: q.page, via: q.via || 'page', url: page.url(), errors, violations, ...r });
      await page.close();
    }
    // Opened from a file: the page and the header's box say how to serve it.
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'search/index.html')).href);
    out.file.pageNote = await page.evaluate(() => {
      const n = document.querySelector('[data-search-page] [data-served-note]');
      return n && !n.hidden ? n.textContent : null;
    });
    const axe = axePath();
    out.file.violations = axe ? await axeViolations(page, axe) : null;
    const home = pathToFileURL(path.join(dir, 'index.html')).href;
    await page.goto(home);
    const hiddenBefore = await page.evaluate(() => document.querySelector('[data-search-box] [data-served-note]').hidden);
    if (await page.isVisible('#_search-box')) {
      await page.focus('#_search-box');
      await page.keyboard.type('endorsed');
      await page.keyboard.press('Enter');
    } else {
      await page.click('[data-search-box] button');
    }
    out.file.boxHiddenBefore = hiddenBefore;
    out.file.boxNote = await page.evaluate(() => {
      const n = document.querySelector('[data-search-box] [data-served-note]');
      return n && !n.hidden ? n.textContent : null;
    });
    out.file.stayed = page.url() === home;
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
