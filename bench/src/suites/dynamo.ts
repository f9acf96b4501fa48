import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { makeData, makeEvents, type Sizes, userId } from "../data.ts";
import { createClient } from "../generated/index.js";

/** Small on purpose: these are request counts, not times. */
export const DYNAMO_SIZES: Sizes = { users: 20, postsPerUser: 5, commentsPerPost: 2, insertRows: 0, streamRows: 0 };
/** Parents of the two-level include. */
export const INCLUDE_PARENTS = 10;

export interface CountRow {
  workload: string;
  /** Requests of the counted (second, warm) call, by DynamoDB operation. */
  requests: string;
  total: number;
  "physical minimum": number;
  "ratio to minimum": string;
  "how the minimum is reached": string;
  /** Requests of the first call, when they differ (table descriptions, caches). */
  "first call": number;
}

/**
 * Runs each workload twice against DynamoDB Local and counts the HTTP requests
 * of the second call with a middleware on the DynamoDBClient (every attempt,
 * retries included: it sits after the retry middleware). Each result is
 * checked against the data; a wrong answer throws.
 */
export async function dynamoCounts(sizes: Sizes = DYNAMO_SIZES, parents = INCLUDE_PARENTS): Promise<CountRow[]> {
  const local = await startDynamoLocal();
  const client = new DynamoDBClient(localClientConfig(local.endpoint));
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "unknown").replace(/Command$/, "");
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "strataBenchRequestCounter" },
  );
  const db = createClient({ driver: dynamo({ client, tablePrefix: `bench${Date.now()}_` }) });
  try {
    await db.push();
    const data = makeData(sizes);
    // createMany is atomic on DynamoDB: at most 100 items a call (a user is 2: its item and the email's unique item).
    for (let i = 0; i < data.users.length; i += 50) await db.user.createMany({ data: data.users.slice(i, i + 50) });
    for (let i = 0; i < data.posts.length; i += 100) await db.post.createMany({ data: data.posts.slice(i, i + 100) });
    for (let i = 0; i < data.comments.length; i += 100)
      await db.comment.createMany({ data: data.comments.slice(i, i + 100) });

    const rows: CountRow[] = [];
    const count = async <T>(
      workload: string,
      minimum: number,
      how: string,
      run: () => PromiseLike<T>,
      check: (result: T) => boolean,
    ) => {
      counts.clear();
      const first = await run();
      const firstTotal = [...counts.values()].reduce((a, b) => a + b, 0);
      counts.clear();
      const second = await run();
      if (!check(first) || !check(second)) throw new Error(`DynamoDB ${workload}: wrong result`);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      rows.push({
        workload,
        requests: [...counts].map(([k, v]) => `${k} ${v}`).join(", "),
        total,
        "physical minimum": minimum,
        "ratio to minimum": `${(total / minimum).toFixed(2)}x`,
        "how the minimum is reached": how,
        "first call": firstTotal,
      });
    };

    const u = data.users[3]!;
    await count(
      "findUnique by id",
      1,
      "1 GetItem (a 1-key BatchGetItem is as good)",
      () => db.user.findUnique({ where: { id: u.id } }),
      (r) => r?.email === u.email && r.createdAt.getTime() === u.createdAt.getTime(),
    );
    const authorPosts = data.posts.filter((p) => p.authorId === u.id).length;
    await count(
      "findMany by index (posts of one author)",
      1,
      "one Query on the authorId GSI",
      () => db.post.findMany({ where: { authorId: u.id } }),
      (r) => r.length === authorPosts && r.every((p) => p.authorId === u.id),
    );
    const ids = Array.from({ length: parents }, (_, i) => userId(i));
    const posts = parents * sizes.postsPerUser;
    await count(
      `include user → posts → comments (${parents} users)`,
      1 + parents + posts,
      `1 BatchGetItem + ${parents} + ${posts} GSI Queries (no batched Query)`,
      () => db.user.findMany({ where: { id: { in: ids } }, include: { posts: { include: { comments: true } } } }),
      (r) =>
        r.length === parents &&
        r.every(
          (x) =>
            x.posts.length === sizes.postsPerUser &&
            x.posts.every((p) => p.authorId === x.id && p.comments.length === sizes.commentsPerPost),
        ),
    );
    for (const n of [25, 100]) {
      await count(
        `createMany ${n} rows (no unique columns)`,
        Math.ceil(n / 100),
        `TransactWriteItems of <= 100 (atomic); BatchWriteItem would need ${Math.ceil(n / 25)}`,
        () => db.event.createMany({ data: makeEvents(n) }),
        (r) => r.count === n,
      );
    }
    return rows;
  } finally {
    await db.close();
    client.destroy();
    await local.stop();
  }
}
