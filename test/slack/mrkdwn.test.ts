import { describe, expect, it } from "vitest";
import { cut, escapeMrkdwn, slackTextToPlain } from "../../src/slack/mrkdwn.js";

describe("slackTextToPlain", () => {
  it("turns Slack markup into the words a person typed", () => {
    expect(slackTextToPlain("<@U123> who is <@U456|maria>?")).toBe("@U123 who is @maria?");
    expect(slackTextToPlain("<!channel> and <!here> <!subteam^S1|@desk>")).toBe("@channel and @here @desk");
    expect(slackTextToPlain("see <https://x.test|the story> in <#C1|news>")).toBe("see the story in #news");
    expect(slackTextToPlain("a &lt;b&gt; &amp;amp; c")).toBe("a <b> &amp; c");
  });

  it("round-trips through escaping without reviving markup", () => {
    const plain = slackTextToPlain("&lt;!channel&gt; hi");
    expect(plain).toBe("<!channel> hi");
    expect(escapeMrkdwn(plain)).toBe("&lt;!channel&gt; hi");
  });
});

describe("cut", () => {
  it("never splits a surrogate pair", () => {
    expect(cut("ab😀", 3)).toBe("ab");
    expect(cut("ab😀", 4)).toBe("ab😀");
  });
});
