import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { importHtmlPage, slugFromUrl } from "../../src/corpus/import-html.js";
import type { Article } from "../../src/corpus/types.js";

/** The article alone (the import report is tested in import-validate). */
function importHtml(html: string, options: Parameters<typeof importHtmlPage>[1]): Article {
  return importHtmlPage(html, options).article;
}

import { decodeHtml } from "../../src/corpus/import-html-decode.js";
import { parseMarkdownArticle } from "../../src/corpus/parse-markdown-article.js";
import { serializeArticle } from "../../src/corpus/serialize-article.js";
import { legacyPage, newsPage, sectionFront } from "./pages.js";

async function load(file: string) {
  return importHtml(decodeHtml(await readFile(file)).text, { source: file });
}

describe("importHtml on a news article page", async () => {
  const article = await load(newsPage);
  const body = article.paragraphs.join("\n");

  it("takes the metadata the page declares", () => {
    expect(article.title).toBe("Council approves harbour flood barrier after a decade of delays");
    expect(article.publication).toBe("The Harbour Gazette");
    // Both JSON-LD authors, not just the <meta name=author>.
    expect(article.byline).toBe("Maria Okafor and Tom Reyes");
    expect(article.published).toBe("2024-03-12T07:30:00Z");
    // The canonical link, not og:url with its tracking parameter.
    expect(article.url).toBe(
      "https://www.harbourgazette.example/news/2024/03/12/council-approves-harbour-flood-barrier",
    );
    expect(article.section).toBe("Local News");
    expect(article.dek).toBe("The £48m barrier will close the harbour mouth during storm surges from 2027.");
  });

  it("derives a stable id from the canonical URL's path", () => {
    expect(article.id).toBe("news-2024-03-12-council-approves-harbour-flood-barrier");
  });

  it("keeps the body paragraphs verbatim and in order", () => {
    expect(article.paragraphs).toHaveLength(7);
    expect(article.paragraphs[0]).toBe(
      "Councillors voted 31 to 9 on Monday night to build a flood barrier across the mouth of the harbour, ending more than ten years of argument over how to protect the old town from the sea.",
    );
    // Em dashes, curly quotes and the pound sign survive.
    expect(article.paragraphs[1]).toBe(
      "The £48m scheme — two steel gates that swing shut when a surge is forecast — will be paid for largely by the Environment Agency, with the council borrowing the remaining £11.5m over 30 years.",
    );
    expect(article.paragraphs[2]).toBe(
      "“This is the day the old town stops living in fear of every spring tide,” said the council leader, Priya Desai. “We have waited long enough.”",
    );
    // A <br> and a line break inside the paragraph become one space.
    expect(article.paragraphs[4]).toContain("six weeks each. The council said");
    // &nbsp; stays a non-breaking space, as written.
    expect(article.paragraphs[5]).toContain("said Cllr\u00a0Alan Marsh.");
    expect(article.paragraphs[6]).toBe(
      "The Environment Agency said the barrier was designed to cope with a sea-level rise of one metre by 2100.",
    );
  });

  it("drops navigation, ads, share bars, promos, captions, related links and the cookie notice", () => {
    for (const boilerplate of [
      "cookies", // consent dialog
      "Accept all",
      "What’s On", // navigation
      "Advertisement",
      "Share on", // share bar
      "Copy link",
      "Photograph:", // caption and credit
      "Workers inspect",
      "Read more", // in-body pointer to another story
      "Storm surge maps",
      "Morning Tide", // newsletter promo
      "Sign up",
      "Related stories",
      "Most read",
      "All rights reserved", // footer
      "By Maria Okafor", // byline block
      "Businesses divided", // subheadings are not paragraphs
    ]) {
      expect(body, boilerplate).not.toContain(boilerplate);
    }
  });

  it("round-trips through the corpus file format unchanged", () => {
    const back = parseMarkdownArticle(serializeArticle(article), "page.md");
    expect({ ...back, source: "" }).toEqual({ ...article, source: "" });
  });
});

describe("importHtml on other pages", () => {
  it("refuses a section front with a clear 'no article found'", async () => {
    await expect(load(sectionFront)).rejects.toThrow(/section-front\.html: no article found/);
  });

  it("reads a legacy ISO-8859-1 page with accents and Windows quotes", async () => {
    const article = await load(legacyPage);
    expect(article.title).toBe("Le Léman à 24 °C : une température record pour un mois de juin");
    expect(article.publication).toBe("Le Courrier du Lac");
    expect(article.byline).toBe("Hélène Müller");
    expect(article.published).toBe("2023-06-29");
    // No canonical URL: the id comes from the headline, accents folded.
    expect(article.url).toBeUndefined();
    expect(article.id).toBe("le-leman-a-24-c-une-temperature-record-pour-un-mois-de-juin");
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[1]).toBe(
      "« C’est un signal très net », explique François Léger, limnologue à l’université de Lausanne. « L’eau se réchauffe plus vite que prévu, et les espèces d’eau froide comme l’omble chevalier en souffrent déjà. »",
    );
    // Bytes 0x93/0x94/0x96 are “ ” – in windows-1252, which browsers use for "iso-8859-1".
    expect(article.paragraphs[2]).toContain("2 millions d’euros – une “mesure de survie”");
    expect(article.paragraphs.join("\n")).not.toMatch(/[\u0080-\u009f]|Par Hélène|Accueil|droits réservés/);
  });

  const plainPage = (
    head = "",
  ) => `<!doctype html><html><head><title>Quiet night at the lock</title>${head}</head>
    <body><h1>Quiet night at the lock</h1>
    <p>The lock keeper reported no traffic at all on Tuesday night, the first time in living memory that not a single boat passed through the gates of the old canal between dusk and dawn.</p>
    <p>Engineers said the closure of the upper basin for repairs, which began last week, explained the silence, and that traffic would return to normal once the basin reopened next month.</p>
    </body></html>`;

  it("asks for --publication when the page does not name its publication", () => {
    expect(() => importHtml(plainPage(), { source: "lock.html" })).toThrow(
      /lock\.html: the page does not name its publication.*--publication/,
    );
    const article = importHtml(plainPage(), { source: "lock.html", publication: "Canal Weekly" });
    expect(article.publication).toBe("Canal Weekly");
    expect(article.title).toBe("Quiet night at the lock");
    expect(article.paragraphs).toHaveLength(2);
    // Nothing the page does not give is invented.
    expect(article.url).toBeUndefined();
    expect(article.published).toBeUndefined();
    expect(article.byline).toBeUndefined();
  });

  it("prefers the page's own publication over --publication", () => {
    const page = plainPage('<meta property="og:site_name" content="Canal Times">');
    expect(importHtml(page, { source: "lock.html", publication: "Other" }).publication).toBe("Canal Times");
  });

  it("converts a non-ISO date to ISO and drops a non-http canonical URL", () => {
    const page = plainPage(
      '<meta property="og:site_name" content="Canal Times"><meta property="article:published_time" content="Tue, 05 Mar 2024 10:00:00 GMT"><link rel="canonical" href="ftp://example.org/x">',
    );
    const article = importHtml(page, { source: "lock.html" });
    expect(article.published).toBe("2024-03-05T10:00:00Z");
    expect(article.url).toBeUndefined();
  });
});

describe("importHtml on other page structures", () => {
  it("reads div-based paragraphs and a JSON-LD array with a string author", () => {
    const page = `<!doctype html><html><head><title>x</title>
      <script type="application/ld+json">[{"@type":"Organization","name":"Ignored"},
        {"@type":"ReportageNews","headline":"Night ferry returns","author":"Sam Lee","datePublished":"2024-05-01",
         "publisher":{"@type":"Organization","name":"Island Post"},"url":"https://islandpost.example/2024/05/night-ferry-returns/"}]</script>
      </head><body><div class="content">
      <div>The night ferry to the outer islands returns on Friday after a winter without it, the operator said on Wednesday morning.</div>
      <div>Islanders had campaigned for its return since November, when the last crossing was cancelled at a day's notice because of a fault in the engine room.</div>
      <div aria-hidden="true" class="ad"><div>Advertisement</div></div>
      </div></body></html>`;
    const article = importHtml(page, { source: "ferry.html" });
    expect(article).toMatchObject({
      id: "2024-05-night-ferry-returns",
      title: "Night ferry returns",
      publication: "Island Post",
      byline: "Sam Lee",
      published: "2024-05-01",
      url: "https://islandpost.example/2024/05/night-ferry-returns/",
    });
    expect(article.paragraphs).toHaveLength(2);
    expect(article.paragraphs[0]).toMatch(/^The night ferry to the outer islands returns on Friday/);
    expect(article.paragraphs.join("\n")).not.toContain("Advertisement");
  });
});

describe("slugFromUrl", () => {
  it("slugs the path without extension, query or host", () => {
    expect(slugFromUrl("https://example.org/world/2024/05/Flood-Gates.html?x=1")).toBe(
      "world-2024-05-flood-gates",
    );
    expect(slugFromUrl("https://example.org/")).toBeUndefined();
  });
});
