/**
 * Installs in many workspaces, over real HTTP: the install page, Slack's redirect back with a code
 * (exchanged at the stand-in's oauth.v2.access, which behaves as Slack documents: codes work once,
 * the app's credentials are checked), installations kept in a real store, each workspace answered
 * with its own token. Bad installs (forged state, a replayed code, oauth.v2.access failing) get a
 * plain page and store nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../scripts/topology/postgres-cluster.js";
import { loadConfig, type SlackConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { BOT_SCOPES } from "../../src/slack/oauth/bot-scopes.js";
import { type SlackAppHandle, startSlackApp } from "../../src/slack/start-slack-app.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, createSlackSender, eventCallback, nextTs } from "../support/slack-signer.js";
import {
  type InstallGrant,
  type SlackStandIn,
  STAND_IN_CLIENT_ID,
  STAND_IN_CLIENT_SECRET,
  STAND_IN_TEAM_ID,
  startSlackStandIn,
} from "../support/slack-stand-in.js";

const STATE_SECRET = "state-secret-for-tests-0123456789";

const ALPHA: Omit<InstallGrant, "scopes"> = {
  teamId: "T0ALPHA",
  teamName: "Alpha",
  botUserId: "U0ALPHABOT",
  botId: "B0ALPHA",
};
const BETA: Omit<InstallGrant, "scopes"> = {
  teamId: "T0BETA",
  teamName: "Beta",
  botUserId: "U0BETABOT",
  botId: "B0BETA",
};

interface Running {
  app: SlackAppHandle;
  base: string;
  logs: string[];
  fake: ReturnType<typeof createFakeAsk>;
}

let standIn: SlackStandIn;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  standIn = await startSlackStandIn();
});
afterAll(async () => {
  await standIn.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  standIn.calls.length = 0;
});

async function sqliteStore(): Promise<Store> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nd-oauth-"));
  const store = openStore({ dataDir, logger: createLogger({ level: "silent" }) });
  await store.init();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => store.stop());
  return store;
}

async function startApp(store: Store, env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({
    SLACK_CLIENT_ID: STAND_IN_CLIENT_ID,
    SLACK_CLIENT_SECRET: STAND_IN_CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    ...env,
  }) as Readonly<SlackConfig>;
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const fake = createFakeAsk();
  const app = await startSlackApp({
    config,
    logger: createLogger({ level: "info", destination }),
    ask: async (question, options) => fake(question, options),
    port: 0,
    host: "127.0.0.1",
    store,
    webClientOptions: { retryConfig: { retries: 0 } },
  });
  cleanups.push(() => app.stop());
  return { app, base: `http://127.0.0.1:${app.port}`, logs, fake };
}

const decode = (html: string) => html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

interface InstallStart {
  authorizeUrl: URL;
  state: string;
  cookie: string;
}

/** GET /slack/install as a browser: the page's link to Slack, and the state cookie it set. */
async function beginInstall(base: string): Promise<InstallStart> {
  const res = await fetch(`${base}/slack/install`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  const html = await res.text();
  const href = /<a href="([^"]+)"/.exec(html)?.[1];
  expect(href).toBeDefined();
  const authorizeUrl = new URL(decode(href!));
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  expect(cookie).toMatch(/^slack-app-oauth-state=/);
  return { authorizeUrl, state: authorizeUrl.searchParams.get("state") ?? "", cookie };
}

/** Slack's redirect back to the app after the admin approved, as the browser follows it. */
async function finishInstall(base: string, start: InstallStart, code: string, state = start.state) {
  const url = `${base}/slack/oauth_redirect?${new URLSearchParams({ code, state })}`;
  const res = await fetch(url, { headers: { cookie: start.cookie }, redirect: "manual" });
  return { status: res.status, html: await res.text(), type: res.headers.get("content-type") ?? "" };
}

/** The whole install of one workspace: page, approval at "Slack", redirect. */
async function install(running: Running, grant: Omit<InstallGrant, "scopes">, finishAt = running) {
  const start = await beginInstall(running.base);
  const code = standIn.grantInstall({ ...grant, scopes: start.authorizeUrl.searchParams.get("scope") ?? "" });
  return { ...(await finishInstall(finishAt.base, start, code)), code, start };
}

function mention(
  team: string,
  botUserId: string,
  text: string,
  channel: string,
  fields: Record<string, unknown> = {},
) {
  const body = eventCallback({
    type: "app_mention",
    channel,
    user: "U0REPORTER",
    text: `<@${botUserId}> ${text}`.trim(),
    ts: nextTs(),
    ...fields,
  });
  return { ...body, team_id: team, authorizations: [{ team_id: team, user_id: botUserId, is_bot: true }] };
}

const postsTo = (channel: string) =>
  standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);
const tokenOf = (team: string) => standIn.issued.filter((t) => t.grant.teamId === team).at(-1)?.token;

describe("installs by OAuth", () => {
  it("serves an install page linking to Slack's authorize URL with the manifest's scopes", async () => {
    const running = await startApp(await sqliteStore());
    const start = await beginInstall(running.base);
    expect(`${start.authorizeUrl.origin}${start.authorizeUrl.pathname}`).toBe(
      new URL("../oauth/v2/authorize", standIn.apiUrl).toString(),
    );
    expect(start.authorizeUrl.searchParams.get("client_id")).toBe(STAND_IN_CLIENT_ID);
    expect(start.authorizeUrl.searchParams.get("scope")?.split(",")).toEqual([...BOT_SCOPES]);
    expect(start.cookie).toBe(`slack-app-oauth-state=${start.state}`);
  });

  it("answers two workspaces installed by OAuth, each with its own token and bot user", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    for (const grant of [ALPHA, BETA]) {
      const done = await install(running, grant);
      expect(done.status).toBe(200);
      expect(done.html).toContain(`installed in the ${grant.teamName} workspace`);
    }
    expect(await store.installations.get(ALPHA.teamId)).toMatchObject({
      team: { id: ALPHA.teamId },
      bot: { token: tokenOf(ALPHA.teamId), userId: ALPHA.botUserId, id: ALPHA.botId },
    });

    expect((await send.event(mention(ALPHA.teamId, ALPHA.botUserId, "ferry", "C0ALPHA"))).status).toBe(200);
    expect((await send.event(mention(BETA.teamId, BETA.botUserId, "ferry", "C0BETA"))).status).toBe(200);
    // Beta's own bot mentioned alone is an empty question: the usage reply, so its id was stripped.
    expect((await send.event(mention(BETA.teamId, BETA.botUserId, "", "C0BETAHELP"))).status).toBe(200);
    await standIn.waitFor(() => ["C0ALPHA", "C0BETA", "C0BETAHELP"].every((c) => postsTo(c).length === 1));
    expect(postsTo("C0ALPHA")[0]!.token).toBe(tokenOf(ALPHA.teamId));
    expect(postsTo("C0BETA")[0]!.token).toBe(tokenOf(BETA.teamId));
    expect(tokenOf(ALPHA.teamId)).not.toBe(tokenOf(BETA.teamId));
    expect(JSON.stringify(postsTo("C0BETAHELP")[0]!.args)).toMatch(/\/ask/);
    expect(JSON.stringify(postsTo("C0BETA")[0]!.args)).toContain("Massimov");

    // A command needs no token (the ack is the answer) but still only for an installed workspace.
    const command = await send.command(
      commandFields("ferry", standIn.responseUrl(), { team_id: BETA.teamId }),
    );
    expect(command.status).toBe(200);
    expect(command.text).toContain("Massimov");
  });

  it("reads a follow-up's thread with its workspace's token, trusting that workspace's bot", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    for (const grant of [ALPHA, BETA]) expect((await install(running, grant)).status).toBe(200);
    const rootTs = nextTs();
    const root = mention(BETA.teamId, BETA.botUserId, "ferry", "C0BETATHREAD", { ts: rootTs });
    expect((await send.event(root)).status).toBe(200);
    await standIn.waitFor(() => postsTo("C0BETATHREAD").length === 1);
    // Posted by Beta's bot (B0BETA), whose metadata Beta's follow-up trusts; Alpha's would not be.
    expect(standIn.messages("C0BETATHREAD")[0]).toMatchObject({ bot_id: BETA.botId });
    const followUp = mention(BETA.teamId, BETA.botUserId, "who did she replace?", "C0BETATHREAD", {
      thread_ts: rootTs,
    });
    expect((await send.event(followUp)).status).toBe(200);
    await standIn.waitFor(() => postsTo("C0BETATHREAD").length === 2);
    const reads = standIn.callsTo("conversations.replies");
    expect(reads).toHaveLength(1);
    expect(reads[0]!.token).toBe(tokenOf(BETA.teamId));
    // The earlier turn reached the engine: the thread was read and its metadata trusted.
    expect(running.fake.options.at(-1)?.thread).toMatchObject({ turns: [{ question: "ferry" }] });
  });

  it("does not answer a workspace that never installed the app", async () => {
    const running = await startApp(await sqliteStore());
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    const stranger = await send.event(mention("T0STRANGER", "U0SOMEBOT", "ferry", "C0STRANGER"));
    // Acknowledged (Slack must not retry it), logged as one warning without a stack, not answered.
    expect(stranger.status).toBe(200);
    await expect
      .poll(() => running.logs.filter((l) => l.includes('"code":"slack_not_installed"')))
      .toHaveLength(1);
    expect(running.logs.join("\n")).not.toContain("slack handler failed");
    await install(running, ALPHA);
    await send.event(mention(ALPHA.teamId, ALPHA.botUserId, "ferry", "C0ALPHA2"));
    await standIn.waitFor(() => postsTo("C0ALPHA2").length === 1);
    expect(postsTo("C0STRANGER")).toHaveLength(0);
  });

  it("keeps serving SLACK_BOT_TOKEN's workspace with that token beside OAuth installs", async () => {
    const running = await startApp(await sqliteStore(), { SLACK_BOT_TOKEN: TEST_BOT_TOKEN });
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    await install(running, ALPHA);
    await send.event(mention(STAND_IN_TEAM_ID, "UNEWSBOT", "ferry", "C0SINGLE"));
    await send.event(mention(ALPHA.teamId, ALPHA.botUserId, "ferry", "C0ALPHA3"));
    await standIn.waitFor(() => postsTo("C0SINGLE").length === 1 && postsTo("C0ALPHA3").length === 1);
    expect(postsTo("C0SINGLE")[0]!.token).toBe(TEST_BOT_TOKEN);
    expect(postsTo("C0ALPHA3")[0]!.token).toBe(tokenOf(ALPHA.teamId));
  });

  it("refuses a forged state with a plain page and stores nothing", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const start = await beginInstall(running.base);
    const code = standIn.grantInstall({ ...ALPHA, scopes: BOT_SCOPES.join(",") });
    const forged = `${start.state.split(".")[0]}.forged-signature`;
    const page = await finishInstall(
      running.base,
      { ...start, cookie: `slack-app-oauth-state=${forged}` },
      code,
      forged,
    );
    expect(page.status).toBe(400);
    expect(page.type).toContain("text/html");
    expect(page.html).toContain("expired or was already used");
    expect(page.html).not.toMatch(/at \w+ \(|Error:/);
    // A well-signed state this store never issued is refused as well.
    const other = await finishInstall(running.base, start, code, "unknown.state");
    expect(other.status).toBe(400);
    expect(standIn.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(await store.installations.get(ALPHA.teamId)).toBeUndefined();
  });

  it("refuses a replayed redirect and a replayed code, keeping the first install as it was", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const issuedBefore = standIn.issued.length;
    const first = await install(running, ALPHA);
    expect(first.status).toBe(200);
    const stored = await store.installations.get(ALPHA.teamId);
    // The same redirect again: its state was used.
    const again = await finishInstall(running.base, first.start, first.code);
    expect(again.status).toBe(400);
    // The code again, with a fresh state: Slack refuses a code used once.
    const fresh = await beginInstall(running.base);
    const replay = await finishInstall(running.base, fresh, first.code);
    expect(replay.status).toBe(502);
    expect(replay.html).toContain("Slack did not confirm this install");
    const exchanges = standIn.callsTo("oauth.v2.access");
    expect(exchanges).toHaveLength(2);
    expect(exchanges.map((c) => c.args.code)).toEqual([first.code, first.code]);
    expect(await store.installations.get(ALPHA.teamId)).toEqual(stored);
    expect(standIn.issued.length - issuedBefore).toBe(1);
  });

  it("shows a plain page and stores nothing when oauth.v2.access fails", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    for (const failure of [
      { body: { ok: false, error: "invalid_client_id" } },
      { status: 500, body: { ok: false, error: "internal_error" } },
    ]) {
      const remove = standIn.override("oauth.v2.access", () => failure);
      const page = await install(running, ALPHA);
      remove();
      expect(page.status).toBe(502);
      expect(page.html).toContain("nothing was installed");
      expect(page.html).not.toContain("invalid_client_id");
    }
    expect(await store.installations.get(ALPHA.teamId)).toBeUndefined();
    expect(running.logs.join("\n")).not.toContain(STAND_IN_CLIENT_SECRET);
  });

  it("removes a workspace on app_uninstalled and on tokens_revoked, and stops answering it", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    await install(running, ALPHA);
    await install(running, BETA);
    const uninstalled = { ...eventCallback({ type: "app_uninstalled" }), team_id: ALPHA.teamId };
    uninstalled.authorizations = [{ team_id: ALPHA.teamId, user_id: ALPHA.botUserId, is_bot: true }];
    expect((await send.event(uninstalled)).status).toBe(200);
    const revoked = {
      ...eventCallback({ type: "tokens_revoked", tokens: { bot: [BETA.botUserId] } }),
      team_id: BETA.teamId,
    };
    revoked.authorizations = [{ team_id: BETA.teamId, user_id: BETA.botUserId, is_bot: true }];
    expect((await send.event(revoked)).status).toBe(200);
    await expect.poll(() => store.installations.get(ALPHA.teamId)).toBeUndefined();
    await expect.poll(() => store.installations.get(BETA.teamId)).toBeUndefined();
    await send.event(mention(ALPHA.teamId, ALPHA.botUserId, "ferry", "C0GONE"));
    await install(running, BETA);
    await send.event(mention(BETA.teamId, BETA.botUserId, "ferry", "C0BACK"));
    await standIn.waitFor(() => postsTo("C0BACK").length === 1);
    expect(postsTo("C0GONE")).toHaveLength(0);
  });

  it("rotates a workspace's token when it has a refresh token, and keeps the new one", async () => {
    const store = await sqliteStore();
    const running = await startApp(store);
    const send = createSlackSender(`${running.base}/slack/events`, TEST_SIGNING_SECRET);
    // Bolt refreshes a token within two hours of its expiry: one that lasts a minute is refreshed at once.
    await install(running, { ...ALPHA, expiresIn: 60 } as Omit<InstallGrant, "scopes">);
    const installed = standIn.issued.at(-1)!;
    expect(installed.refreshToken).toBeDefined();
    await send.event(mention(ALPHA.teamId, ALPHA.botUserId, "ferry", "C0ROTATE"));
    await standIn.waitFor(() => postsTo("C0ROTATE").length === 1);
    const refreshed = standIn.issued.at(-1)!;
    expect(refreshed.token).not.toBe(installed.token);
    expect(standIn.callsTo("oauth.v2.access").at(-1)!.args).toMatchObject({
      grant_type: "refresh_token",
      refresh_token: installed.refreshToken,
    });
    expect(postsTo("C0ROTATE")[0]!.token).toBe(refreshed.token);
    expect(await store.installations.get(ALPHA.teamId)).toMatchObject({
      bot: { token: refreshed.token, refreshToken: refreshed.refreshToken },
    });
  });

  it("finishes on one replica an install begun on another, through one PostgreSQL", async () => {
    const databaseUrl = await createDatabase(inject("postgresUrl"), `oauth_${process.pid}`);
    const stores: Store[] = [];
    for (let i = 0; i < 2; i++) {
      const store = openStore({
        databaseUrl,
        dataDir: os.tmpdir(),
        logger: createLogger({ level: "silent" }),
      });
      await store.init();
      cleanups.push(() => store.stop());
      stores.push(store);
    }
    const [a, b] = [await startApp(stores[0]!), await startApp(stores[1]!)];
    const done = await install(a, BETA, b);
    expect(done.status).toBe(200);
    const send = createSlackSender(`${a.base}/slack/events`, TEST_SIGNING_SECRET);
    await send.event(mention(BETA.teamId, BETA.botUserId, "ferry", "C0SHARED"));
    await standIn.waitFor(() => postsTo("C0SHARED").length === 1);
    expect(postsTo("C0SHARED")[0]!.token).toBe(tokenOf(BETA.teamId));
  });
});
