import type { Article, ArticleShelf } from "../corpus/index.js";
import { createCorpusWriter, type ImportResult, type WriteOwner } from "../corpus/index.js";

export interface CorpusSink {
  /** Writes one article; writes run one at a time, in call order. */
  write(article: Article, owner?: WriteOwner): Promise<ImportResult>;
  /** Forget the scan of the corpus folder: the next write rescans it (editors change files too). */
  refresh(): void;
}

/**
 * The poller's way into the corpus folder (or the shelf `target` makes: the database): the writer
 * (which scans the folder for ids and canonical URLs) is made on the first write after a refresh, so a
 * poll that finds nothing new scans nothing.
 */
export function createCorpusSink(
  target: string | (() => ArticleShelf),
  onUnreadable?: (file: string, error: unknown) => void,
): CorpusSink {
  let writer: ReturnType<typeof createCorpusWriter> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    write(article, owner) {
      const next = chain.then(async () => {
        writer ??= createCorpusWriter(
          typeof target === "string" ? target : target(),
          onUnreadable ? { onUnreadable } : {},
        );
        return (await writer).write(article, owner);
      });
      chain = next.catch(() => {});
      return next;
    },
    refresh() {
      writer = undefined;
    },
  };
}
