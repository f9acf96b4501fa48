import { CancelledError, StrataError, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { at, caught, expectValidation, loose, seedUsers, useDb } from "./fixtures.js";
import { createClient } from "./generated/index.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(backends)("stream ($name)", (backend) => {
  const t = useDb(backend);

  it("yields every row exactly once, in order, across batches", async () => {
    const users = await seedUsers(t.db, 25);
    for (const batchSize of [1, 4, 25, 1000]) {
      const seen: string[] = [];
      for await (const row of t.db.user.stream({ orderBy: { email: "asc" }, batchSize })) seen.push(row.email);
      expect(seen).toEqual(users.map((u) => u.email));
    }
  });

  it("next() called again before the last one settled still hands out every row once, in order", async () => {
    const users = await seedUsers(t.db, 7);
    const it = t.db.user.stream({ orderBy: { email: "asc" }, batchSize: 3 })[Symbol.asyncIterator]();
    // Nine calls at once: seven rows, then done twice.
    const results = await Promise.all(Array.from({ length: 9 }, () => it.next()));
    expect(results.map((r) => (r.done ? "done" : r.value.email))).toEqual([
      ...users.map((u) => u.email),
      "done",
      "done",
    ]);
  });

  it("rows are whole decoded rows, like findMany's", async () => {
    await seedUsers(t.db, 3, (i) => ({ balance: 2n ** 62n + BigInt(i), createdAt: at(i) }));
    const streamed = [];
    for await (const row of t.db.user.stream({ orderBy: { email: "asc" }, batchSize: 2 })) streamed.push(row);
    expect(streamed).toEqual(await t.db.user.findMany({ orderBy: { email: "asc" } }));
    expect(streamed[2]!.balance).toBe(2n ** 62n + 2n);
    expect(streamed[1]!.createdAt).toBeInstanceOf(Date);
  });

  it("honours where, select and include", async () => {
    const users = await seedUsers(t.db, 10, (i) => ({ role: i % 2 === 0 ? "admin" : "member" }));
    await t.db.post.create({ data: { authorId: users[0]!.id, title: "t0", createdAt: at(0) } });
    await t.db.post.create({ data: { authorId: users[4]!.id, title: "t4", createdAt: at(0) } });
    const seen: [string, string[]][] = [];
    for await (const row of t.db.user.stream({
      where: { role: "admin" },
      orderBy: { email: "desc" },
      batchSize: 2,
      select: { email: true, posts: { select: { title: true } } },
    })) {
      expect(Object.keys(row).sort()).toEqual(["email", "posts"]);
      seen.push([row.email, row.posts.map((p) => p.title)]);
    }
    expect(seen).toEqual(
      [8, 6, 4, 2, 0].map((i) => [users[i]!.email, i === 0 ? ["t0"] : i === 4 ? ["t4"] : []] as [string, string[]]),
    );
  });

  it("updating streamed rows inside the loop (so they stop matching) still visits every row once", async () => {
    const users = await seedUsers(t.db, 45, (i) => ({ age: i % 5 === 0 ? null : i % 7 }));
    const seen: string[] = [];
    for await (const row of t.db.user.stream({ where: { active: true }, batchSize: 5 })) {
      seen.push(row.email);
      await t.db.user.update({ where: { id: row.id }, data: { active: false } });
    }
    expect(seen.sort()).toEqual(users.map((u) => u.email).sort());
    expect(await t.db.user.count({ where: { active: true } })).toBe(0);
    // Ordered by a nullable field (ties and NULLs across page edges), while the loop deletes what it saw.
    await t.db.user.updateMany({ data: { active: true } });
    const ordered: string[] = [];
    for await (const row of t.db.user.stream({ orderBy: [{ age: "desc" }, { name: "asc" }], batchSize: 4 })) {
      ordered.push(row.email);
      await t.db.user.delete({ where: { id: row.id } });
    }
    const expected = [...users]
      .sort((a, b) => (b.age ?? -1) - (a.age ?? -1) || (a.name < b.name ? -1 : 1))
      .map((u) => u.email);
    expect(ordered).toEqual(expected);
    expect(await t.db.user.count()).toBe(0);
  });

  it("50 streams abandoned without break are closed after idleTimeoutMs: the pool still serves", async () => {
    await seedUsers(t.db, 6);
    for (let i = 0; i < 50; i++) {
      const it = t.db.user.stream({ batchSize: 2, idleTimeoutMs: 40 })[Symbol.asyncIterator]();
      expect((await it.next()).done).toBe(false);
      // Dropped here, without return(): only the idle bound gives its connection back.
    }
    await sleep(100);
    expect(await t.db.user.count()).toBe(6);
    await Promise.all(Array.from({ length: 8 }, () => t.db.user.findMany()));
  });

  it("a stream closed for being idle says so; one consumed steadily is never closed", async () => {
    await seedUsers(t.db, 6);
    const dropped = t.db.user.stream({ batchSize: 2, idleTimeoutMs: 30 })[Symbol.asyncIterator]();
    await dropped.next();
    await sleep(90);
    const err = await caught(dropped.next());
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toMatch(/idleTimeoutMs/);
    let n = 0;
    for await (const _ of t.db.user.stream({ batchSize: 2, idleTimeoutMs: 60 })) {
      n++;
      await sleep(25);
    }
    expect(n).toBe(6);
    await expectValidation(loose(t.db).user.stream({ idleTimeoutMs: -1 })[Symbol.asyncIterator]().next(), [
      "idleTimeoutMs",
    ]);
  });

  it("db.close() ends the streams still open (it would otherwise wait for their connections)", async () => {
    const { driver, cleanup } = await backend.open();
    const db = createClient({ driver, ...backend.clientOptions });
    try {
      await db.push();
      await seedUsers(db, 5);
      const open = db.user.stream({ batchSize: 1 })[Symbol.asyncIterator]();
      await open.next();
      const closed = await Promise.race([db.close().then(() => "closed"), sleep(5_000).then(() => "hung")]);
      expect(closed).toBe("closed");
      expect((await open.next()).done).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it("an empty result yields nothing", async () => {
    let n = 0;
    for await (const _ of t.db.user.stream({ batchSize: 3 })) n++;
    expect(n).toBe(0);
  });

  it("the consumer may run queries inside the loop", async () => {
    await seedUsers(t.db, 6);
    let checked = 0;
    for await (const row of t.db.user.stream({ orderBy: { email: "asc" }, batchSize: 2 })) {
      const again = await t.db.user.findUniqueOrThrow({ where: { id: row.id } });
      expect(again.email).toBe(row.email);
      checked++;
    }
    expect(checked).toBe(6);
  });

  it("an AbortSignal stops the stream with CancelledError", async () => {
    await seedUsers(t.db, 25);
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await caught(async () => {
      for await (const row of t.db.user.stream({
        orderBy: { email: "asc" },
        batchSize: 5,
        signal: controller.signal,
      })) {
        seen.push(row.email);
        if (seen.length === 7) controller.abort();
      }
    });
    expect(err).toBeInstanceOf(CancelledError);
    expect(err).toBeInstanceOf(StrataError);
    expect((err as CancelledError).code).toBe("CANCELLED");
    // Rows already fetched may still arrive, but never the whole table.
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(seen.length).toBeLessThan(25);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("an already aborted signal yields no rows", async () => {
    await seedUsers(t.db, 3);
    const controller = new AbortController();
    controller.abort();
    let n = 0;
    const err = await caught(async () => {
      for await (const _ of t.db.user.stream({ batchSize: 2, signal: controller.signal })) n++;
    });
    expect(err).toBeInstanceOf(CancelledError);
    expect(n).toBe(0);
  });

  it("breaking out of the loop early is fine and the client keeps working", async () => {
    await seedUsers(t.db, 10);
    let n = 0;
    for await (const _ of t.db.user.stream({ batchSize: 3 })) if (++n === 4) break;
    expect(n).toBe(4);
    expect(await t.db.user.count()).toBe(10);
  });

  it("a cursor is refused with UnsupportedError", async () => {
    const [first] = await seedUsers(t.db, 2);
    t.log.clear();
    const err = await caught(async () => {
      for await (const _ of t.db.user.stream({ cursor: { id: first!.id }, batchSize: 2 })) {
        // not reached
      }
    });
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as UnsupportedError).capability).toBe("cursorInStream");
    expect(t.log.ops()).toEqual([]);
  });

  it("bad arguments are refused with ValidationError before any I/O", async () => {
    await seedUsers(t.db, 2);
    const drain = (args: unknown) => async () => {
      for await (const _ of loose(t.db).user.stream(args)) {
        // not reached
      }
    };
    for (const [args, path] of [
      [{ batchSize: 0 }, ["batchSize"]],
      [{ batchSize: 1.5 }, ["batchSize"]],
      [{ where: { nope: 1 } }, ["where", "nope"]],
      [{ where: { age: { contains: "1" } } }, ["where", "age", "contains"]],
    ] as const) {
      t.log.clear();
      await expectValidation(drain(args)(), [...path]);
      expect(t.log.ops()).toEqual([]);
    }
  });
});
