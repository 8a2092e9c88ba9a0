// What the audit scripts share: finding their npm packages (playwright-core,
// axe-core), starting the browser, serving a built site on loopback and
// listing its pages. No script-specific policy here.

import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The places packages are looked up from, first to last:
// $BRIEFING_AUDIT_NODE_MODULES (where .ci/run installs them), this folder,
// the current directory. createRequire resolves from a file; a file inside
// node_modules' parent makes `require('x')` look in that node_modules first.
function requires() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bases = [];
  if (process.env.BRIEFING_AUDIT_NODE_MODULES) {
    bases.push(path.join(path.resolve(process.env.BRIEFING_AUDIT_NODE_MODULES), '..', 'noop.js'));
  }
  bases.push(path.join(here, 'noop.js'), path.join(process.cwd(), 'noop.js'));
  return bases.map((base) => createRequire(base));
}

// `pick(require)` from the first place where it does not throw, or null.
export function fromAuditModules(pick) {
  for (const require of requires()) {
    try {
      return pick(require);
    } catch {
      // try the next place
    }
  }
  return null;
}

// playwright-core, or `fail(hint)`.
export function loadPlaywright(fail, hint) {
  return fromAuditModules((require) => require('playwright-core')) ?? fail(`playwright-core not found; ${hint}`);
}

// Every .html file under `root`, in a fixed order.
export function htmlPages(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(p);
    }
  };
  walk(root);
  return out;
}

// Headless Chromium ($BRIEFING_CHROMIUM, default /usr/bin/chromium), quiet
// (no network of its own, no updates), or `fail(hint)` when it is not there.
export async function launchChromium(playwright, fail) {
  const executablePath = process.env.BRIEFING_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) fail(`no browser at ${executablePath} (set BRIEFING_CHROMIUM)`);
  return playwright.chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.ttf': 'font/ttf',
};

// A static file server for the folder `root` on 127.0.0.1, on a free port
// (a folder's address gives its index.html; each file with its length).
export function serveFolder(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': body.length,
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
