import type { Calibration } from "./calibration.js";

/** Size of the drawing, in SVG user units (pixels). */
const WIDTH = 480;
const HEIGHT = 400;
const LEFT = 56;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 56;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const f1 = (x: number) => x.toFixed(1);

/**
 * A reliability diagram as a standalone SVG: per tenth of the model's probability, the share right
 * first (dots, area by the number of answers, joined by a line), the diagonal of perfect calibration,
 * the threshold of "high" as a dashed line, and a band summary under the title. Pure.
 */
export function reliabilityChart(title: string, calibration: Calibration, threshold: number): string {
  const w = WIDTH - LEFT - RIGHT;
  const h = HEIGHT - TOP - BOTTOM;
  const x = (p: number) => LEFT + p * w;
  const y = (p: number) => TOP + (1 - p) * h;
  const most = Math.max(1, ...calibration.bins.map((b) => b.answers));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${LEFT}" y="16" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  const bands = calibration.bands
    .map(
      (b) => `${b.band} ${b.answers}${b.band === "not found" ? "" : ` (${b.rightFirst.toFixed(2)} right)`}`,
    )
    .join(" · ");
  out.push(`<text x="${LEFT}" y="31" fill="#555">${escapeXml(bands)}</text>`);
  for (let t = 0; t <= 10; t += 2) {
    const p = t / 10;
    out.push(
      `<line x1="${f1(x(p))}" y1="${f1(y(0))}" x2="${f1(x(p))}" y2="${f1(y(1))}" stroke="#eee"/>`,
      `<line x1="${f1(x(0))}" y1="${f1(y(p))}" x2="${f1(x(1))}" y2="${f1(y(p))}" stroke="#eee"/>`,
      `<text x="${f1(x(p))}" y="${f1(y(0) + 16)}" text-anchor="middle">${p.toFixed(1)}</text>`,
      `<text x="${f1(x(0) - 6)}" y="${f1(y(p) + 4)}" text-anchor="end">${p.toFixed(1)}</text>`,
    );
  }
  out.push(
    `<rect x="${LEFT}" y="${TOP}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
    `<line x1="${f1(x(0))}" y1="${f1(y(0))}" x2="${f1(x(1))}" y2="${f1(y(1))}" stroke="#bbb" stroke-dasharray="2 3"/>`,
    `<line x1="${f1(x(threshold))}" y1="${f1(y(0))}" x2="${f1(x(threshold))}" y2="${f1(y(1))}" stroke="#c60" stroke-dasharray="6 4"/>`,
    `<text x="${f1(x(threshold) + 4)}" y="${f1(y(1) + 12)}" fill="#c60">high ≥ ${threshold.toFixed(2)}</text>`,
    `<text x="${f1(x(0.5))}" y="${HEIGHT - 12}" text-anchor="middle">model's probability that the first passage answers</text>`,
    `<text transform="translate(14 ${f1(y(0.5))}) rotate(-90)" text-anchor="middle">share right first</text>`,
  );
  const filled = calibration.bins.filter((b) => b.answers > 0);
  if (filled.length > 1) {
    const path = filled.map((b) => `${f1(x(b.meanProbability))},${f1(y(b.rightFirst))}`).join(" ");
    out.push(`<polyline points="${path}" fill="none" stroke="#1f6fb2" stroke-width="1.5"/>`);
  }
  for (const b of filled) {
    const r = 2.5 + 9 * Math.sqrt(b.answers / most);
    out.push(
      `<circle cx="${f1(x(b.meanProbability))}" cy="${f1(y(b.rightFirst))}" r="${f1(r)}" fill="#1f6fb2" fill-opacity="0.6"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.answers} answers, ${b.rightFirst.toFixed(2)} right first</title></circle>`,
    );
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
