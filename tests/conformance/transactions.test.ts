import { StrataError, UniqueViolationError } from "@strata/core";
import { describe, expect } from "vitest";
import { backends, itWith } from "./backends.js";
import { caught, type Db, sorted, useDb, userData } from "./fixtures.js";

describe.each(backends)("transactions ($name)", (backend) => {
  const t = useDb(backend);
  const emails = async () => sorted((await t.db.user.findMany()).map((u) => u.email));
  const txActions = () => t.log.ops("Transaction").map((l) => (l.op.kind === "Transaction" ? l.op.action : "?"));

  itWith(t.capability, "interactiveTransactions", "commits the writes and returns the callback's value", async () => {
    const result = await t.db.transaction(async (tx) => {
      await tx.user.create({ data: userData(1) });
      await tx.user.create({ data: userData(2) });
      return "done";
    });
    expect(result).toBe("done");
    expect(await emails()).toEqual(["user1@x.io", "user2@x.io"]);
    expect(txActions()).toEqual(["begin", "commit"]);
    // Everything inside ran on the transaction's reserved connection.
    const log = t.log.ops();
    const commit = log.findIndex((l) => l.op.kind === "Transaction" && l.op.action === "commit");
    const inside = log.slice(1, commit);
    const perCreate = t.capability().returning ? ["Insert"] : ["Insert", "QuerySql"];
    expect(log[0]?.kind).toBe("Transaction");
    expect(inside.map((l) => l.kind)).toEqual([...perCreate, ...perCreate]);
    expect(inside.every((l) => l.onConnection)).toBe(true);
  });

  itWith(t.capability, "interactiveTransactions", "reads inside see the transaction's own writes", async () => {
    const seen = await t.db.transaction(async (tx) => {
      const u = await tx.user.create({ data: userData(1) });
      await tx.user.update({ where: { id: u.id }, data: { age: { increment: 0 }, name: "inside" } });
      return [await tx.user.count(), (await tx.user.findUniqueOrThrow({ where: { id: u.id } })).name];
    });
    expect(seen).toEqual([1, "inside"]);
  });

  itWith(
    t.capability,
    "interactiveTransactions",
    "a throw rolls everything back and rethrows the same error",
    async () => {
      await t.db.user.create({ data: userData(0) });
      const boom = new Error("boom");
      const err = await caught(
        t.db.transaction(async (tx) => {
          await tx.user.create({ data: userData(1) });
          await tx.user.updateMany({ data: { name: "changed" } });
          throw boom;
        }),
      );
      expect(err).toBe(boom);
      expect(await emails()).toEqual(["user0@x.io"]);
      expect((await t.db.user.findFirstOrThrow()).name).toBe("User 0");
      expect(txActions()).toEqual(["begin", "rollback"]);
    },
  );

  itWith(t.capability, "interactiveTransactions", "a failing query rolls back the earlier writes", async () => {
    const err = await caught(
      t.db.transaction(async (tx) => {
        await tx.user.create({ data: userData(1) });
        await tx.user.create({ data: userData(2) });
        await tx.user.create({ data: userData(1) });
      }),
    );
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).model).toBe("User");
    expect(await t.db.user.count()).toBe(0);
  });

  itWith(t.capability, "savepoints", "a nested transaction that fails rolls back only its own writes", async () => {
    const inner = new Error("inner");
    await t.db.transaction(async (tx) => {
      await tx.user.create({ data: userData(1) });
      const err = await caught(
        tx.transaction(async (nested) => {
          await nested.user.create({ data: userData(2) });
          throw inner;
        }),
      );
      expect(err).toBe(inner);
      expect(await tx.user.count()).toBe(1);
      await tx.user.create({ data: userData(3) });
    });
    expect(await emails()).toEqual(["user1@x.io", "user3@x.io"]);
    expect(txActions()).toEqual(["begin", "savepoint", "rollbackToSavepoint", "commit"]);
  });

  itWith(
    t.capability,
    "savepoints",
    "a nested transaction that succeeds is kept, unless the outer one fails",
    async () => {
      await t.db.transaction(async (tx) => {
        await tx.transaction(async (nested) => {
          await nested.user.create({ data: userData(1) });
        });
      });
      expect(await emails()).toEqual(["user1@x.io"]);
      expect(txActions()).toEqual(["begin", "savepoint", "releaseSavepoint", "commit"]);
      const outer = new Error("outer");
      const err = await caught(
        t.db.transaction(async (tx) => {
          await tx.transaction(async (nested) => {
            await nested.user.create({ data: userData(2) });
          });
          throw outer;
        }),
      );
      expect(err).toBe(outer);
      expect(await emails()).toEqual(["user1@x.io"]);
    },
  );

  itWith(t.capability, "savepoints", "savepoints nest two deep", async () => {
    await t.db.transaction(async (tx) => {
      await tx.user.create({ data: userData(1) });
      await tx.transaction(async (a) => {
        await a.user.create({ data: userData(2) });
        await caught(
          a.transaction(async (b) => {
            await b.user.create({ data: userData(3) });
            throw new Error("deepest");
          }),
        );
      });
    });
    expect(await emails()).toEqual(["user1@x.io", "user2@x.io"]);
  });

  itWith(
    t.capability,
    "interactiveTransactions",
    "a transaction client used after its callback returned throws",
    async () => {
      let escaped: Db | undefined;
      await t.db.transaction(async (tx) => {
        escaped = tx;
        await tx.user.create({ data: userData(1) });
      });
      t.log.clear();
      const err = await caught(escaped!.user.create({ data: userData(2) }));
      expect(err).toBeInstanceOf(StrataError);
      expect((err as Error).message).toMatch(/transaction/i);
      expect(t.log.ops()).toEqual([]);
      expect(await emails()).toEqual(["user1@x.io"]);
    },
  );

  itWith(
    t.capability,
    "interactiveTransactions",
    "delete and upsert inside a transaction roll back with it",
    async () => {
      const u = await t.db.user.create({ data: userData(1) });
      await caught(
        t.db.transaction(async (tx) => {
          await tx.user.delete({ where: { id: u.id } });
          await tx.user.upsert({
            where: { email: "new@x.io" },
            create: userData(2, { email: "new@x.io" }),
            update: {},
          });
          expect(await tx.user.count()).toBe(1);
          throw new Error("undo");
        }),
      );
      expect(await emails()).toEqual(["user1@x.io"]);
    },
  );
});
