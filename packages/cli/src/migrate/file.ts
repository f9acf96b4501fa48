import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PlannedStep } from "./plan.ts";

/** One statement of a migration file, with the step it belongs to. */
export interface FileStatement {
  readonly sql: string;
  readonly step: string;
}

/** One dialect's SQL of one migration directory. */
export interface MigrationFile {
  readonly name: string;
  /** Path of the .sql file, for messages. */
  readonly file: string;
  readonly checksum: string;
  readonly statements: readonly FileStatement[];
}

export const SNAPSHOT_FILE = "snapshot.json";

/** `20250102030405_add_age`: sortable UTC timestamp, then the name as a slug. */
export function migrationName(name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "migration";
  return `${stamp}_${slug}`;
}

/** A name for a new migration in `dir` that sorts after every existing one (even within the same second). */
export function nextMigrationName(dir: string, name: string, now = new Date()): string {
  const last = listMigrations(dir).at(-1);
  const lastStamp = last ? Number(last.slice(0, 14)) : 0;
  let candidate = migrationName(name, now);
  let t = now.getTime();
  while (Number(candidate.slice(0, 14)) <= lastStamp) {
    t += 1000;
    candidate = migrationName(name, new Date(t));
  }
  return candidate;
}

/** The text of `<dialect>.sql`: a header, then `-- step n: what` before each change's statements. */
export function renderMigration(
  name: string,
  dialect: string,
  steps: readonly PlannedStep[],
  transactional: boolean,
): string {
  const lines = [
    `-- strata migration ${name} (${dialect})`,
    transactional
      ? "-- strata migrate deploy runs it in one transaction: all of it or none of it."
      : "-- DDL commits statement by statement here: a failure stops at a recorded statement (strata migrate status).",
  ];
  steps.forEach((step, i) => {
    lines.push(`-- step ${i + 1}: ${step.summary}`);
    for (const sql of step.statements) lines.push(`${sql};`);
  });
  return `${lines.join("\n")}\n`;
}

/** Statements of a migration file: lines up to one ending in `;`; comment lines name the step. */
export function parseMigration(text: string): FileStatement[] {
  const out: FileStatement[] = [];
  let step = "";
  let pending: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const stepLine = /^-- step \d+: (.*)$/.exec(trimmed);
    if (stepLine?.[1] !== undefined) step = stepLine[1];
    if (trimmed === "" || trimmed.startsWith("--")) continue;
    pending.push(line);
    if (trimmed.endsWith(";")) {
      out.push({ sql: pending.join("\n").trim().replace(/;$/, ""), step });
      pending = [];
    }
  }
  if (pending.length > 0) out.push({ sql: pending.join("\n").trim(), step });
  return out;
}

export const checksum = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Writes `dir/<name>/<dialect>.sql` for each dialect and the snapshot the migration leads to. */
export function writeMigration(
  dir: string,
  name: string,
  files: ReadonlyMap<string, string>,
  snapshotText: string,
): string {
  const target = path.join(dir, name);
  fs.mkdirSync(target, { recursive: true });
  for (const [dialect, text] of files) fs.writeFileSync(path.join(target, `${dialect}.sql`), text);
  fs.writeFileSync(path.join(target, SNAPSHOT_FILE), snapshotText);
  return target;
}

/** Migration directory names in order (their timestamps sort them). */
export function listMigrations(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export function readMigration(dir: string, name: string, dialect: string): MigrationFile | undefined {
  const file = path.join(dir, name, `${dialect}.sql`);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  return { name, file, checksum: checksum(text), statements: parseMigration(text) };
}

/** The dialects a migration directory has SQL for (`sqlite.sql` → "sqlite"). */
export function migrationDialects(dir: string, name: string): string[] {
  return fs
    .readdirSync(path.join(dir, name))
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.slice(0, -".sql".length))
    .sort();
}

/** The snapshot text of the newest migration, or undefined before the first one. */
export function latestSnapshotText(dir: string): string | undefined {
  const last = listMigrations(dir).at(-1);
  if (last === undefined) return undefined;
  const file = path.join(dir, last, SNAPSHOT_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}
