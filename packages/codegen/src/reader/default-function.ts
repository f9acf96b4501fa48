import { type Expression, Node, SyntaxKind } from "ts-morph";
import type { Read } from "./decorator-args.ts";

/**
 * The source text of a `default:` function, which the generated client carries
 * so that it never loads the model classes at run time. Only a function that
 * stands alone can be copied: one that uses its own parameters and locals and
 * globals (Date, Math, crypto, ...), not names from the models file or its
 * imports.
 */
export function copyableDefault(expr: Expression): Read<string> {
  const hint =
    "write the function inline using only globals, e.g. default: () => new Date() (the generated client carries a copy of it)";
  if (!Node.isArrowFunction(expr) && !Node.isFunctionExpression(expr))
    return { ok: false, message: `default ${expr.getText()} is not an inline function`, hint };
  for (const id of expr.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (isPropertyName(id)) continue;
    const declarations = id.getSymbol()?.getDeclarations() ?? [];
    const outside = declarations.find(
      (d) => !isInside(d, expr) && !d.getSourceFile().isInNodeModules() && !d.getSourceFile().isDeclarationFile(),
    );
    if (outside)
      return { ok: false, message: `the default function uses ${id.getText()}, which is declared outside it`, hint };
  }
  return { ok: true, value: expr.getText() };
}

function isInside(node: Node, container: Node): boolean {
  return (
    node.getPos() >= container.getPos() &&
    node.getEnd() <= container.getEnd() &&
    node.getSourceFile() === container.getSourceFile()
  );
}

/** `x` in `a.x` or `{ x: 1 }` names a property, not a variable. */
function isPropertyName(id: Node): boolean {
  const parent = id.getParent();
  if (parent && Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  if (parent && Node.isPropertyAssignment(parent)) return parent.getNameNode() === id;
  return false;
}
