/**
 * The corpus layer's second front door: turning web pages and import files (HTML, JSONL, plain text) into
 * articles. Kept apart from `index.ts` because it loads an HTML parser that readers of the corpus never need.
 */
export { type ImportedArticle, readImportFile } from "./import-files.js";
export { importHtmlPage } from "./import-html.js";
export { decodeHtml } from "./import-html-decode.js";
export { PAGE_BUDGET, type PageBudget } from "./page-budget.js";
