/**
 * How long a first import of N pages takes: serves N generated article pages and a sitemap on
 * 127.0.0.1, then runs `npm run import -- <sitemap URL> --corpus <temp dir>` as a user would.
 *
 *   npx tsx scripts/ingest/first-import.ts [--pages 1000] [--corpus DIR]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSite } from "../../test/ingest/site.js";
import { generatedRoutes } from "./generate-site.js";

const { values } = parseArgs({
  options: { pages: { type: "string", default: "1000" }, corpus: { type: "string" } },
});
const pages = Number(values.pages);
const corpus = values.corpus ?? (await mkdtemp(path.join(os.tmpdir(), "newsdesk-first-import-")));
const site = await startSite();
Object.assign(site.routes, generatedRoutes(site.url, pages));

const started = performance.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("src/cli/import.ts"), `${site.url}/sitemap.xml`, "--corpus", corpus],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  child.on("exit", (status) => resolve(status ?? 1));
});
const seconds = (performance.now() - started) / 1000;
const files = (await readdir(corpus)).filter((name) => name.endsWith(".md")).length;
await site.close();
console.log(
  `first import of ${pages} pages: ${seconds.toFixed(1)} s wall (${(pages / seconds).toFixed(1)} pages/s, tsx start-up included), ${files} corpus files, exit ${code}; corpus ${corpus}`,
);
