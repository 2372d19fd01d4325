import { describe, expect, it } from "vitest";
import { bold, cut, escapeMrkdwn, literal, slackTextToPlain } from "../../src/slack/mrkdwn.js";

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

describe("bold", () => {
  /** The general rule: white space at the ends stays outside the markers; nothing to bold, no markers. */
  function reference(text: string): string {
    const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
    return core ? `${lead}*${literal(core)}*${trail}` : text;
  }

  it("keeps white space outside the markers and renders the words literally", () => {
    expect(bold("Karim Massimov")).toBe("*Karim Massimov*");
    expect(bold(" treason ")).toBe(" *treason* ");
    expect(bold("\u00a0KNB\n")).toBe("\u00a0*KNB*\n");
    expect(bold("a*b")).toBe(`*${literal("a*b")}*`);
    for (const text of [
      "",
      " ",
      "\t\n",
      "x",
      " x",
      "x ",
      "<@U1> & co",
      "\u2003wide\u2003",
      "line\nbreak",
      "_x_",
    ]) {
      expect(bold(text)).toBe(reference(text));
    }
  });
});
