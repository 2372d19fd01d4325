/**
 * Checks any Slack reply can be held to: Block Kit limits and no broadcast or mention the app
 * didn't write itself. Shared by the rendering, HTTP and fuzz tests.
 */

interface AnyBlock {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ type: string; text?: unknown; value?: string; action_id?: string }>;
}

export interface ReplyLike {
  text?: string;
  blocks?: unknown[];
}

/**
 * Every problem found; an empty list means the reply is within Slack's limits. `maxBlocks`: 50 in a
 * message, 100 in a Home view or modal.
 */
export function slackLimitProblems(reply: ReplyLike, { maxBlocks = 50 } = {}): string[] {
  const problems: string[] = [];
  const blocks = (reply.blocks ?? []) as AnyBlock[];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  if ((reply.text ?? "").length > 40_000) problems.push("fallback text > 40000");
  for (const [i, block] of blocks.entries()) {
    if (block.type === "section" && block.text && block.text.text.length > 3000) {
      problems.push(`section ${i} text ${block.text.text.length} > 3000`);
    }
    if (block.type === "section" && block.text && block.text.text.length === 0) {
      problems.push(`section ${i} text empty`);
    }
    if (block.type === "header" && block.text && block.text.text.length > 150) {
      problems.push(`header ${i} > 150`);
    }
    if (block.type === "context") {
      if ((block.elements ?? []).length > 10) problems.push(`context ${i} > 10 elements`);
      for (const el of block.elements ?? []) {
        if (typeof el.text === "string" && el.text.length > 3000) problems.push(`context ${i} text > 3000`);
      }
    }
    if (block.type === "actions") {
      if ((block.elements ?? []).length > 25) problems.push(`actions ${i} > 25 elements`);
      for (const el of block.elements ?? []) {
        const label = (el.text as { text?: string } | undefined)?.text ?? "";
        if (label.length > 75) problems.push(`button label ${label.length} > 75`);
        if ((el.value ?? "").length > 2000) problems.push(`button value ${(el.value ?? "").length} > 2000`);
        if ((el.action_id ?? "").length > 255) problems.push("action_id > 255");
      }
    }
  }
  return problems;
}

const BROADCAST = /<!(channel|here|everyone|subteam)/i;
const MENTION = /<@([A-Z0-9]+)/g;

/** Strings anywhere in the reply (text, blocks, labels, values). */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

/**
 * Broadcasts or user mentions in the rendered mrkdwn that are not in `allowedUserIds`.
 * Button values are data, not rendered text, so they are excluded.
 */
export function injectedMentions(reply: ReplyLike, allowedUserIds: string[] = []): string[] {
  const rendered = [reply.text ?? "", ...allStrings(stripValues(reply.blocks ?? []))];
  const found: string[] = [];
  for (const text of rendered) {
    const broadcast = BROADCAST.exec(text);
    if (broadcast) found.push(broadcast[0]);
    for (const m of text.matchAll(MENTION)) {
      if (!allowedUserIds.includes(m[1]!)) found.push(m[0]);
    }
  }
  return found;
}

function stripValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripValues);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "value")
        .map(([k, v]) => [k, stripValues(v)]),
    );
  }
  return value;
}
