export * from "./expr.ts";
export * from "./mutation.ts";
export * from "./select.ts";

import type { DeleteNode, InsertNode, UpdateNode } from "./mutation.ts";
import type { SelectNode } from "./select.ts";

/** A whole statement that a SQL dialect can print. */
export type Statement = SelectNode | InsertNode | UpdateNode | DeleteNode;
