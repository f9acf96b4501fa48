import type { ScalarType } from "@strata/core";
import { Node, type TypeNode } from "ts-morph";

/** What a property's TypeScript annotation says about the stored field. */
export type AnnotationType =
  | { ok: true; type: ScalarType; nullable: boolean; enumValues?: string[] }
  | { ok: false; message: string; hint: string };

const KEYWORDS: Record<string, ScalarType> = {
  string: "string",
  number: "number",
  bigint: "bigint",
  boolean: "boolean",
};
const REFERENCES: Record<string, ScalarType> = { Date: "date", Uint8Array: "bytes", Json: "json" };

const SUPPORTED_HINT =
  "use string, number, bigint, boolean, Date, Uint8Array, Json (from @strata/core) or a union of string literals";

/**
 * Reads the annotation syntactically (never `design:type`); only type aliases
 * are resolved with the checker, to find string-literal unions declared elsewhere.
 */
export function readAnnotation(typeNode: TypeNode | undefined, optional: boolean): AnnotationType {
  if (!typeNode) return { ok: false, message: "the property has no type annotation", hint: SUPPORTED_HINT };
  let nullable = optional;
  const bases = new Set<ScalarType>();
  const literals: string[] = [];
  const others: string[] = [];
  for (const member of unionMembers(typeNode)) {
    const text = member.getText();
    const literal = Node.isLiteralTypeNode(member) ? member.getLiteral() : undefined;
    const named = Node.isTypeReference(member) ? REFERENCES[member.getTypeName().getText()] : KEYWORDS[text];
    if (text === "null" || text === "undefined") {
      nullable = true;
    } else if (named) {
      bases.add(named);
    } else if (literal && Node.isStringLiteral(literal)) {
      literals.push(literal.getLiteralValue());
    } else {
      const aliased = stringLiteralsOf(member);
      if (aliased) literals.push(...aliased);
      else others.push(text);
    }
  }
  if (literals.length > 0) {
    if (bases.size > 0 || others.length > 0) {
      const mixed = [...bases, ...others].join(", ");
      return {
        ok: false,
        message: `an enum mixes string literals with ${mixed}`,
        hint: 'an enum is a union of string literals only, e.g. "admin" | "member" (add | null for a nullable one)',
      };
    }
    return { ok: true, type: "enum", nullable, enumValues: [...new Set(literals)] };
  }
  if (others.length > 0 || bases.size !== 1) {
    const what = others.length > 0 ? others.join(" | ") : typeNode.getText();
    return { ok: false, message: `unsupported field type ${what}`, hint: SUPPORTED_HINT };
  }
  const [type] = [...bases] as [ScalarType];
  return { ok: true, type, nullable };
}

function unionMembers(node: TypeNode): TypeNode[] {
  if (Node.isParenthesizedTypeNode(node)) return unionMembers(node.getTypeNode());
  if (Node.isUnionTypeNode(node)) return node.getTypeNodes().flatMap(unionMembers);
  return [node];
}

/** `type Role = "a" | "b"` referenced by name: its literal values, or undefined. */
function stringLiteralsOf(node: TypeNode): string[] | undefined {
  const type = node.getType();
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  if (parts.length === 0 || !parts.every((t) => t.isStringLiteral())) return undefined;
  return parts.map((t) => t.getLiteralValue() as string);
}

/** Which `type` overrides fit which annotation: a number may be stored as an int, nothing else changes. */
export function overrideAllowed(annotated: ScalarType, override: ScalarType): boolean {
  if (annotated === override) return true;
  return annotated === "number" && override === "int";
}
