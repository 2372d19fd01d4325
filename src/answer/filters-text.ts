import { formatDay } from "../corpus/index.js";
import type { AskFilters } from "./types.js";

/** The filters of an answer as one plain sentence: "Only articles from cnn.com, published 1 Jan 2024 – 30 Jun 2024." */
export function filtersText(filters: AskFilters): string {
  const parts: string[] = [];
  if (filters.publications?.length) parts.push(`from ${filters.publications.join(" or ")}`);
  if (filters.sections?.length) parts.push(`in ${filters.sections.join(" or ")}`);
  if (filters.bylines?.length) parts.push(`by ${filters.bylines.join(" or ")}`);
  if (filters.after && filters.before)
    parts.push(`published ${formatDay(filters.after)} – ${formatDay(filters.before)}`);
  else if (filters.after) parts.push(`published on or after ${formatDay(filters.after)}`);
  else if (filters.before) parts.push(`published on or before ${formatDay(filters.before)}`);
  return `Only articles ${parts.join(", ")}.`;
}
