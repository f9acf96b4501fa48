import { type AppSchema, buildDbSchema, type Capability, type SchemaChange } from "@strata/core";
import type { SqlDialect } from "@strata/driver-sql";
import { diffSchemas } from "./diff.ts";
import { renderMigration } from "./file.ts";
import { type LiveTable, liveFromTable } from "./model.ts";
import { dataLoss, type PlannedStep, planChanges, printSteps } from "./plan.ts";
import { type RenameCandidate, type Renames, renameCandidates } from "./renames.ts";

/** A migration computed for one dialect, before it is written or applied. */
export interface ComputedMigration {
  dialect: string;
  /** The changes as the differ found them. */
  changes: SchemaChange[];
  /** The changes as the backend will make them (rebuilds where it cannot alter in place). */
  planned: SchemaChange[];
  steps: PlannedStep[];
  /** What would be destroyed, in words. */
  dataLoss: string[];
  /** Drop + add pairs a `--rename` could turn into a rename. */
  renameCandidates: RenameCandidate[];
}

export function computeMigration(
  current: readonly LiveTable[],
  app: AppSchema,
  backend: { dialect: SqlDialect; capability: Capability },
  renames?: Renames,
): ComputedMigration {
  const desired = buildDbSchema(app, backend.capability).db.tables;
  const changes = diffSchemas(current, desired, backend.dialect, renames);
  const planned = planChanges(changes, desired, backend.capability);
  return {
    dialect: backend.dialect.name,
    changes,
    planned,
    steps: printSteps(planned, backend.dialect),
    dataLoss: dataLoss(changes),
    renameCandidates: renameCandidates(
      changes,
      current,
      desired.map((t) => liveFromTable(t, backend.dialect)),
    ),
  };
}

export function migrationText(name: string, m: ComputedMigration, capability: Capability): string {
  return renderMigration(name, m.dialect, m.steps, capability.schemaMutations.transactionalDdl === true);
}

/** Refuses data loss unless accepted: the message lists what is lost and the renames that would avoid it. */
export function dataLossRefusal(m: ComputedMigration): string | undefined {
  if (m.dataLoss.length === 0) return undefined;
  const lines = [
    `this migration loses data (${m.dialect}):`,
    ...m.dataLoss.map((l) => `  - ${l}`),
    "  pass --accept-data-loss to apply it anyway",
  ];
  for (const c of m.renameCandidates) {
    const flag = c.kind === "column" ? `${c.table}.${c.from}:${c.to}` : `${c.from}:${c.to}`;
    lines.push(
      `  hint: if ${c.kind === "column" ? `${c.table}.${c.from}` : c.from} was renamed to ${c.to}, pass --rename ${flag}`,
    );
  }
  return lines.join("\n");
}
