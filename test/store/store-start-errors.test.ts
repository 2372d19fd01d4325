/** A store that cannot be used at start: one sentence naming the variable, and the process exits non-zero. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { NewsdeskError } from "../../src/errors.js";
import { openStore } from "../../src/store/index.js";
import { cleanEnv, runTs } from "../support/run-command.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { quietLogger } from "./store-fixture.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function initFails(databaseUrl: string): Promise<NewsdeskError> {
  const store = openStore({ databaseUrl, dataDir: "/nonexistent", logger: quietLogger });
  const error = await store.init().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NewsdeskError);
  return error as NewsdeskError;
}

describe("store at start-up", () => {
  it("names DATABASE_URL when nothing listens there, without its password", async () => {
    const error = await initFails(`postgres://newsdesk:s3cret@127.0.0.1:${await closedPort()}/newsdesk`);
    expect(error.code).toBe("store_unreachable");
    expect(error.message).toMatch(
      /^Cannot use the PostgreSQL database of DATABASE_URL \(127\.0\.0\.1:\d+\/newsdesk\)/,
    );
    expect(error.message).toMatch(/check DATABASE_URL/);
    expect(error.message).not.toContain("s3cret");
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("names DATABASE_URL when the database does not exist on a real server", async () => {
    const url = new URL(inject("postgresUrl"));
    url.pathname = "/no_such_database";
    const error = await initFails(url.toString());
    expect(error.code).toBe("store_unreachable");
    expect(error.message).toMatch(/DATABASE_URL.*no_such_database.*does not exist/);
  });

  it("names DATA_DIR when the embedded store's folder cannot be made", () => {
    // A folder inside a plain file cannot exist, whoever runs the test (root included).
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "nd-store-file-")), "a-file");
    writeFileSync(file, "");
    expect(() => openStore({ dataDir: path.join(file, "data"), logger: quietLogger })).toThrow(
      /^Cannot open the embedded store in DATA_DIR .*ENOTDIR.*point DATA_DIR at a writable folder/,
    );
  });

  it("the bot exits non-zero with one sentence when DATABASE_URL is unreachable", async () => {
    const { code, stdout, stderr } = await runTs("src/main.ts", [], {
      env: cleanEnv({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: "http://127.0.0.1:9/api/",
        PORT: "0",
        LOG_LEVEL: "silent",
        DATABASE_URL: `postgres://newsdesk@127.0.0.1:${await closedPort()}/newsdesk`,
      }),
    });
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot use the PostgreSQL database of DATABASE_URL .*check DATABASE_URL/);
  });
});
