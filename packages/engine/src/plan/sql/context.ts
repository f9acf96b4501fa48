import type { Capability, SchemaIndex } from "@strata/core";

/** Makes a default value for a field left out of a create. */
export type DefaultFactory = () => unknown;

/** What the planner reads: the schema and the backend's capability (never its name). */
export interface PlanContext {
  schema: SchemaIndex;
  capability: Capability;
  /** model → field → default factory (ids, literals, the decorators' functions). */
  defaults: ReadonlyMap<string, ReadonlyMap<string, DefaultFactory>>;
}
