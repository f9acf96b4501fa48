import {
  type AppSchema,
  buildDbSchema,
  type DbSchema,
  type Driver,
  type Mapping,
  type ModelClass,
  SchemaIndex,
} from "@strata/core";
import { PlanCache } from "../cache/plan-cache.ts";
import { ShapeCache } from "../cache/shape-cache.ts";
import { planQuery } from "../plan/index.ts";
import type { PlanContext } from "../plan/sql/context.ts";
import type { CachedPlan } from "../plan/types.ts";
import type { RowStream } from "../query/row-stream.ts";
import { lowerFirst, type Op, SimplifyContext, simplify } from "../simplify/index.ts";
import { snapshotArgs } from "../simplify/snapshot.ts";
import type { Explain } from "../types/index.ts";
import { buildDefaults } from "./defaults.ts";
import { checkWriteInput, type InputSchemas } from "./input-schemas.ts";

export interface EngineSetup {
  schema: AppSchema;
  /** The decorated model classes, by model name (defaults and the schema check come from them). */
  models?: Readonly<Record<string, ModelClass>>;
  /** Default functions by model and field, as the generated client carries them (copied from the decorators). */
  defaults?: Readonly<Record<string, Readonly<Record<string, () => unknown>>>>;
  /** Validators of create/update data per model (the generated zod schemas); run before the engine's own checks. */
  inputSchemas?: InputSchemas;
}

export interface EngineOptions {
  driver: Driver;
  /** Let key-value backends scan tables and sort in memory (default false: such queries are refused). */
  allowScan?: boolean;
  /** Most query shapes kept planned (default 1000). */
  planCacheSize?: number;
}

export interface Prepared {
  plan: CachedPlan;
  values: unknown[];
  cacheHit: boolean;
}

const WRITES: ReadonlySet<Op> = new Set(["create", "createMany", "update", "updateMany", "upsert"]);

/** Everything shared by a client and its transactions: schema, mapping, planner, plan cache. */
export class Engine {
  readonly schema: SchemaIndex;
  readonly db: DbSchema;
  readonly mapping: Mapping;
  readonly cache: PlanCache;
  private readonly shapes: ShapeCache;
  private readonly prefixes = new Map<string, Map<Op, [string, string]>>();
  private readonly pc: PlanContext;
  readonly allowScan: boolean;
  /** Streams holding a backend session now (db.close ends them). */
  readonly streams = new Set<RowStream>();
  private readonly inputs: InputSchemas | undefined;

  constructor(
    setup: EngineSetup,
    readonly driver: Driver,
    options: EngineOptions,
  ) {
    this.schema = new SchemaIndex(setup.schema);
    const { db, mapping } = buildDbSchema(setup.schema, driver.capability);
    this.db = db;
    this.mapping = mapping;
    driver.useSchema?.(db);
    this.allowScan = options.allowScan ?? false;
    this.inputs = setup.inputSchemas;
    this.cache = new PlanCache(options.planCacheSize ?? 1000);
    this.shapes = new ShapeCache(options.planCacheSize ?? 1000);
    this.pc = {
      schema: this.schema,
      capability: driver.capability,
      defaults: buildDefaults(setup.schema, setup.models ?? {}, setup.defaults ?? {}),
    };
  }

  /** The shape-cache prefix of (model, operation, allowScan), built once: a string made per call costs a hash per lookup. */
  private prefixOf(model: string, op: Op, allowScan: boolean): string {
    let byOp = this.prefixes.get(model);
    if (!byOp) {
      byOp = new Map();
      this.prefixes.set(model, byOp);
    }
    let pair = byOp.get(op);
    if (!pair) {
      pair = [`${model}.${op}|`, `${model}.${op}+scan|`];
      byOp.set(op, pair);
    }
    return pair[allowScan ? 1 : 0];
  }

  /** simplify → (plan cache | lower + plan). Throws ValidationError/UnsupportedError before any I/O. */
  prepare(model: string, op: Op, args: unknown, allowScan = this.allowScan): Prepared {
    if (this.inputs && WRITES.has(op)) checkWriteInput(this.inputs, model, op, args);
    const prefix = this.prefixOf(model, op, allowScan);
    // createMany's rows are one value whatever their number: fingerprinting them would only cost (10k rows ≈ 45 ms).
    const fingerprinted = op !== "createMany";
    const fast = fingerprinted ? this.shapes.lookup(prefix, args) : undefined;
    if (fast) {
      this.cache.hits++;
      return { plan: fast.plan, values: fast.values, cacheHit: true };
    }
    // Plan from a copy read once, and cache that copy's shape: the two can never disagree.
    const input = fingerprinted ? snapshotArgs(args, `${lowerFirst(model)}.${op}`) : args;
    const ctx = new SimplifyContext(this.schema);
    const { query, values } = simplify(ctx, this.schema.model(model), op, input);
    const key = allowScan ? `scan|${JSON.stringify(query)}` : JSON.stringify(query);
    let plan = this.cache.get(key);
    const cacheHit = plan !== undefined;
    if (!plan) {
      plan = planQuery({ ...this.pc, allowScan }, query);
      this.cache.set(key, plan);
    }
    if (fingerprinted) this.shapes.register(prefix, input, plan, ctx.slotPaths, ctx.slotChecks);
    return { plan, values, cacheHit };
  }

  /** A db-schema table's primary-key columns. */
  primaryKey(table: string): readonly string[] {
    const def = this.db.tables.find((t) => t.name === table);
    if (!def) throw new Error(`internal: no table ${table} in the db schema`);
    return def.primaryKey;
  }

  explain(model: string, op: Op, args: unknown, allowScan = this.allowScan): Explain {
    const { plan, cacheHit } = this.prepare(model, op, args, allowScan);
    const operations = plan.operations.map(({ op: o, why }) => ({
      kind: o.kind,
      text: why ? `${this.driver.describe(o)} — ${why}` : this.driver.describe(o),
    }));
    const text = operations.map((o, i) => `${i + 1}. ${o.kind}: ${o.text}`).join("\n");
    return { operations, cacheHit, text: `${text}\n(plan cache ${cacheHit ? "hit" : "miss"})` };
  }
}
