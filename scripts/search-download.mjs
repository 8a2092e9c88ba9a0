#!/usr/bin/env node
// What one search downloads: serves a built site on a loopback port, opens
// its search page in headless Chromium with the query in the address (the
// page searches at once), waits for the results and sums the bytes of every
// file of the search index the browser fetched (pagefind/…), by kind.
//
//   node scripts/search-download.mjs OUTPUT_DIR "query words" [search/index.html]
//
// Prints one JSON line: {"query", "results", "bytes", "files", "byKind":
// {"js", "wasm", "meta", "index", "filter", "fragment", "entry"}}.
// Tools: BRIEFING_AUDIT_NODE_MODULES (playwright-core), BRIEFING_CHROMIUM.
import path from 'node:path';
import { launchChromium, loadPlaywright, serveFolder } from './audit/common.mjs';

const [root, query, pagePath = 'search/index.html'] = process.argv.slice(2);
if (!root || !query) {
  console.error('usage: search-download.mjs OUTPUT_DIR QUERY [PAGE]');
  process.exit(2);
}
const dir = path.resolve(root);
function fail(message) {
  console.error(`search-download.mjs: ${message}`);
  process.exit(2);
}
const playwright = loadPlaywright(fail, 'set BRIEFING_AUDIT_NODE_MODULES');
const server = await serveFolder(dir);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium(playwright, fail);
const byKind = { js: 0, wasm: 0, entry: 0, meta: 0, index: 0, filter: 0, fragment: 0 };
let bytes = 0;
let files = 0;
try {
  const page = await browser.newPage();
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (!u.pathname.includes('/pagefind/')) return;
    const n = Number(r.headers()['content-length'] || 0);
    const name = u.pathname.split('/pagefind/')[1];
    const kind = name.endsWith('.js') ? 'js' : name.startsWith('wasm.') ? 'wasm' : name.endsWith('.json') ? 'entry'
      : name.endsWith('.pf_meta') ? 'meta' : name.split('/')[0];
    byKind[kind] = (byKind[kind] || 0) + n;
    bytes += n;
    files += 1;
  });
  await page.goto(`${base}${pagePath}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const s = document.querySelector('#_search-status');
    return s && /\d/.test(s.textContent);
  }, null, { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const results = await page.evaluate(() => document.querySelector('#_search-status').textContent);
  console.log(JSON.stringify({ query, results, bytes, files, byKind }));
} finally {
  await browser.close();
  server.close();
}
