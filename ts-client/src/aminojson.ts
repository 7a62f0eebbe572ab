/**
 * Helpers that reproduce the Cosmos SDK's LEGACY_AMINO_JSON encoding
 * (cosmossdk.io/x/tx v0.14 signing/aminojson, used by SDK v0.53) for plain proto3 fields.
 *
 * The chain re-encodes every amino-signed message with that encoder and verifies the signature
 * over its bytes, so the converters must produce the same JSON:
 * - keys are proto field names (snake_case) unless `amino.field_name` renames them;
 * - a field that is not "set" in proto3 terms ("" / 0 / false / empty bytes / empty list) is
 *   omitted, unless the field has `(amino.dont_omitempty) = true`;
 * - a message field marked dont_omitempty is always written, `{}` when all its fields are
 *   default; nested messages are NOT wrapped in {type, value} even when they have an
 *   `amino.name` (only the top-level message and Anys are);
 * - 64-bit integers are decimal strings, 32-bit integers and enums are JSON numbers (the
 *   sign-mode handler forces EnumAsString=false), bytes are standard padded base64.
 * Key order does not matter here: CosmJS sorts the sign document's keys, as the SDK does.
 */
import { omitDefault } from "@cosmjs/amino";
import { fromBase64, toBase64 } from "@cosmjs/encoding";

/** compact drops undefined-valued keys so that the object has exactly the keys the SDK writes. */
export function compact<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** omitString returns undefined for "" (omitted) and the string otherwise. */
export function omitString(value: string): string | undefined {
  return omitDefault(value);
}

/** omitNumber returns undefined for 0; use it for int32/uint32 and enum fields. */
export function omitNumber<T extends number>(value: T): T | undefined {
  return omitDefault(value);
}

/** omitBool returns undefined for false. */
export function omitBool(value: boolean): true | undefined {
  return value ? true : undefined;
}

/** omitUint64 writes 64-bit integers as decimal strings, as Go's encoder quotes them. */
export function omitUint64(value: bigint): string | undefined {
  return value === 0n ? undefined : value.toString();
}

/** omitInt64 writes a signed 64-bit integer (e.g. a price) as a decimal string, omitting 0. */
export function omitInt64(value: bigint): string | undefined {
  return value === 0n ? undefined : value.toString();
}

/** omitUint64List writes a repeated 64-bit integer as decimal strings, omitting an empty list. */
export function omitUint64List(values: readonly bigint[]): string[] | undefined {
  return values.length === 0 ? undefined : values.map((v) => v.toString());
}

/** omitList copies a repeated field and omits it when empty. */
export function omitList<T>(values: readonly T[]): T[] | undefined {
  return values.length === 0 ? undefined : [...values];
}

/** omitBytes writes bytes as base64, like Go's encoding/json does for []byte. */
export function omitBytes(value: Uint8Array): string | undefined {
  return value.length === 0 ? undefined : toBase64(value);
}

/** parseUint64 reads an omitted or decimal-string 64-bit integer. */
export function parseUint64(value: string | undefined): bigint {
  return value === undefined ? 0n : BigInt(value);
}

/** parseInt64 reads an omitted or decimal-string signed 64-bit integer. */
export function parseInt64(value: string | undefined): bigint {
  return value === undefined ? 0n : BigInt(value);
}

/** parseUint64List reads an omitted or decimal-string repeated 64-bit integer. */
export function parseUint64List(values: readonly string[] | undefined): bigint[] {
  return (values ?? []).map((v) => BigInt(v));
}

/** parseBytes reads an omitted or base64 bytes field. */
export function parseBytes(value: string | undefined): Uint8Array {
  return value === undefined ? new Uint8Array() : fromBase64(value);
}
