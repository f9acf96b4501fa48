import { DriverError } from "@strata/core";

/** The positional values for one execution: `params[paramOrder[i]]` for each placeholder `$i+1`. */
export function bindParams(params: readonly unknown[], paramOrder: readonly number[]): unknown[] {
  const values: unknown[] = new Array(paramOrder.length);
  let position = 0;
  for (const index of paramOrder) {
    if (index >= params.length) {
      throw new DriverError(`the statement uses parameter #${index} but only ${params.length} were given`);
    }
    values[position++] = toPgValue(params[index], index);
  }
  return values;
}

/** Storage-form values pg binds as they are; arrays (ParamList) become one PostgreSQL array parameter. */
function toPgValue(value: unknown, index: number): unknown {
  if (value === undefined) throw new DriverError(`parameter #${index} is undefined; pass null for SQL NULL`);
  if (typeof value === "number" && !Number.isFinite(value)) {
    // Only the kind of value is named: messages never carry parameter values.
    throw new DriverError(`parameter #${index} is not a finite number`);
  }
  return value;
}
