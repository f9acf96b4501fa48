import { ValidationError } from "@strata/core";
import { describe, expect } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, caught, useDb } from "./fixtures.js";

const MANY = 70_000;

/** More values than one statement can bind on MySQL (65,535 placeholders) and PostgreSQL (65,535 parameters). */
describe.each(backends)("parameter limits ($name)", (backend) => {
  const t = useDb(backend);

  itWith(
    t.capability,
    "sql",
    "an include over 70,000 parents answers exactly (keys chunked where each key is a placeholder)",
    async () => {
      const data = Array.from({ length: MANY }, (_, i) => ({
        id: `u${String(i).padStart(6, "0")}`,
        email: `p${i}@x.io`,
        name: `P${i}`,
        role: "member" as const,
      }));
      await t.db.user.createMany({ data });
      const authors = ["u000007", "u035000", "u069999"];
      await t.db.post.createMany({
        data: authors.flatMap((authorId, i) => [
          { authorId, title: `${authorId}-a`, createdAt: at(i) },
          { authorId, title: `${authorId}-b`, createdAt: at(i + 10) },
        ]),
      });
      t.log.clear();
      const users = await t.db.user.findMany({
        select: { id: true, posts: { select: { title: true }, orderBy: { createdAt: "desc" }, take: 1 } },
      });
      expect(users).toHaveLength(MANY);
      const withPosts = users
        .filter((u) => u.posts.length > 0)
        .map((u) => [u.id, u.posts.map((p) => p.title)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(withPosts).toEqual(authors.map((a) => [a, [`${a}-b`]]));
      const childReads = t.log.ops("QuerySql").length - 1;
      expect(childReads).toBe(
        t.capability().arrayParameters ? 1 : Math.ceil(MANY / Math.floor(t.capability().maxParameters / 2)),
      );
    },
  );

  itWith(
    t.capability,
    "sql",
    "an in list or OR past the backend's limit is refused before I/O, not failed by the server",
    async () => {
      const ids = Array.from({ length: MANY }, (_, i) => `nobody${i}`);
      t.log.clear();
      const inList = t.db.user.findMany({ where: { id: { in: [...ids, "u1"] } } });
      if (t.capability().arrayParameters) expect(await inList).toEqual([]);
      else {
        const err = await caught(inList);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as Error).message).toMatch(/binds 70001 values, but the backend takes at most 65535/);
      }
      const or = await caught(t.db.user.findMany({ where: { OR: ids.map((id) => ({ id })) } }));
      expect(or).toBeInstanceOf(ValidationError);
      expect((or as Error).message).toMatch(/split a long `in` list or OR/);
      const sent = t.log.ops("QuerySql").length;
      expect(sent).toBe(t.capability().arrayParameters ? 1 : 0);
    },
  );
});
