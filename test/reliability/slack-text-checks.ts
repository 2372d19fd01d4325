/**
 * Checks of a rendered reply beyond Slack's size limits: Block Kit structure, and reading mrkdwn
 * back the way Slack displays it (entities decoded, zero-width fences around *_~` removed).
 */
import { allStrings, type ReplyLike, slackLimitProblems } from "../support/slack-reply-checks.js";

const BLOCK_TYPES = new Set(["section", "context", "actions", "header", "divider"]);
const TEXT_TYPES = new Set(["mrkdwn", "plain_text"]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

interface TextObject {
  type?: unknown;
  text?: unknown;
}
type Element = TextObject & { action_id?: unknown; value?: unknown; style?: unknown };
interface Block {
  type?: unknown;
  block_id?: unknown;
  text?: TextObject;
  elements?: Element[];
}

function textProblems(where: string, text: TextObject | undefined, max: number): string[] {
  if (!text || !TEXT_TYPES.has(String(text.type))) return [`${where}: not a text object`];
  if (typeof text.text !== "string" || text.text.length === 0) return [`${where}: empty text`];
  if (text.text.length > max) return [`${where}: ${text.text.length} > ${max}`];
  return [];
}

/** Structural problems Slack would reject the message for (plus slackLimitProblems); [] when valid. */
export function blockKitProblems(reply: ReplyLike): string[] {
  const problems = [...slackLimitProblems(reply)];
  if (typeof reply.text !== "string" || reply.text.trim() === "") problems.push("no fallback text");
  const blocks = (reply.blocks ?? []) as Block[];
  if (blocks.length === 0) problems.push("no blocks");
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    if (!BLOCK_TYPES.has(String(block.type))) problems.push(`block ${i}: type ${String(block.type)}`);
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length === 0 || id.length > 255 || blockIds.has(id)) problems.push(`block ${i}: block_id ${id}`);
      blockIds.add(id);
    }
    if (block.type === "section") problems.push(...textProblems(`section ${i}`, block.text, 3000));
    if (block.type === "header") problems.push(...textProblems(`header ${i}`, block.text, 150));
    if (block.type === "context") {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > 10)
        problems.push(`context ${i}: ${elements.length} elements`);
      for (const [j, el] of elements.entries()) problems.push(...textProblems(`context ${i}.${j}`, el, 3000));
    }
    if (block.type === "actions") {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > 25)
        problems.push(`actions ${i}: ${elements.length} elements`);
      for (const [j, el] of elements.entries()) {
        const where = `button ${i}.${j}`;
        if (el.type !== "button") problems.push(`${where}: type ${String(el.type)}`);
        const label = el.text as TextObject | undefined;
        if (label?.type !== "plain_text") problems.push(`${where}: label not plain_text`);
        problems.push(...textProblems(where, label, 75));
        const actionId = String(el.action_id ?? "");
        if (actionId.length === 0 || actionId.length > 255 || actionIds.has(actionId)) {
          problems.push(`${where}: action_id ${actionId}`);
        }
        actionIds.add(actionId);
        if (el.value !== undefined && (typeof el.value !== "string" || el.value.length > 2000)) {
          problems.push(`${where}: value`);
        }
        if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") {
          problems.push(`${where}: style`);
        }
      }
    }
  }
  if (allStrings(reply).some(hasLoneSurrogate)) problems.push("a lone surrogate (invalid UTF-8 for Slack)");
  return problems;
}

/**
 * Problems with text that should be literal (user or article text): raw < or >, an & that does
 * not start an entity, or a formatting character Slack could pair (not fenced by zero-width spaces).
 */
export function literalProblems(mrkdwn: string): string[] {
  const problems: string[] = [];
  if (/[<>]/.test(mrkdwn)) problems.push("raw < or >");
  if (/&(?!amp;|lt;|gt;)/.test(mrkdwn)) problems.push("bare &");
  const unfenced = mrkdwn.replace(/\u200B[*_~`]\u200B/g, "");
  if (/[*_~`]/.test(unfenced)) problems.push("unfenced formatting character");
  return problems;
}

/** What Slack shows for literal mrkdwn: fences dropped, entities decoded. */
export function displayedText(mrkdwn: string): string {
  return mrkdwn
    .replace(/\u200B([*_~`])\u200B/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
