// What the audit scripts share: finding their npm packages (playwright-core,
// axe-core) and listing a built site's pages. No script-specific policy here.

import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
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
