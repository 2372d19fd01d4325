import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

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

  it("honours the level", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "warn", destination });
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });
});
