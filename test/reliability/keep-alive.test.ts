/**
 * A client that keeps its connection open and comes back after Node's default 5 s idle limit must
 * find it still open: otherwise its next request races the server's close and is reset (the soak
 * saw this as lost events and failed commands).
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { createFakeAsk } from "../support/fake-answers.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const h = useSlackAppHarness({ ask: createFakeAsk() });

describe("keep-alive", () => {
  it("a connection idle for 6 s still serves the next request", async () => {
    const socket = connect(Number(new URL(h.baseUrl).port), "127.0.0.1");
    let received = "";
    let closed = false;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("close", () => {
      closed = true;
    });
    const get = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
    const responses = () => received.split("HTTP/1.1 200").length - 1;
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    socket.write(get);
    await until(() => responses() === 1 || closed);
    expect(received).toMatch(/keep-alive: timeout=(\d+)/i);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(closed).toBe(false);
    socket.write(get);
    await until(() => responses() === 2 || closed);
    expect(responses()).toBe(2);
    socket.destroy();
  }, 15_000);
});
