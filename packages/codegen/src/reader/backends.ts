import type { Backend } from "../backends.ts";
import type { ModelIssue } from "../errors.ts";
import type { DraftModel } from "./model.ts";

/**
 * What the chosen backends cannot store. DynamoDB has no autoincrement, so a
 * number id (which the SQL backends generate) has no value to take there.
 */
export function checkBackends(drafts: readonly DraftModel[], backends: readonly Backend[], issues: ModelIssue[]): void {
  if (!backends.includes("dynamodb")) return;
  for (const d of drafts) {
    for (const f of d.fields) {
      if (f.default?.kind !== "autoincrement") continue;
      issues.push({
        file: d.file,
        line: d.fieldLines.get(f.name) ?? d.line,
        message: `${d.name}: the number id "${f.name}" autoincrements, which DynamoDB (in backends) cannot do`,
        hint: `use a string id (@id() ${f.name}!: string gets a UUID v7), or remove "dynamodb" from backends`,
      });
    }
  }
}
