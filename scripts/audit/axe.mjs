#!/usr/bin/env node
// Accessibility audit of a built site: opens every .html page below each given
// output folder in headless Chromium (through playwright-core, file:// URLs),
// injects axe-core and runs the WCAG 2.0/2.1 A and AA rules.
//
//   node scripts/audit/axe.mjs OUTPUT_DIR [OUTPUT_DIR …]
//
// Prints a JSON summary on standard output and, when there are violations, a
// readable report (page, rule, impact, target, help) on standard error.
// Exit codes: 0 no violation, 1 violations, 2 the audit could not run.
//
// Where the tools come from:
//   BRIEFING_AUDIT_NODE_MODULES  a node_modules folder holding axe-core and
//                                playwright-core (else: resolved from this
//                                script's folder, then the working directory)
//   BRIEFING_CHROMIUM            the browser (default /usr/bin/chromium)
// Install: npm install --prefix "$dir" --no-audit --no-fund axe-core@4 playwright-core@1

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromAuditModules, htmlPages, launchChromium } from './common.mjs';
import { pathToFileURL } from 'node:url';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CONCURRENCY = 4;

function fail(message) {
  console.error(`axe audit: ${message}`);
  process.exit(2);
}

// Keyboard use, which axe cannot see: the first Tab reaches a skip link that
// is then on screen, shows a focus indicator and leads to <main>; every other
// element Tab reaches shows a focus indicator (an outline or a box shadow).
// Call on a freshly loaded page. Returns the problems found, as text.
function loadModules() {
  const found = fromAuditModules((require) => ({
    playwright: require('playwright-core'),
    axePath: require.resolve('axe-core/axe.min.js'),
    axeVersion: require('axe-core/package.json').version,
  }));
  return (
    found ??
    fail(
      'axe-core and playwright-core not found; set BRIEFING_AUDIT_NODE_MODULES to a node_modules folder ' +
        'made by: npm install --prefix "$dir" --no-audit --no-fund axe-core@4 playwright-core@1',
    )
  );
}

async function keyboardCheck(page) {
  const problems = [];
  let stops = 0;
  const describe = () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return {
      label: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> "${text}"`,
      skip: el.classList.contains('skip-link'),
      href: el.getAttribute('href'),
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== 'none'),
    };
  };
  let first = null;
  for (let i = 0; i < 2000; i++) {
    await page.keyboard.press('Tab');
    const d = await page.evaluate(describe);
    if (!d || (first && d.label === first.label && d.skip)) break; // left the page, or wrapped round
    stops += 1;
    if (i === 0) {
      first = d;
      if (!d.skip) problems.push(`the first Tab reaches ${d.label}, not a skip link`);
      else if (!d.visible) problems.push(`the skip link ${d.label} stays off screen when focused`);
    }
    if (!d.indicator) problems.push(`no visible focus indicator on ${d.label}`);
  }
  if (first && first.skip) {
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    const target = (first.href || '').replace(/^#/, '');
    const landed = await page.evaluate(
      (id) => !!id && document.activeElement?.id === id && document.activeElement.tagName === 'MAIN',
      target,
    );
    if (!landed) problems.push(`the skip link (href="${first.href}") does not move the focus to <main>`);
  }
  return { problems, stops };
}

async function auditPage(context, axePath, file) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Audit what is folded away too: open every <details> (chart data tables).
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    const keyboard = await keyboardCheck(page);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
          html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
          summary: n.failureSummary,
        })),
      }));
    }, TAGS);
    return { violations, keyboard: keyboard.problems, tabStops: keyboard.stops, errors: consoleErrors };
  } finally {
    await page.close();
  }
}

async function main() {
  const roots = process.argv.slice(2);
  if (roots.length === 0 || roots.some((r) => r === '-h' || r === '--help')) {
    console.error('usage: node scripts/audit/axe.mjs OUTPUT_DIR [OUTPUT_DIR …]');
    process.exit(2);
  }
  const files = [];
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root}: not a folder`);
    for (const f of htmlPages(root)) files.push({ root, file: f, page: path.relative(root, f) });
  }
  if (files.length === 0) fail(`no .html page below ${roots.join(', ')}`);

  const { playwright, axePath, axeVersion } = loadModules();
  const browser = await launchChromium(playwright, fail);
  const results = new Array(files.length);
  try {
    const context = await browser.newContext();
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        const { root, file, page } = files[i];
        const r = await auditPage(context, axePath, file);
        results[i] = { root, page, ...r };
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  } finally {
    await browser.close();
  }

  const byRule = {};
  let violationCount = 0;
  let nodeCount = 0;
  let keyboardCount = 0;
  for (const r of results) {
    keyboardCount += r.keyboard.length;
    for (const v of r.violations) {
      violationCount += 1;
      nodeCount += v.nodes.length;
      byRule[v.id] = (byRule[v.id] || 0) + v.nodes.length;
    }
  }
  const summary = {
    tool: `axe-core ${axeVersion}`,
    tags: TAGS,
    pages: results.length,
    pagesWithViolations: results.filter((r) => r.violations.length > 0).length,
    violations: violationCount,
    nodes: nodeCount,
    byRule,
    keyboardProblems: keyboardCount,
    tabStops: results.reduce((n, r) => n + r.tabStops, 0),
    results: results
      .filter((r) => r.violations.length > 0 || r.keyboard.length > 0 || r.errors.length > 0)
      .map((r) => ({
        page: path.join(r.root, r.page),
        violations: r.violations,
        keyboard: r.keyboard,
        scriptErrors: r.errors,
      })),
  };
  console.log(JSON.stringify(summary, null, 2));

  if (violationCount > 0 || keyboardCount > 0) {
    const lines = [];
    if (violationCount > 0) {
      lines.push(`axe: ${violationCount} violation(s) on ${summary.pagesWithViolations} of ${results.length} page(s):`);
    }
    for (const r of results) {
      for (const v of r.violations) {
        for (const n of v.nodes) {
          lines.push(`${path.join(r.root, r.page)}: ${v.id} [${v.impact}] ${n.target}`);
          lines.push(`    ${v.help} (${v.helpUrl})`);
          if (n.summary) lines.push(...n.summary.split('\n').map((l) => `    ${l}`));
          lines.push(`    ${n.html}`);
        }
      }
    }
    if (keyboardCount > 0) lines.push(`keyboard: ${keyboardCount} problem(s):`);
    for (const r of results) {
      for (const k of r.keyboard) lines.push(`${path.join(r.root, r.page)}: keyboard: ${k}`);
    }
    console.error(lines.join('\n'));
    process.exit(1);
  }
  console.error(
    `axe: ${results.length} page(s), no violations (${TAGS.join(', ')}); keyboard: skip link and focus indicators fine`,
  );
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
