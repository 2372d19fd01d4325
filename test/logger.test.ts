import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, infoFlat } from "../src/logger.js";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("redacts tokens and secrets in fields and masks token-shaped text in messages", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    logger.info(
      {
        config: { botToken: "xoxb-secret-1", appToken: "xapp-secret-2", signingSecret: "s3cr3t" },
        headers: { authorization: "Bearer xoxb-secret-1", "x-slack-signature": "v0=abc" },
      },
      "calling https://slack.test/api?token=xoxb-secret-1",
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain("secret-1");
    expect(text).not.toContain("secret-2");
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("v0=abc");
    expect(lines[0]!.msg).toBe("calling https://slack.test/api?token=xoxb-[redacted]");
  });

  it("writes a flat line exactly as logger.info does, and still redacts a secret key or an object", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination }).child({ component: "test" });
    const flat = {
      surface: "command",
      requestId: "1.2.3",
      passages: 3,
      found: true,
      gone: undefined,
      none: null,
    };
    logger.info(flat, "handled xoxb-123-abc");
    infoFlat(logger, flat, "handled xoxb-123-abc");
    infoFlat(logger, { surface: "command", token: "xoxb-secret-3" }, "with a token");
    infoFlat(logger, { nested: { token: "xoxb-secret-4" } } as never, "with an object");
    const [viaInfo, viaFlat, ...redacted] = lines.map(({ time: _time, ...rest }) => rest);
    expect(viaFlat).toEqual(viaInfo);
    expect(viaFlat).toMatchObject({ component: "test", passages: 3, msg: "handled xoxb-[redacted]" });
    expect(JSON.stringify(redacted)).not.toMatch(/secret-3|secret-4/);
    expect(redacted).toHaveLength(2);
  });

  it("honours the level", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "warn", destination });
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });
});
