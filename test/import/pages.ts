import path from "node:path";
import { repoRoot } from "../support/paths.js";

/** Fixture pages written for the importer tests. */
export const pagesDir = path.join(repoRoot, "test/fixtures/pages");
export const newsPage = path.join(pagesDir, "harbour-flood-barrier.html");
export const sectionFront = path.join(pagesDir, "section-front.html");
export const legacyPage = path.join(pagesDir, "courrier-leman-cp1252.html");
