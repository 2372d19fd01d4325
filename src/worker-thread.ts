import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// tsx's ESM `register` entry (its CommonJS twin registers for `require` only).
function tsxRegisterUrl(): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
}

/**
 * Starts `./{name}.js` beside the module at `base` (its `import.meta.url`) in a worker thread — or
 * `./{name}.ts` when that module itself runs from the TypeScript sources (vitest, tsx scripts). Then
 * the worker needs tsx's loader registered in its own thread: `--import` flags are not applied to
 * workers, so a one-line bootstrap registers it first. The compiled app (dist/) loads the `.js` file
 * directly and never needs tsx.
 */
export function startWorkerThread(base: string, name: string, workerData: unknown): Worker {
  const typescript = base.endsWith(".ts");
  const entry = new URL(`./${name}.${typescript ? "ts" : "js"}`, base);
  if (!typescript) return new Worker(entry, { workerData });
  const tsxApi = tsxRegisterUrl();
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
