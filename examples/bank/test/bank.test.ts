import { sqlite } from "@strata/driver-sql";
import { expect, it } from "vitest";
import { openAccounts, openBank, runTransfers } from "../src/app.ts";

it("keeps the total balance on SQLite with concurrent transfers", async () => {
  const db = openBank(sqlite(":memory:"));
  await db.push();
  const ids = await openAccounts(db, 10, 100);
  const result = await runTransfers(db, ids, 4, 25);
  expect(result.committed).toBe(100);
  expect(result.total).toBe(1000);
  expect(await db.transfer.count()).toBe(100);
  await db.close();
});
