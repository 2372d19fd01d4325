import { NewsdeskError } from "../errors.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import type { Served } from "./detect.js";
import { FetchError } from "./http-get.js";
import type { IngestRun, StoryHints } from "./ingest-types.js";
import { politeGet } from "./polite-get.js";
import { htmlText, storyPage } from "./synthetic-page.js";

interface WpPost {
  link?: unknown;
  date_gmt?: unknown;
  modified_gmt?: unknown;
  title?: { rendered?: unknown };
  content?: { rendered?: unknown };
  _embedded?: { author?: Array<{ name?: unknown }>; "wp:term"?: unknown };
}

/** WordPress's own default category: it says nothing about the desk. */
const UNCATEGORIZED = /^(uncategori[sz]ed)$/i;
/** A post with hundreds of tags keeps its first ones: a section is a line, not a tag cloud. */
const MAX_SECTION_TERMS = 12;

/**
 * The post's categories, then its tags (`_embedded["wp:term"]`: one list per taxonomy), as one section
 * text ("Politics, Elections"): `section:` matches any of them. Unknown shapes are skipped, not fatal.
 */
function sectionOf(post: WpPost): string | undefined {
  const lists = post._embedded?.["wp:term"];
  if (!Array.isArray(lists)) return undefined;
  const names: { category: string[]; post_tag: string[] } = { category: [], post_tag: [] };
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const term of list as Array<{ taxonomy?: unknown; name?: unknown } | null>) {
      const taxonomy = term?.taxonomy;
      const name = str(term?.name);
      if ((taxonomy !== "category" && taxonomy !== "post_tag") || !name) continue;
      // Term names carry entities ("Arts &amp; Culture"); most carry none and skip the parser.
      const plain = /[&<]/.test(name) ? htmlText(name) : name.replace(/\s+/g, " ").trim();
      if (plain && !UNCATEGORIZED.test(plain) && !names[taxonomy].includes(plain))
        names[taxonomy].push(plain);
    }
  }
  const all = [...names.category, ...names.post_tag].slice(0, MAX_SECTION_TERMS);
  return all.length > 0 ? all.join(", ") : undefined;
}

const str = (value: unknown) => (typeof value === "string" && value.trim() ? value : undefined);
// The API gives GMT times without an offset.
const gmt = (value: unknown) => (str(value) ? `${str(value)}Z` : undefined);

function postsEndpoint(url: string, served: Served): string {
  if (served.kind === "wordpress-site")
    return new URL("wp/v2/posts", served.api.endsWith("/") ? served.api : `${served.api}/`).href;
  if (served.kind === "wordpress-root")
    return new URL("wp/v2/posts", url.endsWith("/") ? url : `${url}/`).href;
  const endpoint = new URL(url);
  endpoint.search = "";
  return endpoint.href;
}

async function siteName(run: IngestRun, endpoint: string): Promise<string | undefined> {
  try {
    const root = new URL("../../", endpoint).href;
    const result = await politeGet(run, root, undefined, "application/json");
    const json = JSON.parse(Buffer.from(result.body).toString("utf8")) as { name?: unknown };
    return str(json.name);
  } catch {
    return undefined;
  }
}

type Entries = { url: string; hints: StoryHints; page?: string }[];

/**
 * A WordPress site through its REST API: posts page by page (`per_page`, `page`, oldest change
 * first), and on later polls only those modified after the newest change already imported
 * (`modified_after`). Each post's rendered content is read like a page.
 */
export async function ingestWordpress(
  run: IngestRun,
  url: string,
  served: Served,
  stories: (entries: Entries) => Promise<void>,
): Promise<void> {
  const endpoint = postsEndpoint(url, served);
  const publication =
    run.publication ??
    (served.kind === "wordpress-root" ? served.name : undefined) ??
    (await siteName(run, endpoint));
  const since = run.state.wordpress[endpoint];
  const changes = { newest: since };
  for (let page = 1; page <= INGEST_DEFAULTS.wordpressMaxPages; page++) {
    const request = pageRequest(endpoint, page, since);
    const fetched = await fetchPosts(run, request, page);
    if (!fetched) break;
    const entries: Entries = [];
    for (const post of fetched.posts) {
      const entry = postEntry(post, publication);
      if (!entry) continue;
      const { modified } = entry.hints;
      if (modified && (!changes.newest || modified > `${changes.newest}Z`))
        changes.newest = modified.slice(0, -1);
      entries.push(entry);
    }
    await stories(entries);
    const totalPages = Number(fetched.totalPages);
    if (fetched.posts.length < INGEST_DEFAULTS.wordpressPerPage && !(totalPages > page)) break;
    if (Number.isFinite(totalPages) && totalPages > 0 && page >= totalPages) break;
  }
  if (changes.newest && !run.incomplete) run.state.wordpress[endpoint] = changes.newest;
}

/** One page of posts, oldest change first, with authors and terms embedded. */
function pageRequest(endpoint: string, page: number, since: string | undefined): URL {
  const request = new URL(endpoint);
  request.searchParams.set("per_page", String(INGEST_DEFAULTS.wordpressPerPage));
  request.searchParams.set("page", String(page));
  request.searchParams.set("orderby", "modified");
  request.searchParams.set("order", "asc");
  // Authors for the byline, terms (categories and tags) for the section.
  request.searchParams.set("_embed", "author,wp:term");
  if (since) request.searchParams.set("modified_after", since);
  return request;
}

/** The page's posts and the API's page count; undefined past the last page. */
async function fetchPosts(
  run: IngestRun,
  request: URL,
  page: number,
): Promise<{ posts: WpPost[]; totalPages: string | null } | undefined> {
  let result: Awaited<ReturnType<typeof politeGet>>;
  try {
    result = await politeGet(run, request.href, undefined, "application/json");
  } catch (error) {
    // Past the last page the API answers 400 (rest_post_invalid_page_number).
    if (page > 1 && error instanceof FetchError && error.status === 400) return undefined;
    throw error;
  }
  let posts: WpPost[];
  try {
    posts = JSON.parse(Buffer.from(result.body).toString("utf8")) as WpPost[];
  } catch (cause) {
    throw new NewsdeskError(
      "ingest_wordpress_json",
      `${request.href}: the WordPress API sent JSON that cannot be parsed.`,
      { cause },
    );
  }
  if (!Array.isArray(posts))
    throw new NewsdeskError(
      "ingest_wordpress_json",
      `${request.href}: the WordPress API did not send a list of posts.`,
    );
  return { posts, totalPages: result.headers.get("x-wp-totalpages") };
}

/** A post as a story page; undefined for a broken entry (a null, a number, no link or no content). */
function postEntry(post: WpPost, publication: string | undefined): Entries[number] | undefined {
  if (!post || typeof post !== "object") return undefined;
  const link = str(post.link);
  const content = str(post.content?.rendered);
  if (!link || !content) return undefined;
  const published = gmt(post.date_gmt);
  const modified = gmt(post.modified_gmt);
  const title = str(post.title?.rendered);
  const byline = str(post._embedded?.author?.[0]?.name);
  const section = sectionOf(post);
  const hints: StoryHints = {};
  if (published) hints.published = published;
  if (modified) hints.modified = modified;
  if (modified) hints.stamp = modified;
  const page = storyPage({
    url: link,
    contentHtml: content,
    ...(title ? { title: htmlText(title) } : {}),
    ...(publication ? { publication } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(byline ? { byline } : {}),
    ...(section ? { section } : {}),
  });
  return { url: link, hints, page };
}
