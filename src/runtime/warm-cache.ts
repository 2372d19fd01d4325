import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** What the worker reports: the cache was written (or already there), or why not. */
export type WarmResult = { ok: true; source: "cache" | "built" } | { ok: false; message: string };

// tsx's ESM `register` entry (its CommonJS twin registers for `require` only).
function tsxRegisterUrl(): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
}

// Run from TypeScript sources (tsx), a worker needs tsx's loader registered in its own thread:
// `--import` flags are not applied to workers, so a one-line bootstrap registers it first.
function startWorker(workerData: unknown): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const entry = new URL(`./warm-cache-worker.${typescript ? "ts" : "js"}`, import.meta.url);
  if (!typescript) return new Worker(entry, { workerData });
  const tsxApi = tsxRegisterUrl();
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Builds and caches the engine's index of a corpus folder in a worker thread, off the thread that
 * answers questions. Never rejects: a failure is reported, and the caller's own load decides.
 */
export function warmIndexCache(corpusDir: string, cacheDir: string): Promise<WarmResult> {
  return new Promise((resolve) => {
    let result: WarmResult | undefined;
    let worker: Worker;
    try {
      worker = startWorker({ corpusDir, cacheDir });
    } catch (error) {
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    worker.on("message", (message: WarmResult) => {
      result = message;
    });
    worker.on("error", (error) => {
      result ??= { ok: false, message: error.message };
    });
    worker.on("exit", (code) => resolve(result ?? { ok: false, message: `worker exited with code ${code}` }));
  });
}
