import { sqlite } from "@strata/driver-sql";
import Database from "better-sqlite3";
import { makeEvents } from "./data.ts";
import { createClient } from "./generated/index.ts";

const db = createClient({ driver: sqlite("/tmp/prof/p4.db") });
await db.push();
const raw = new Database("/tmp/prof/p4.db");
const CHUNK = 1000;
const ins = raw.prepare(
  `INSERT INTO "events" ("id", "kind", "amount", "at") VALUES ${Array.from({ length: CHUNK }, () => "(?, ?, ?, ?)").join(", ")}`,
);
const rawRun = raw.transaction((rows: ReturnType<typeof makeEvents>) => {
  for (let i = 0; i < rows.length; i += CHUNK)
    ins.run(rows.slice(i, i + CHUNK).flatMap((r) => [r.id, r.kind, r.amount, r.at.getTime()]));
});
const N = 20;
const time = async (f: () => unknown) => {
  const t = performance.now();
  for (let i = 0; i < N; i++) await f();
  return (performance.now() - t) / N;
};
for (let k = 0; k < 4; k++) {
  const a = await time(() => rawRun(makeEvents(10000)));
  const b = await time(() => db.event.createMany({ data: makeEvents(10000) }));
  const c = await time(() => makeEvents(10000));
  console.log(`raw ${a.toFixed(2)} strata ${b.toFixed(2)} ratio ${(b / a).toFixed(2)} (makeEvents ${c.toFixed(2)})`);
}
await db.close();
