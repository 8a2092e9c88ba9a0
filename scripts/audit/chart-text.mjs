#!/usr/bin/env node
// Chart legibility audit of a built site: opens every .html page below each
// given output folder in headless Chromium (through playwright-core, file://
// URLs) at the given viewport width and measures every chart text as it
// renders: for an inline SVG <text>, its computed font size times the scale
// of its screen transformation matrix; for an SVG shown through <img>, its
// font-size attribute times the rendered width over the viewBox width.
// Hidden drawings (a chart's other width) are skipped.
//
//   node scripts/audit/chart-text.mjs WIDTH MIN_PX [--shots DIR] OUTPUT_DIR [OUTPUT_DIR …]
//
// Prints a JSON summary on standard output ({pages, charts, texts, smallest,
// tooSmall}) and, for each text under MIN_PX, a line on standard error.
// With --shots, writes a PNG of each visible chart to DIR (for review).
// Exit codes: 0 every text at MIN_PX or more, 1 some smaller, 2 could not run.
//
// Tools: as scripts/audit/axe.mjs (BRIEFING_AUDIT_NODE_MODULES, BRIEFING_CHROMIUM).

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlPages, launchChromium, loadPlaywright } from './common.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

function fail(message) {
  console.error(`chart text audit: ${message}`);
  process.exit(2);
}

// Runs in the page: every visible chart text and its rendered size in CSS px.
function measure() {
  const visible = (el) => el.getClientRects().length > 0;
  const texts = [];
  const charts = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!visible(svg)) continue;
    charts.push(svg.getAttribute('aria-labelledby') || '');
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t) || !t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      texts.push({ chart: svg.id || charts[charts.length - 1], text: t.textContent.trim(), px: size });
    }
  }
  const images = [];
  for (const img of document.querySelectorAll('img')) {
    if (!visible(img) || !/\.svg($|\?)/.test(img.getAttribute('src') || '')) continue;
    images.push({ src: img.currentSrc || img.src, width: img.getBoundingClientRect().width });
  }
  return { texts, charts, images };
}

// The font sizes of an SVG file's texts and its viewBox width.
function svgFileTexts(file) {
  const svg = readFileSync(file, 'utf8');
  const box = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)/.exec(svg);
  const width = box ? parseFloat(box[1]) : parseFloat((/width="([\d.]+)/.exec(svg) || [])[1] || '0');
  const sizes = [];
  for (const m of svg.matchAll(/<text[^>]*font-size="([\d.]+)[^>]*>\s*([^<]*)/g)) {
    sizes.push({ size: parseFloat(m[1]), text: m[2].trim() });
  }
  return { width, sizes };
}

async function main() {
  const args = process.argv.slice(2);
  const width = parseInt(args.shift(), 10);
  const minPx = parseFloat(args.shift());
  let shots = null;
  if (args[0] === '--shots') {
    args.shift();
    shots = args.shift();
    mkdirSync(shots, { recursive: true });
  }
  if (!(width > 0) || !(minPx > 0) || args.length === 0) {
    fail('usage: chart-text.mjs WIDTH MIN_PX [--shots DIR] OUTPUT_DIR [OUTPUT_DIR …]');
  }
  const files = args.flatMap((root) => htmlPages(path.resolve(root)).map((file) => ({ root, file })));
  if (files.length === 0) fail(`no .html page below ${args.join(', ')}`);

  const playwright = loadPlaywright(fail, 'set BRIEFING_AUDIT_NODE_MODULES (see scripts/audit/axe.mjs)');
  const browser = await launchChromium(playwright, fail);
  let charts = 0;
  let texts = 0;
  let smallest = Infinity;
  const tooSmall = [];
  try {
    const context = await browser.newContext({ viewport: { width, height: 844 } });
    const page = await context.newPage();
    for (const { root, file } of files) {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const found = await page.evaluate(measure);
      const where = path.relative(path.resolve(root), file);
      charts += found.charts.length;
      for (const t of found.texts) {
        texts += 1;
        smallest = Math.min(smallest, t.px);
        if (t.px < minPx) tooSmall.push(`${where}: ${t.chart}: "${t.text}" renders at ${t.px.toFixed(1)} px`);
      }
      for (const img of found.images) {
        const local = img.src.startsWith('file://') ? fileURLToPath(img.src) : null;
        if (!local || !existsSync(local)) continue;
        const { width: box, sizes } = svgFileTexts(local);
        if (!(box > 0)) continue;
        charts += 1;
        for (const s of sizes) {
          const px = (s.size * img.width) / box;
          texts += 1;
          smallest = Math.min(smallest, px);
          if (px < minPx) tooSmall.push(`${where}: ${path.basename(local)}: "${s.text}" renders at ${px.toFixed(1)} px`);
        }
      }
      if (shots) {
        const handles = await page.$$('svg.chart');
        let i = 0;
        for (const h of handles) {
          if (!(await h.isVisible())) continue;
          const name = `${where.replace(/[\\/]/g, '_').replace(/\.html$/, '')}-${width}-${i++}.png`;
          await h.screenshot({ path: path.join(shots, name) });
        }
      }
    }
  } finally {
    await browser.close();
  }
  for (const line of tooSmall) console.error(line);
  console.log(
    JSON.stringify({
      pages: files.length,
      charts,
      texts,
      smallest: Number.isFinite(smallest) ? Math.round(smallest * 100) / 100 : null,
      tooSmall: tooSmall.length,
    }),
  );
  process.exit(tooSmall.length ? 1 : 0);
}

main().catch((e) => fail(e.stack || String(e)));
