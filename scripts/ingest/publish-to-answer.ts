/**
 * Time from publication on the newsroom's site to answerable, with the poller at its default
 * interval: a loopback site with a sitemap, a live index (as `npm start` opens it) over a corpus
 * of generated stories, and the site poller. After the first poll, a new story is published at a
 * random moment; the script asks its question every 100 ms until the story answers.
 *
 *   npx tsx scripts/ingest/publish-to-answer.ts [--stories 1000] [--samples 2] [--interval 5m]
 */
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSitePoller, INGEST_DEFAULTS } from "../../src/ingest/index.js";
import { parseDuration } from "../../src/ingest/sources-config.js";
import { createLiveIndex } from "../../src/runtime/live-index.js";
import { startSite } from "../../test/ingest/site.js";
import { generatedRoutes, generatedStory } from "./generate-site.js";

const { values } = parseArgs({
  options: {
    stories: { type: "string", default: "1000" },
    samples: { type: "string", default: "2" },
    interval: { type: "string" },
    corpus: { type: "string" },
  },
});
const stories = Number(values.stories);
const intervalMs = values.interval ? parseDuration(values.interval)! : INGEST_DEFAULTS.intervalMs;
const site = await startSite();
Object.assign(site.routes, generatedRoutes(site.url, stories));
const corpusDir = await mkdtemp(path.join(os.tmpdir(), "newsdesk-publish-"));
if (values.corpus) await cp(values.corpus, corpusDir, { recursive: true });
const logger = { info: () => {}, warn: () => {}, error: (f: object, m: string) => console.error(m, f) };

const poller = createSitePoller({
  sources: [{ name: "sitemap", kind: "sitemap", url: `${site.url}/sitemap.xml`, intervalMs }],
  corpusDir,
  cacheDir: await mkdtemp(path.join(os.tmpdir(), "newsdesk-publish-cache-")),
  fetch,
  logger,
});
let started = performance.now();
if (!values.corpus) {
  // No corpus yet: the first poll imports every story (the "first poll of thousands of URLs").
  await poller.start();
  await poller.pollAll().catch(() => {});
  console.log(`first poll of ${stories} stories: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
started = performance.now();
const live = await createLiveIndex({
  corpusDir,
  cacheDir: await mkdtemp(path.join(os.tmpdir(), "newsdesk-publish-idx-")),
});
console.log(
  `live index open: ${live.status().articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (values.corpus) {
  await poller.start();
  await poller.pollAll();
}

const results: number[] = [];
for (let sample = 0; sample < Number(values.samples); sample++) {
  // Publish at a random moment of the poll cycle, as a newsroom would.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalMs));
  const n = stories + sample;
  const story = generatedStory(n);
  Object.assign(site.routes, generatedRoutes(site.url, n + 1));
  const published = performance.now();
  const question = `How many new jobs would the ${story.name} plan bring?`;
  for (;;) {
    const answer = live.ask(question);
    if (answer.passages[0]?.text.includes(story.name)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - published) / 1000;
  results.push(seconds);
  console.log(
    `sample ${sample + 1}: published → answerable in ${seconds.toFixed(1)} s (interval ${intervalMs / 1000} s)`,
  );
}
await poller.stop();
live.close();
await site.close();
const mean = results.reduce((a, b) => a + b, 0) / results.length;
console.log(
  `mean ${mean.toFixed(1)} s over ${results.length} samples; max ${Math.max(...results).toFixed(1)} s`,
);
