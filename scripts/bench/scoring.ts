/** Eval README's comparison: curly quotes folded to straight, white space collapsed, lower-cased. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** A passage is a hit when its full text holds any expected phrase. */
export function isHit(passageText: string, expect: readonly string[]): boolean {
  const text = normalizeForMatch(passageText);
  return expect.some((phrase) => {
    const p = normalizeForMatch(phrase);
    return p !== "" && text.includes(p);
  });
}

export interface RecallScore {
  answerable: number;
  r1: number;
  r3: number;
  mrr: number;
}

/** R@1, R@3 and MRR over answerable questions; `ranked[i]` are question i's passage texts, best first. */
export function scoreRecall(
  questions: readonly { expect: readonly string[] }[],
  ranked: readonly (readonly string[])[],
): RecallScore {
  let answerable = 0;
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  questions.forEach((q, i) => {
    if (q.expect.length === 0) return;
    answerable += 1;
    const texts = ranked[i] ?? [];
    const rank = texts.findIndex((t) => isHit(t, q.expect));
    if (rank === 0) r1 += 1;
    if (rank >= 0 && rank < 3) r3 += 1;
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const share = (n: number) => (answerable === 0 ? 0 : n / answerable);
  return { answerable, r1: share(r1), r3: share(r3), mrr: share(mrr) };
}
