/**
 * A benchmark's curves as one PNG: panels of line charts drawn by Chart.js in headless Chromium
 * (the machine's, driven by playwright-core as the browser tests drive it), then screenshot.
 * Chart.js is loaded into the page from node_modules; the page loads nothing from the network.
 */
import { launchBrowser } from '@app/testing';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One line: points of (x, y); a null y leaves a gap (nothing measured then). */
export interface ChartSeries {
  label: string;
  points: Array<[number, number | null]>;
}

export interface ChartPanel {
  title: string;
  yLabel: string;
  series: ChartSeries[];
}

export interface ChartSheet {
  title: string;
  /** Lines under the title: what was run, the verdict. */
  notes?: string[];
  xLabel: string;
  panels: ChartPanel[];
  /** Panels side by side (default 2). */
  columns?: number;
}

const PANEL_WIDTH = 780;
const PANEL_HEIGHT = 380;
const COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Chart.js's browser build, next to the CommonJS entry its package exports. */
const chartJsFile = () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The page: a title, its notes and a canvas per panel. */
function pageHtml(sheet: ChartSheet): string {
  const columns = sheet.columns ?? 2;
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const notes = (sheet.notes ?? []).map((note) => `<p>${escape(note)}</p>`).join('');
  const canvases = sheet.panels
    .map(
      (_, index) =>
        `<div class="panel"><canvas id="panel-${index}" width="${PANEL_WIDTH}" height="${PANEL_HEIGHT}"></canvas></div>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 16px; font: 14px sans-serif; background: #fff; color: #222; }
    h1 { font-size: 20px; margin: 0 0 6px; }
    p { margin: 2px 0; }
    .grid { display: grid; grid-template-columns: repeat(${columns}, ${PANEL_WIDTH}px); gap: 12px; margin-top: 12px; }
    .panel { border: 1px solid #ddd; padding: 4px; }
  </style></head><body><h1>${escape(sheet.title)}</h1>${notes}<div class="grid">${canvases}</div></body></html>`;
}

/**
 * Draws every panel (run in the page: Chart.js is a global there). Written as page script, so it
 * uses only what the browser has; `rendered` tells the caller it is done.
 */
const RENDER = `(sheet) => {
  sheet.panels.forEach((panel, index) => {
    new Chart(document.getElementById('panel-' + index), {
      type: 'line',
      data: {
        datasets: panel.series.map((series, line) => ({
          label: series.label,
          data: series.points.map(([x, y]) => ({ x, y })),
          borderColor: sheet.colours[line % sheet.colours.length],
          backgroundColor: sheet.colours[line % sheet.colours.length],
          borderWidth: 1.5,
          pointRadius: series.points.length > 60 ? 0 : 2,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: false,
        parsing: true,
        plugins: {
          title: { display: true, text: panel.title, font: { size: 15 } },
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: sheet.xLabel } },
          y: { beginAtZero: true, title: { display: true, text: panel.yLabel } },
        },
      },
    });
  });
  window.rendered = true;
}`;

/** Renders the sheet in headless Chromium and saves it as the PNG `file`. */
export async function renderChartPng(file: string, sheet: ChartSheet): Promise<void> {
  const columns = sheet.columns ?? 2;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({
      viewport: { width: columns * (PANEL_WIDTH + 22) + 20, height: 800 },
      deviceScaleFactor: 1,
    });
    await page.setContent(pageHtml(sheet));
    await page.addScriptTag({ path: chartJsFile() });
    await page.evaluate(`(${RENDER})(${JSON.stringify({ ...sheet, colours: COLOURS })})`);
    await page.waitForFunction('window.rendered === true', undefined, { timeout: 30_000 });
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await browser.close();
  }
}
