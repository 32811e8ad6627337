// Small bar charts for the digest e-mail: drawn as SVG, rendered to PNG with resvg.
import { Resvg } from '@resvg/resvg-js';
import { escapeHtml } from '../platform/i18n/html.js';

export type Bar = { label: string; value: number };

const W = 480;
const H = 200;
const PAD = { top: 30, right: 16, bottom: 28, left: 36 };

/** An SVG bar chart with a title, value labels and an optional dashed goal line. */
export function barChartSvg(
  title: string,
  bars: Bar[],
  options: { goal?: number; color?: string } = {},
): string {
  const max = Math.max(1, options.goal ?? 0, ...bars.map((b) => b.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, bars.length);
  const bw = Math.max(4, slot * 0.6);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="18" font-family="DejaVu Sans, Arial, sans-serif" font-size="13" font-weight="bold" fill="#1f2933">${escapeHtml(title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + innerH}" x2="${W - PAD.right}" y2="${PAD.top + innerH}" stroke="#9aa5b1" stroke-width="1"/>`,
  ];
  bars.forEach((b, i) => {
    const x = PAD.left + i * slot + (slot - bw) / 2;
    const top = y(b.value);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${bw.toFixed(1)}" height="${(PAD.top + innerH - top).toFixed(1)}" fill="${options.color ?? '#2f6fde'}"/>`,
      `<text x="${(x + bw / 2).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#1f2933">${b.value}</text>`,
      `<text x="${(x + bw / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#52606d">${escapeHtml(b.label)}</text>`,
    );
  });
  if (options.goal !== undefined && options.goal > 0) {
    const gy = y(options.goal).toFixed(1);
    parts.push(
      `<line x1="${PAD.left}" y1="${gy}" x2="${W - PAD.right}" y2="${gy}" stroke="#d64545" stroke-width="1.5" stroke-dasharray="5,4"/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Renders an SVG to PNG bytes. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}
