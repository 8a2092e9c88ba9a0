#!/usr/bin/env node
// Layout audit of a built site on a phone and a desktop screen: opens every
// .html page below each given output folder in headless Chromium (through
// playwright-core, file:// URLs) at 390×844 and at 1280×800 and reports
//   - a page that scrolls sideways (document width beyond the viewport),
//   - any element that reaches beyond the viewport's width (outside a box
//     that scrolls or clips it),
//   - a box that scrolls sideways (a table too wide for the screen),
//   - at 390 px, a header and navigation taller than a fifth of the screen,
//   - the committee's name cut short in the header,
//   - a word of a chart's data table (opened) broken across lines, unless
//     it is longer than its column may grow.
//
//   node scripts/audit/screens.mjs OUTPUT_DIR [OUTPUT_DIR …]
//
// Prints a JSON summary on standard output ({pages, checks, problems,
// headerMax}) and each problem on standard error. Exit codes: 0 none, 1
// problems, 2 the audit could not run. Tools as for axe.mjs:
// BRIEFING_AUDIT_NODE_MODULES (playwright-core) and BRIEFING_CHROMIUM.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { htmlPages, launchChromium, loadPlaywright } from './common.mjs';
import { pathToFileURL } from 'node:url';

const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];
const CONCURRENCY = 2;

function fail(message) {
  console.error(`screens audit: ${message}`);
  process.exit(2);
}

// Runs in the page: what reaches beyond the viewport, and the header's height.
function measure() {
  const vw = window.innerWidth;
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > vw) problems.push(`the page scrolls sideways: ${doc.scrollWidth}px wide in ${vw}px`);
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return text ? `${s} "${text}"` : s;
  };
  // An element inside a box that scrolls or clips sideways does not widen the page.
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  let reported = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    if (getComputedStyle(el).position === 'fixed') continue;
    const tooWide = r.width > vw + 0.5;
    const out = r.right > vw + 0.5 || r.left < -0.5;
    if ((tooWide || out) && !clipped(el)) {
      // Report the outermost offender only.
      const parent = el.parentElement;
      const pr = parent && parent.getBoundingClientRect();
      if (parent && parent !== document.body && pr && (pr.right > vw + 0.5 || pr.width > vw + 0.5) && !clipped(parent)) continue;
      if (reported++ < 5) problems.push(`${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}px of ${vw}px`);
    }
  }
  // The site's header (the book's page has a bar of its own, laid out for print).
  // A box that scrolls sideways hides columns as the page would (but the
  // book's page is laid out for paper: its tables keep their columns).
  const book = document.body.classList.contains('book');
  for (const el of document.body.querySelectorAll('*')) {
    const o = getComputedStyle(el).overflowX;
    if (book) break;
    if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.getClientRects().length) {
      if (reported++ < 10) problems.push(`${describe(el)} scrolls sideways: ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
  }
  // A chart's data table, opened, breaks no word across lines: its
  // headers wrap between words, its numbers not at all (a space that does
  // not break, as in French "1 234", keeps a number one word).
  if (!book) {
    document.querySelectorAll('details.chart-data').forEach((d) => { d.open = true; });
    for (const cell of document.querySelectorAll('.chart-data th, .chart-data td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // A word, between spaces or hyphens (after which a line may break).
        for (const m of n.data.matchAll(/[^\s\-\u2010/]+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const lines = new Set(rects.map((r) => Math.round(r.top)));
          // A word longer than its column may grow (its cell's max-width,
          // else the table's box) has to break; any other must not.
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          const max = parseFloat(getComputedStyle(cell).maxWidth);
          const room = Number.isFinite(max) ? max : (cell.closest('.table-wrap') || cell).clientWidth;
          if (lines.size > 1 && width <= room && reported++ < 15) problems.push(`${describe(cell)} breaks the word "${m[0]}" across ${lines.size} lines`);
        }
      }
    }
  }
  // The committee's name is shown whole in the header, not cut short by
  // its line clamp (a long name has a shorter form for a phone).
  const title = document.querySelector('body > header.site-header .site-title');
  if (title && title.scrollHeight > title.clientHeight + 1) {
    problems.push(`${describe(title)} is cut: ${title.scrollHeight}px of text shown in ${title.clientHeight}px`);
  }
  const header = document.querySelector('body > header.site-header');
  return { problems, header: header ? header.getBoundingClientRect().height : 0 };
}

async function main() {
  const roots = process.argv.slice(2);
  if (roots.length === 0) fail('usage: screens.mjs OUTPUT_DIR [OUTPUT_DIR …]');
  const files = [];
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root}: not a folder`);
    for (const f of htmlPages(root)) files.push({ file: f, page: path.relative(root, f) });
  }
  if (files.length === 0) fail(`no .html page below ${roots.join(', ')}`);
  const playwright = loadPlaywright(fail, 'set BRIEFING_AUDIT_NODE_MODULES (npm install playwright-core@1)');
  const browser = await launchChromium(playwright, fail);
  const problems = [];
  let checks = 0;
  let headerMax = 0;
  try {
    for (const screen of SCREENS) {
      const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height } });
      let next = 0;
      const worker = async () => {
        while (next < files.length) {
          const { file, page: name } = files[next++];
          const page = await context.newPage();
          try {
            await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
            const m = await page.evaluate(measure);
            checks++;
            for (const p of m.problems) problems.push(`${name} at ${screen.width}px: ${p}`);
            if (screen.name === 'phone') {
              headerMax = Math.max(headerMax, m.header);
              const limit = screen.height / 5;
              if (m.header > limit) {
                problems.push(`${name} at ${screen.width}px: the header and navigation take ${Math.round(m.header)}px, more than a fifth of ${screen.height}px`);
              }
            }
          } finally {
            await page.close();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  for (const p of problems) console.error(p);
  console.log(JSON.stringify({ pages: files.length, checks, problems: problems.length, headerMax: Math.round(headerMax) }));
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => fail(e.stack || String(e)));
