import { articlePage, type StorySpec } from "../../test/ingest/site.js";

// Words for generated stories: enough variety that every story has its own rare words.
const PLACES = [
  "harbour",
  "quay",
  "lighthouse",
  "market",
  "bridge",
  "ferry",
  "station",
  "library",
  "school",
  "museum",
];
const SUBJECTS = [
  "council",
  "trust",
  "union",
  "club",
  "authority",
  "board",
  "society",
  "charity",
  "committee",
  "court",
];

function words(n: number): string {
  // A deterministic, story-specific name ("Varnholt"): each story answers its own question.
  const syllables = ["var", "nol", "dek", "tam", "rin", "pho", "sul", "qua", "bex", "lor", "mip", "zan"];
  let name = "";
  let x = n + 7;
  for (let i = 0; i < 3; i++) {
    name += syllables[x % syllables.length];
    x = Math.floor(x / syllables.length) + i * 5 + 3;
  }
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Story `n` of the generated site: a title, six paragraphs, and a unique name to ask about. */
export function generatedStory(n: number): StorySpec & { name: string } {
  const place = PLACES[n % PLACES.length]!;
  const subject = SUBJECTS[Math.floor(n / PLACES.length) % SUBJECTS.length]!;
  const name = `${words(n)}${n}`;
  const day = String((n % 28) + 1).padStart(2, "0");
  return {
    slug: `story-${n}`,
    name,
    title: `The ${subject} backs ${name} plan for the ${place}`,
    published: `2024-04-${day}T0${n % 10}:00:00Z`,
    paragraphs: [
      `The ${subject} voted on Tuesday to back the ${name} plan for the ${place}, after a meeting that ran late into the evening and drew a crowd of residents.`,
      `Supporters said the ${name} plan would bring ${n + 12} new jobs to the ${place} within two years, while opponents warned about the cost to local taxpayers.`,
      `A spokesperson for the ${subject} said the decision followed months of consultation with businesses and neighbours around the ${place}.`,
      `Work is expected to begin in the spring, with the first phase costing ${(n % 9) + 1}.${n % 10} million pounds according to the published estimates.`,
      `Residents who spoke at the meeting raised questions about traffic, noise and the loss of parking spaces near the ${place}.`,
      `“We will keep listening,” the chair of the ${subject} said. “This is a plan for everyone who lives and works here.”`,
    ],
  };
}

/** The routes of a newsroom site with `count` generated stories and a sitemap listing them. */
export function generatedRoutes(origin: string, count: number, first = 0) {
  const routes: Record<string, { body: string; type?: string; etag?: string }> = {
    "/robots.txt": { type: "text/plain", body: "User-agent: *\nAllow: /\n" },
  };
  const urls: string[] = [];
  for (let n = first; n < first + count; n++) {
    const story = generatedStory(n);
    routes[`/news/${story.slug}`] = { body: articlePage(origin, story), etag: `"${story.slug}-1"` };
    urls.push(`<url><loc>${origin}/news/${story.slug}</loc><lastmod>${story.published}</lastmod></url>`);
  }
  routes["/sitemap.xml"] = {
    type: "application/xml",
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join("")}</urlset>`,
  };
  return routes;
}
