import type { Driver } from "@strata/core";
import { mysql, postgres, sqlite } from "@strata/driver-sql";
import { openAccounts, openBank, runTransfers } from "./app.ts";

/** STRATA_BANK_BACKEND=sqlite (default) | postgres | mysql; URLs from STRATA_PG_URL / STRATA_MYSQL_URL. */
function driverFromEnv(): Driver {
  const backend = process.env.STRATA_BANK_BACKEND ?? "sqlite";
  if (backend === "postgres")
    return postgres(process.env.STRATA_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test", { name: "bank" });
  if (backend === "mysql") return mysql(process.env.STRATA_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test");
  if (backend === "sqlite") return sqlite(process.env.STRATA_BANK_DB ?? ":memory:");
  throw new Error(`STRATA_BANK_BACKEND must be sqlite, postgres or mysql, got "${backend}"`);
}

const db = openBank(driverFromEnv());
await db.push();
const ids = await openAccounts(db, 10, 1000);
const started = Date.now();
const result = await runTransfers(db, ids, 8, 50);
console.log(
  `${result.committed} transfers committed in ${Date.now() - started} ms on ${db.driver.name}; ` +
    `${result.conflictsRetried} conflicts retried; total balance ${result.total} (expected ${ids.length * 1000})`,
);
await db.close();
