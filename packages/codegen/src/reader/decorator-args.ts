import type { FieldDefault } from "@strata/core";
import { type Decorator, type Expression, Node, type ObjectLiteralExpression } from "ts-morph";

/**
 * Decorator arguments read from the source text. Only literals are accepted
 * where the generated schema needs a value; a `default` may also be a
 * function, which the runtime takes from reflect-metadata.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

export function decoratorsByName(decorators: readonly Decorator[]): Map<string, Decorator> {
  return new Map(decorators.map((d) => [d.getName(), d]));
}

/** The object literal passed as argument `index`, or undefined when absent. */
export function optionsArg(decorator: Decorator, index: number): Read<ObjectLiteralExpression | undefined> {
  const arg = decorator.getArguments()[index];
  if (arg === undefined) return { ok: true, value: undefined };
  if (Node.isObjectLiteralExpression(arg)) return { ok: true, value: arg };
  return fail(
    `@${decorator.getName()}(...) options must be an object literal`,
    'write the options inline, e.g. { name: "x" }',
  );
}

/** The initializer of property `key` in an options object. */
export function optionValue(options: ObjectLiteralExpression | undefined, key: string): Expression | undefined {
  const prop = options?.getProperty(key);
  return prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
}

export function readString(expr: Expression | undefined, what: string): Read<string | undefined> {
  if (expr === undefined) return { ok: true, value: undefined };
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr))
    return { ok: true, value: expr.getLiteralValue() };
  return fail(`${what} must be a string literal, got ${expr.getText()}`, `write ${what} as a quoted string`);
}

export function readBoolean(expr: Expression | undefined, what: string): Read<boolean | undefined> {
  if (expr === undefined) return { ok: true, value: undefined };
  if (Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr)) return { ok: true, value: expr.getLiteralValue() };
  return fail(`${what} must be true or false, got ${expr.getText()}`, `write ${what} as a boolean literal`);
}

/** `"a"` or `["a", "b"]`. */
export function readNames(expr: Node | undefined, what: string): Read<string[]> {
  if (expr && (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr))) {
    return { ok: true, value: [expr.getLiteralValue()] };
  }
  if (expr && Node.isArrayLiteralExpression(expr)) {
    const names: string[] = [];
    for (const el of expr.getElements()) {
      if (!Node.isStringLiteral(el)) break;
      names.push(el.getLiteralValue());
    }
    if (names.length === expr.getElements().length && names.length > 0) return { ok: true, value: names };
  }
  return fail(`${what} must be a field name or an array of field names`, `write it as "field" or ["a", "b"]`);
}

/** `default:` — a literal, or anything callable. */
export function readDefault(expr: Expression | undefined): Read<FieldDefault | undefined> {
  if (expr === undefined) return { ok: true, value: undefined };
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) return { ok: true, value: { kind: "function" } };
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr) || Node.isNumericLiteral(expr)) {
    return { ok: true, value: { kind: "literal", value: expr.getLiteralValue() } };
  }
  if (Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr))
    return { ok: true, value: { kind: "literal", value: expr.getLiteralValue() } };
  if (Node.isNullLiteral(expr)) return { ok: true, value: { kind: "literal", value: null } };
  if (Node.isPrefixUnaryExpression(expr) && expr.getText().startsWith("-")) {
    const operand = expr.getOperand();
    if (Node.isNumericLiteral(operand))
      return { ok: true, value: { kind: "literal", value: -operand.getLiteralValue() } };
  }
  // A named function (`default: newId`) is recognised by its type.
  if (expr.getType().getCallSignatures().length > 0) return { ok: true, value: { kind: "function" } };
  return fail(
    `default must be a literal or a function, got ${expr.getText()}`,
    "write the value inline (default: 0) or wrap it in a function (default: () => value)",
  );
}

function fail<T>(message: string, hint: string): Read<T> {
  return { ok: false, message, hint };
}
