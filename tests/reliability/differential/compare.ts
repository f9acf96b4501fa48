import { StrataError, UnsupportedError } from "@strata/core";
import type { RuntimeClient } from "../runtime-schema.js";
import { hasRelationFilter, type QuerySpec, tagged } from "./queries.js";

export interface Opened {
  name: string;
  db: RuntimeClient;
  /** SQL backends evaluate relation filters (Capability.sql); DynamoDB refuses them with UnsupportedError. */
  relationFilters: boolean;
}

type Outcome = { ok: string } | { error: string };

/** Rows as comparable text: ordered when the query (or include) has an orderBy, else as a sorted set. */
function canonical(spec: QuerySpec, result: unknown): string {
  if (spec.op === "count") return tagged.stringify(result);
  const rows = (result as Record<string, unknown>[]).map((row) => {
    const posts = row.posts;
    const include = spec.args.include as { posts?: true | { orderBy?: unknown } } | undefined;
    const postsOrdered = typeof include?.posts === "object" && include.posts.orderBy !== undefined;
    if (!Array.isArray(posts) || postsOrdered) return tagged.stringify(row);
    return tagged.stringify({ ...row, posts: posts.map((p) => tagged.stringify(p)).sort() });
  });
  return spec.args.orderBy === undefined ? JSON.stringify(rows.sort()) : JSON.stringify(rows);
}

async function outcome(db: RuntimeClient, spec: QuerySpec): Promise<Outcome> {
  try {
    const result = await db.model(spec.model)[spec.op](spec.args);
    return { ok: canonical(spec, result) };
  } catch (err) {
    if (!(err instanceof StrataError)) throw err;
    return { error: `${err.constructor.name}(${err.code}): ${err.message}` };
  }
}

export interface Verdict {
  /** Backends whose result was compared with the reference (SQLite). */
  compared: string[];
  /** Backends that refused as expected (DynamoDB and relation filters). */
  refused: string[];
  /** Whether the reference backend answered with an error (every backend must then fail alike). */
  errored: boolean;
  /** Whether the reference answered an empty list or a zero count. */
  empty: boolean;
  /** Set when two backends disagree: what each answered. */
  disagreement?: Record<string, Outcome>;
}

/**
 * Runs one query on every backend at once and compares each outcome with the
 * first backend's. A backend without relation filters must refuse a query that
 * has one with UnsupportedError, and answer every other query like the rest.
 */
export async function runEverywhere(opened: readonly Opened[], spec: QuerySpec): Promise<Verdict> {
  const relational = hasRelationFilter(spec.args);
  const outcomes = await Promise.all(opened.map((o) => outcome(o.db, spec)));
  const reference = outcomes[0]!;
  const verdict: Verdict = {
    compared: [],
    refused: [],
    errored: "error" in reference,
    empty: "ok" in reference && (reference.ok === "[]" || reference.ok === "0"),
  };
  const all: Record<string, Outcome> = {};
  let same = true;
  opened.forEach((backend, i) => {
    const got = outcomes[i]!;
    all[backend.name] = got;
    if (relational && !backend.relationFilters) {
      // Refused by capability, or the same error as everywhere (invalid input is reported before the refusal).
      const refused = "error" in got && got.error.startsWith(`${UnsupportedError.name}(`);
      if (refused) verdict.refused.push(backend.name);
      else if (!("error" in reference) || JSON.stringify(got) !== JSON.stringify(reference)) same = false;
      return;
    }
    verdict.compared.push(backend.name);
    if (JSON.stringify(got) !== JSON.stringify(reference)) same = false;
  });
  if (!same) verdict.disagreement = all;
  return verdict;
}

/** The first differing row of each backend against the reference, short enough to read in a failure. */
export function explainDisagreement(all: Record<string, Outcome>): string {
  const entries = Object.entries(all);
  const [refName, ref] = entries[0]!;
  const rows = (o: Outcome): string[] =>
    "ok" in o && o.ok.startsWith("[") ? (JSON.parse(o.ok) as string[]) : [JSON.stringify(o)];
  const lines = [`${refName}: ${rows(ref).length} rows`];
  for (const [name, o] of entries.slice(1)) {
    if (JSON.stringify(o) === JSON.stringify(ref)) continue;
    const a = rows(ref);
    const b = rows(o);
    const i = a.findIndex((row, k) => row !== b[k]);
    const at = i === -1 ? a.length : i;
    lines.push(
      `${name}: ${b.length} rows; first difference at ${at}: ${refName}=${a[at] ?? "-"} ${name}=${b[at] ?? "-"}`,
    );
  }
  return lines.join("\n");
}
