/**
 * Starts one real PostgreSQL server for the whole run (never a mock) and hands its URL to the tests
 * (`inject("postgresUrl")`); each test file makes its own database on it. NEWSDESK_TEST_DATABASE_URL
 * points the tests at an existing server instead (a superuser URL: the tests create databases).
 */
import type { TestProject } from "vitest/node";
import { type PostgresCluster, startPostgresCluster } from "../scripts/topology/postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.NEWSDESK_TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  cluster = await startPostgresCluster();
  project.provide("postgresUrl", cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.destroy();
}
