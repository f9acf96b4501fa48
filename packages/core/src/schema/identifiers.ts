import { ValidationError, type ValidationIssue } from "../errors.ts";
import type { AppSchema } from "./app.ts";
import type { DbSchema } from "./db.ts";

/** What one backend accepts as the name of one kind of object (table, column, index, foreign key). */
export interface IdentifierRule {
  /** Most UTF-8 bytes the backend keeps (PostgreSQL silently cuts longer names to 63). */
  readonly maxBytes?: number;
  /** Most characters (code points) the backend accepts (MySQL: 64). */
  readonly maxChars?: number;
  /** Fewest characters (DynamoDB table and index names: 3). */
  readonly minChars?: number;
  /** The name may not end with ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return (MySQL). */
  readonly noTrailingWhitespace?: boolean;
  /** Only Basic Multilingual Plane characters (MySQL refuses U+10000 and above in names). */
  readonly bmpOnly?: boolean;
  /** A prefix the backend keeps for itself, compared case-insensitively (SQLite's `sqlite_`). */
  readonly reservedPrefix?: string;
  /** Every character must match (DynamoDB: `[A-Za-z0-9_.-]`), with the words a message uses for it. */
  readonly allowed?: { readonly pattern: RegExp; readonly description: string };
}

/**
 * A backend's rules for the names in a db schema, read before any I/O. Every
 * backend refuses an empty name and NUL; these add the rest. Without them a
 * name the backend cannot keep fails at push time, or worse, is silently
 * shortened so that two names become one.
 */
export interface IdentifierRules {
  /** The backend as messages name it ("PostgreSQL"). */
  readonly backend: string;
  readonly table: IdentifierRule;
  readonly column: IdentifierRule;
  readonly index: IdentifierRule;
  readonly foreignKey: IdentifierRule;
  /** Two column names of one table that differ only in letter case are one column (SQLite, MySQL). */
  readonly caseInsensitiveColumns: boolean;
  /** Table names that differ only in letter case are one table (SQLite). */
  readonly caseInsensitiveTables: boolean;
  /** Where index names must be unique: among all tables and indexes (PostgreSQL, SQLite) or per table (MySQL). */
  readonly indexNamespace: "schema" | "table";
  /** Where foreign key names must be unique: in the whole database (MySQL) or per table. */
  readonly foreignKeyNamespace: "schema" | "table";
}

const utf8 = new TextEncoder();

/** The first problem a name has under `rule`, as a sentence, or undefined. */
export function identifierProblem(name: string, rule: IdentifierRule, backend: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.includes("\0")) return "contains a NUL character (\\0), which no backend keeps in a name";
  const chars = [...name];
  if (rule.minChars !== undefined && chars.length < rule.minChars)
    return `has ${chars.length} characters; ${backend} needs at least ${rule.minChars}`;
  if (rule.maxChars !== undefined && chars.length > rule.maxChars)
    return `has ${chars.length} characters; ${backend} takes at most ${rule.maxChars}`;
  const bytes = utf8.encode(name).length;
  if (rule.maxBytes !== undefined && bytes > rule.maxBytes)
    return `is ${bytes} bytes in UTF-8; ${backend} keeps at most ${rule.maxBytes} (it would cut the rest silently)`;
  if (rule.noTrailingWhitespace && /[ \t\n\v\f\r]$/.test(name))
    return `ends with white space (${JSON.stringify(name.slice(-1))}), which ${backend} refuses`;
  if (rule.bmpOnly) {
    const wide = chars.find((c) => (c.codePointAt(0) ?? 0) > 0xffff);
    if (wide !== undefined)
      return `contains ${JSON.stringify(wide)} (U+${wide.codePointAt(0)?.toString(16).toUpperCase()}); ${backend} takes only characters up to U+FFFF in names`;
  }
  if (rule.reservedPrefix !== undefined && name.toLowerCase().startsWith(rule.reservedPrefix))
    return `starts with "${rule.reservedPrefix}", which ${backend} keeps for itself`;
  if (rule.allowed) {
    const bad = chars.find((c) => !rule.allowed?.pattern.test(c));
    if (bad !== undefined) return `contains ${JSON.stringify(bad)}; ${backend} takes only ${rule.allowed.description}`;
  }
  return undefined;
}

/**
 * Checks every table, column, index and foreign key name of `db` against a
 * backend's rules, and that no two of them become one (letter case, shared
 * namespaces). Throws one ValidationError listing every problem, each with the
 * model and field it comes from and what to change; nothing has touched the
 * database yet.
 */
export function checkIdentifiers(app: AppSchema, db: DbSchema, rules: IdentifierRules): void {
  const issues: ValidationIssue[] = [];
  const { backend } = rules;
  const modelOf = new Map(app.models.map((m) => [m.table, m]));
  const add = (path: string[], what: string, name: string, problem: string, fix: string) =>
    issues.push({ path, code: "invalid_identifier", message: `${what} ${JSON.stringify(name)} ${problem}: ${fix}` });
  const fold = (name: string, insensitive: boolean) => (insensitive ? name.toLowerCase() : name);

  const schemaNames = new Map<string, string>();
  const foreignKeyNames = new Map<string, string>();
  const claim = (names: Map<string, string>, key: string, owner: string): string | undefined => {
    const before = names.get(key);
    if (before === undefined) names.set(key, owner);
    return before;
  };

  for (const t of db.tables) {
    const model = modelOf.get(t.name);
    const modelName = model?.name ?? t.name;
    const tableProblem = identifierProblem(t.name, rules.table, backend);
    if (tableProblem)
      add([modelName], "table name", t.name, tableProblem, `set a shorter or plainer @model({ table: "..." })`);
    const tableClash = claim(schemaNames, fold(t.name, rules.caseInsensitiveTables), `table of model ${modelName}`);
    if (tableClash)
      add([modelName], "table name", t.name, `is the same name as the ${tableClash} for ${backend}`, "rename one");

    const columns = new Map<string, string>();
    for (const c of t.columns) {
      const field = model?.fields.find((f) => (f.column ?? f.name) === c.name)?.name ?? c.name;
      const problem = identifierProblem(c.name, rules.column, backend);
      if (problem)
        add(
          [modelName, field],
          "column name",
          c.name,
          problem,
          `set @field({ column: "..." }) to a name ${backend} keeps`,
        );
      const key = fold(c.name, rules.caseInsensitiveColumns);
      const clash = columns.get(key);
      if (clash !== undefined)
        add(
          [modelName, field],
          "column name",
          c.name,
          `is the same column as field ${clash}'s for ${backend} (letter case does not count)`,
          "rename one column",
        );
      else columns.set(key, field);
    }

    const tableIndexes = new Set<string>();
    for (const i of t.indexes) {
      const problem = identifierProblem(i.name, rules.index, backend);
      if (problem)
        add(
          [modelName, `index ${i.name}`],
          "index name",
          i.name,
          problem,
          `give the @index/@unique a { name: "..." } that ${backend} keeps`,
        );
      const clash =
        rules.indexNamespace === "schema"
          ? claim(schemaNames, i.name, `index of model ${modelName}`)
          : tableIndexes.has(i.name)
            ? "another index of this table"
            : undefined;
      tableIndexes.add(i.name);
      if (clash)
        add(
          [modelName, `index ${i.name}`],
          "index name",
          i.name,
          `is also the name of the ${clash}`,
          'give it another { name: "..." }',
        );
    }

    const tableKeys = new Set<string>();
    for (const fk of t.foreignKeys) {
      const problem = identifierProblem(fk.name, rules.foreignKey, backend);
      if (problem)
        add(
          [modelName, `foreign key ${fk.name}`],
          "foreign key name",
          fk.name,
          problem,
          "shorten the table or relation name",
        );
      const clash =
        rules.foreignKeyNamespace === "schema"
          ? claim(foreignKeyNames, fk.name, `foreign key of model ${modelName}`)
          : tableKeys.has(fk.name)
            ? "another foreign key of this table"
            : undefined;
      tableKeys.add(fk.name);
      if (clash)
        add(
          [modelName, `foreign key ${fk.name}`],
          "foreign key name",
          fk.name,
          `is also the name of the ${clash}`,
          "rename the relation",
        );
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, `schema names ${backend} cannot keep`);
}

/** Longest derived name (indexes, foreign keys) in UTF-8 bytes: fits every backend (PostgreSQL keeps 63). */
export const DERIVED_NAME_MAX_BYTES = 63;

/**
 * A name Strata derives (`<table>_<column>_key`, `<table>_<relation>_fkey`)
 * that fits every backend: unchanged when short enough, else cut on a
 * character boundary and ended with a hash of the whole name, so two long
 * names that share a beginning stay two names.
 */
export function derivedName(name: string): string {
  if (utf8.encode(name).length <= DERIVED_NAME_MAX_BYTES) return name;
  const hash = `_${fnv1a(name)}`;
  let kept = "";
  let bytes = 0;
  for (const c of name) {
    const n = utf8.encode(c).length;
    if (bytes + n > DERIVED_NAME_MAX_BYTES - hash.length) break;
    kept += c;
    bytes += n;
  }
  return kept + hash;
}

/** 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits: stable across runs and machines. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
