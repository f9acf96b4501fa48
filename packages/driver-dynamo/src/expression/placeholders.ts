import { toStoredValue } from "../values/item.ts";

/**
 * ExpressionAttributeNames / ExpressionAttributeValues of one request. Names
 * always go through `#n` placeholders (never raw, so reserved words and odd
 * characters are safe); values through `:v` placeholders.
 */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  readonly #byName = new Map<string, string>();
  #valueCount = 0;

  /**
   * @param describing Build a description for people instead: names print as
   *   themselves and values as `?` (explain output never shows values).
   */
  constructor(readonly describing = false) {}

  name(attribute: string): string {
    if (this.describing) return attribute;
    let placeholder = this.#byName.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.#byName.size}`;
      this.#byName.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  value(value: unknown): string {
    if (this.describing) return "?";
    const placeholder = `:v${this.#valueCount++}`;
    this.values[placeholder] = toStoredValue(value);
    return placeholder;
  }

  /** The request fields, leaving out empty maps (DynamoDB refuses them). */
  fields(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
