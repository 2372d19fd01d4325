/**
 * Which message events are a person's question. Edits, deletions, joins, bot posts… carry a subtype and
 * are never questions; two subtypes still are: a message sent with a file (`file_share`: its text is the
 * question, the file is not read) and a thread reply also sent to the conversation (`thread_broadcast`).
 * Left out, both went unanswered without a word.
 */
const QUESTION_SUBTYPES: ReadonlySet<unknown> = new Set([undefined, "file_share", "thread_broadcast"]);

type QuestionSubtype = undefined | "file_share" | "thread_broadcast";
/** Bolt's message events narrowed to those kinds; an event typed loosely (subtype: unknown) as it is. */
type Question<E> = [Extract<E, { subtype?: QuestionSubtype }>] extends [never]
  ? E
  : Extract<E, { subtype?: QuestionSubtype }>;

/** Whether `event` (a message event, or any with a subtype) may be a question. */
export function isQuestionMessage<E extends { subtype?: unknown }>(event: E): event is Question<E> & E {
  return QUESTION_SUBTYPES.has(event.subtype);
}
