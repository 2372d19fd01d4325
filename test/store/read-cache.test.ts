import { describe, expect, it } from "vitest";
import { createReadCache } from "../../src/store/read-cache.js";

/** A room's reads over a counter of loads and a data version the test moves. */
function harness(withVersion = true) {
  const state = { version: 1, loads: 0, value: "a" };
  const cache = createReadCache<string>(withVersion ? async () => state.version : undefined);
  const read = (key = "k") =>
    cache.read(key, async () => {
      state.loads++;
      return `${key}:${state.value}`;
    });
  return { state, cache, read };
}

describe("createReadCache (reads kept until the data version moves or this connection writes)", () => {
  it("keeps a read while the version stays", async () => {
    const { state, read } = harness();
    expect(await read()).toBe("k:a");
    expect(await read()).toBe("k:a");
    expect(await read("j")).toBe("j:a");
    expect(state.loads).toBe(2);
  });

  it("reads again when another connection committed (the version moved)", async () => {
    const { state, read } = harness();
    await read();
    state.value = "b";
    state.version = 2;
    expect(await read()).toBe("k:b");
    expect(state.loads).toBe(2);
  });

  it("reads again after this connection's own write", async () => {
    const { state, cache, read } = harness();
    await read();
    state.value = "b";
    cache.changed();
    expect(await read()).toBe("k:b");
  });

  it("does not keep a read that a write overtook", async () => {
    const { state, cache } = harness();
    let release: () => void = () => {};
    const slow = cache.read("k", async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return "k:old";
    });
    await Promise.resolve();
    await Promise.resolve();
    cache.changed();
    release();
    expect(await slow).toBe("k:old");
    expect(await cache.read("k", async () => "k:new")).toBe("k:new");
    expect(state.loads).toBe(0);
  });

  it("keeps nothing where the engine has no data version (PostgreSQL)", async () => {
    const { state, read } = harness(false);
    await read();
    await read();
    expect(state.loads).toBe(2);
  });
});
