import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createOutbox } from "../../src/runtime/outbox.js";

describe("createOutbox", () => {
  it("sends one message alone and several sent in one turn as one batch, in order, after the turn", async () => {
    const posted: unknown[] = [];
    const outbox = createOutbox<number>((m) => posted.push(m));
    outbox.send(1);
    await nextTurn();
    outbox.send(2);
    outbox.send(3);
    outbox.send(4);
    expect(posted).toEqual([1]);
    await nextTurn();
    expect(posted).toEqual([1, { type: "batch", messages: [2, 3, 4] }]);
  });

  it("sends at once when the first queued message has waited maxWaitMs", async () => {
    const posted: unknown[] = [];
    const outbox = createOutbox<string>((m) => posted.push(m), { maxWaitMs: 5 });
    outbox.send("a");
    const until = performance.now() + 10;
    while (performance.now() < until) {
      // A slow answer being computed.
    }
    outbox.send("b");
    expect(posted).toEqual([{ type: "batch", messages: ["a", "b"] }]);
    outbox.send("c");
    await nextTurn();
    expect(posted).toEqual([{ type: "batch", messages: ["a", "b"] }, "c"]);
  });
});
