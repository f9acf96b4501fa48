import {
  assertNever,
  type Capability,
  type FieldDef,
  FULL_DATE_RANGE,
  isKeyField,
  type ScalarType,
  type StorageType,
  ValidationError,
} from "@strata/core";
import { decodeJson, encodeJson } from "./json.ts";

export type Encode = (value: unknown) => unknown;
export type Decode = (value: unknown) => unknown;

const identity: Encode = (v) => v;
const toNumber: Decode = (v) => (typeof v === "bigint" ? Number(v) : v);
const toBigint: Encode = (v) => (typeof v === "bigint" ? v : BigInt(v as number));

function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array && v.constructor === Uint8Array) return v;
  if (v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === "string") return new Uint8Array(Buffer.from(v, "base64"));
  throw new TypeError("cannot read bytes from the stored value");
}

function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "bigint") return new Date(Number(v));
  return new Date(v as string | number);
}

/** Turns a validated user value into the storage form the backend binds. */
export function encoderFor(storage: StorageType): Encode {
  switch (storage) {
    case "text":
    case "real":
    case "number":
    case "boolean":
    case "timestamp":
      return identity;
    case "integer":
      return toNumber;
    case "bigint":
      return toBigint;
    case "bigint-text":
      return (v) => String(v);
    case "boolean-int":
      return (v) => (v ? 1 : 0);
    case "epoch-ms":
      return (v) => (v as Date).getTime();
    case "iso-string":
      return (v) => (v as Date).toISOString();
    case "blob":
      return (v) => {
        const b = v as Uint8Array;
        return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      };
    case "json":
    case "json-text":
      return encodeJson;
    default:
      return assertNever(storage, "storage type");
  }
}

/** Turns a stored value back into the user's type; undefined when no conversion is needed. */
export function decoderFor(storage: StorageType): Decode | undefined {
  switch (storage) {
    case "text":
    case "boolean":
      return undefined;
    case "number":
      // DynamoDB hands back whole numbers beyond 2^53 (e.g. 9.5e125) as exact bigints; the field is a number.
      return (v) => (typeof v === "bigint" ? Number(v) : v);
    case "real":
    case "integer":
      return toNumber;
    case "bigint":
    case "bigint-text":
      return (v) => (typeof v === "bigint" ? v : BigInt(v as string | number));
    case "boolean-int":
      return (v) => (typeof v === "boolean" ? v : Number(v) !== 0);
    case "timestamp":
    case "epoch-ms":
    case "iso-string":
      return toDate;
    case "blob":
      return toBytes;
    case "json":
    case "json-text":
      return decodeJson;
    default:
      return assertNever(storage, "storage type");
  }
}

/** Escapes LIKE wildcards so `contains("%")` matches a literal percent sign. */
export function likePattern(mode: "contains" | "startsWith" | "endsWith", value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (mode === "contains") return `%${escaped}%`;
  if (mode === "startsWith") return `${escaped}%`;
  return `%${escaped}`;
}

/**
 * The encoder of a field on this backend: its storage type's, and a check
 * that the backend keeps the value exactly, a ValidationError before it is
 * bound: for dates the backend's range, for key fields its key length.
 */
export function fieldEncoder(capability: Capability, field: FieldDef): Encode {
  const encode = dateChecked(capability, field.type);
  const limits = capability.keyLimits;
  if (!limits || !isKeyField(field)) return encode;
  if (field.type === "string") {
    const { stringChars: chars, stringBytes: bytes } = limits;
    if (chars === undefined && bytes === undefined) return encode;
    return (v) => {
      const s = v as string;
      if (chars !== undefined && s.length > chars && [...s].length > chars) tooLong(field, `${chars} characters`);
      if (bytes !== undefined && s.length * 3 > bytes && Buffer.byteLength(s) > bytes)
        tooLong(field, `${bytes} UTF-8 bytes`);
      return encode(v);
    };
  }
  if (field.type === "bytes" && limits.bytes !== undefined) {
    const max = limits.bytes;
    return (v) => {
      if ((v as Uint8Array).byteLength > max) tooLong(field, `${max} bytes`);
      return encode(v);
    };
  }
  return encode;
}

function tooLong(field: FieldDef, limit: string): never {
  throw new ValidationError([
    {
      path: [],
      message: `${field.name} is a key field (an id, indexed or a foreign key) and this backend's keys hold at most ${limit}; shorten the value, or keep long text in a field that is not indexed`,
    },
  ]);
}

function dateChecked(capability: Capability, type: ScalarType): Encode {
  const encode = encoderFor(capability.storageTypes[type]);
  if (type !== "date") return encode;
  const { min, max } = capability.dateRange;
  if (min <= FULL_DATE_RANGE.min && max >= FULL_DATE_RANGE.max) return encode;
  return (v) => {
    const t = (v as Date).getTime();
    if (t < min || t > max) {
      throw new ValidationError([
        {
          path: [],
          message: `the date ${(v as Date).toISOString()} is outside what this backend stores exactly (${new Date(min).toISOString()} to ${new Date(max).toISOString()})`,
        },
      ]);
    }
    return encode(v);
  };
}
