import type { ImportResult } from "../corpus/index.js";
import { describeReport, firstWords, type ImportReport } from "../corpus/index.js";

const VERBS = {
  created: ["created", "would create"],
  updated: ["updated", "would update"],
  unchanged: ["unchanged", "unchanged"],
} as const;

/**
 * The lines `npm run import` prints for one article: what happened to its file, what was kept and
 * dropped, what changed, warnings, and with `verbose` the first words of each dropped block.
 */
export function importLines(
  result: ImportResult,
  report: ImportReport | undefined,
  from: string,
  options: { dryRun: boolean; verbose: boolean; show: (file: string) => string },
): string[] {
  const verb = VERBS[result.outcome][options.dryRun ? 1 : 0];
  const kept = report ? describeReport(report) : `${result.article.paragraphs.length} paragraphs`;
  const changed = result.changes ? ` — changed: ${result.changes.join(", ")}` : "";
  const lines = [
    `${verb} ${options.show(result.file)}: "${result.article.title}", ${kept} (from ${from})${changed}`,
  ];
  for (const warning of report?.warnings ?? []) lines.push(`  warning: ${warning}`);
  if (options.verbose) {
    for (const block of report?.dropped ?? [])
      lines.push(`  dropped (${block.reason}): "${firstWords(block.text)}"`);
  }
  return lines;
}
