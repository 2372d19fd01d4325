/** A migration step of the tests only: a million-row table, so processes overlap inside the migration. */
export const SLOW_STEP = {
  version: 1_000,
  name: "slow test step",
  statements: () => [
    `CREATE TABLE slow_step AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)
     SELECT x FROM c`,
  ],
};
