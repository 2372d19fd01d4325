/**
 * Profiles one HTTP app of the bench under signed /ask load: the app's child runs with `node --cpu-prof`
 * (every thread writes a .cpuprofile into --dir when the child exits), autocannon sends signed commands
 * for --seconds after a warm-up second, then the child is stopped. Read the profiles with
 * `npx tsx scripts/bench/summarise-profile.ts FILE`. Run it under the heavy lock.
 *
 *   npx tsx scripts/bench/profile-http.ts [--app newsdesk|bare] [--seconds 10] [--dir DIR]
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { newsQuestionsFile } from "./paths.js";
import { readQuestionFile } from "./questions.js";
import { signedHeaders, slashCommandBody } from "./slack-request.js";
import { startTsx } from "./spawn-tsx.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const { values } = parseArgs({
  options: {
    app: { type: "string", default: "newsdesk" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    dir: { type: "string", default: path.join(os.tmpdir(), "newsdesk-profile") },
  },
});
const dir = path.resolve(values.dir);
await mkdir(dir, { recursive: true });
const questions = (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question);
const api = await startWebApiStandIn();
const cacheDir = await mkdtemp(path.join(os.tmpdir(), "newsdesk-profile-cache-"));
// The child exits normally on SIGTERM, so Node writes its profiles.
const onTerm = path.join(cacheDir, "exit-on-term.mjs");
await writeFile(onTerm, 'process.on("SIGTERM", () => process.exit(0));\n');
const script = new URL("./http-app-child.ts", import.meta.url).pathname;
const started = startTsx(script, [values.app, api.apiUrl, SIGNING_SECRET, cacheDir], {
  nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir, "--import", onTerm],
});
try {
  const { value } = await started.firstReport;
  const url = `http://127.0.0.1:${(value as { port: number }).port}/slack/events`;
  let n = 0;
  const fire = (duration: number) =>
    autocannon({
      url,
      connections: Number(values.connections),
      duration,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            n += 1;
            const body = slashCommandBody({
              text: questions[n % questions.length]!,
              responseUrl: api.responseUrl,
              n,
            });
            return {
              ...req,
              method: "POST",
              path: "/slack/events",
              body,
              headers: signedHeaders(SIGNING_SECRET, body),
            };
          },
        },
      ],
    });
  await fire(1);
  const loadStart = Date.now();
  const result = await fire(Number(values.seconds));
  console.log(
    `${values.app}: ${Math.round(result.requests.average)} req/s, ${result.requests.total} requests, ` +
      `errors ${result.errors + result.non2xx + result.timeouts}; load from ${loadStart} for ${values.seconds} s`,
  );
} finally {
  started.child.kill("SIGTERM");
  await started.exited;
  await api.close();
  await rm(cacheDir, { recursive: true, force: true });
}
console.log(`profiles in ${dir}`);
