/**
 * The grid operator's forms validated as x/balancing validates them (chain/x/balancing/types/
 * validation.go), so a form says what is wrong before anything is signed. Every check returns the
 * sentence to show, or undefined when the value is fine.
 */
import { type EnergyCategory, KeyAlgorithm, Role } from "@gridledger/client";

/** LEGAL_ID: EIC codes (16 characters), LEIs (20), national register numbers. */
const LEGAL_ID = /^[A-Z0-9][A-Z0-9-]{2,34}$/;
/** METER_ID: metering-point ids such as Swiss 33-character ids; "virtual:" is reserved. */
const METER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** LOCATION_NAME: a grid node or area, never a street address. */
const LOCATION_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const REASON_CODE = /^[a-z0-9_-]{0,32}$/;
const ADDRESS = /^grid1[02-9ac-hj-np-z]{38,58}$/;
const MAX_DISPLAY_NAME_BYTES = 64;

/** ROLES are the market roles the operator grants, with what they let a participant do. */
export const ROLES: readonly (readonly [Role, string, string])[] = [
  [Role.ROLE_PRODUCER, "Producer", "feeds energy in through production meters"],
  [Role.ROLE_CONSUMER, "Consumer", "takes energy through consumption meters"],
  [Role.ROLE_PROSUMER, "Prosumer", "produces and consumes behind one connection"],
  [Role.ROLE_TRADER, "Trader", "trades through virtual meters"],
  [Role.ROLE_RETAILER, "Retailer", "aggregates households and trades for them"],
  [Role.ROLE_BANK, "Bank", "issues tokenised fiat once governance approves it"],
  [Role.ROLE_CO2_AUTHORITY, "CO₂ authority", "publishes CO₂ references"],
  [Role.ROLE_FLEXIBILITY_PROVIDER, "Flexibility provider", "offers flexibility (pilot)"],
  [Role.ROLE_VALIDATOR, "Validator", "may run a validator"],
];

export function roleName(role: Role): string {
  return ROLES.find(([r]) => r === role)?.[1] ?? "Unknown role";
}

export function checkAddress(address: string): string | undefined {
  if (address.trim() === "") return "Enter the account's address (grid1…).";
  return ADDRESS.test(address.trim()) ? undefined : "This is not a grid1… account address; copy it from the participant's wallet.";
}

export function checkLegalId(id: string): string | undefined {
  if (id === "") return "Enter the company's legal identifier, e.g. its 16-character EIC code.";
  return LEGAL_ID.test(id) ? undefined : "Use 3-35 upper-case letters, digits or dashes, starting with a letter or digit (an EIC code, LEI or register number).";
}

export function checkDisplayName(name: string): string | undefined {
  if (name.trim() === "") return "Enter the company's trading name.";
  if (new TextEncoder().encode(name).length > MAX_DISPLAY_NAME_BYTES) return `Keep the name to ${MAX_DISPLAY_NAME_BYTES} bytes (accents count twice).`;
  // Printable: no control or format characters (Go's unicode.IsPrint also refuses other spaces).
  if (/[\p{C}\p{Zl}\p{Zp}]/u.test(name) || /[^\P{Zs} ]/u.test(name)) return "The name may hold printable characters and plain spaces only.";
  return undefined;
}

export function checkRoles(roles: readonly Role[]): string | undefined {
  return roles.length === 0 ? "Grant at least one role." : undefined;
}

/** checkTradedCategories: only traders and retailers hold virtual meters (seed §2.3). */
export function checkTradedCategories(roles: readonly Role[], categories: readonly EnergyCategory[]): string | undefined {
  if (categories.length === 0) return undefined;
  return roles.includes(Role.ROLE_TRADER) || roles.includes(Role.ROLE_RETAILER) ? undefined : "Only traders and retailers trade categories (each gets a virtual meter); grant one of those roles or clear the categories.";
}

/** checkReasonCode: a short machine code for the audit trail, never prose about people (seed §2.8). */
export function checkReasonCode(code: string): string | undefined {
  return REASON_CODE.test(code) ? undefined : "Use a short code of at most 32 characters a-z 0-9 _ - (e.g. collateral), no free text.";
}

export function checkMeterId(id: string): string | undefined {
  if (id === "") return "Enter the metering point's id.";
  if (!METER_ID.test(id)) return "Use 1-128 characters of A-Z a-z 0-9 . _ : -, starting with a letter or digit.";
  return id.startsWith("virtual:") ? "Ids starting with virtual: are the trader's virtual meters; choose another." : undefined;
}

export function checkLocationName(name: string, field: string): string | undefined {
  if (name === "") return undefined;
  return LOCATION_NAME.test(name) ? undefined : `The ${field} is 1-64 characters of A-Z a-z 0-9 . _ : / - (a grid node or area, never a street address).`;
}

/** parsePositionLimit reads a limit typed in kWh (the unit the table shows) into Wh. */
export function parsePositionLimit(text: string): { wh?: bigint; error?: string } {
  const t = text.trim().replace(/[\s'’_,]/g, "");
  if (t === "") return { wh: 0n };
  const m = /^(\d+)(?:\.(\d{0,3}))?$/.exec(t);
  if (m === null) return { error: "Enter the limit in kWh per period, e.g. 1000 (0: no position at all)." };
  const wh = BigInt(m[1] ?? "0") * 1_000n + BigInt((m[2] ?? "").padEnd(3, "0") || "0");
  return wh > 18_446_744_073_709_551_615n ? { error: "The limit is too large." } : { wh };
}

/** MeterKey is a public key as the chain stores it: raw bytes of its algorithm's length. */
export interface ParsedMeterKey {
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// secp256k1: y² = x³ + 7 over the field of P.
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** onSecp256k1 tells whether a compressed key names a point of the curve (as secp256k1.ParsePubKey checks). */
function onSecp256k1(key: Uint8Array): boolean {
  if (key[0] !== 0x02 && key[0] !== 0x03) return false;
  const x = BigInt(`0x${toHex(key.slice(1))}`);
  if (x >= P) return false;
  const y2 = (modPow(x, 3n, P) + 7n) % P;
  // Euler's criterion: y² has a square root when it is 0 or a quadratic residue.
  return y2 === 0n || modPow(y2, (P - 1n) / 2n, P) === 1n;
}

/**
 * parseMeterKey reads a meter's public key as its maker prints it, in hex (0x optional) or base64,
 * and checks it as RegisterMeter and RotateMeterKey do: a 33-byte compressed secp256k1 point, or
 * 32 bytes of ed25519.
 */
export function parseMeterKey(text: string, algorithm: KeyAlgorithm): ParsedMeterKey {
  const t = text.trim().replace(/\s+/g, "");
  if (t === "") return { error: "Paste the meter's public key, in hex or base64." };
  const hex = t.replace(/^0x/i, "");
  const bytes = /^[0-9a-fA-F]+$/.test(hex) && hex.length % 2 === 0 ? fromHex(hex) : fromBase64(t);
  if (bytes === undefined) return { error: "This is neither hex nor base64; copy the key again from the meter's data sheet." };
  if (algorithm === KeyAlgorithm.KEY_ALGORITHM_ED25519) {
    return bytes.length === 32 ? { bytes } : { error: `An ed25519 key is 32 bytes (64 hex digits); this one is ${bytes.length} bytes.` };
  }
  if (algorithm === KeyAlgorithm.KEY_ALGORITHM_SECP256K1) {
    if (bytes.length === 65) return { error: "This secp256k1 key is uncompressed (65 bytes); the chain takes the 33-byte compressed form starting with 02 or 03." };
    if (bytes.length !== 33) return { error: `A secp256k1 key is 33 bytes compressed (66 hex digits starting with 02 or 03); this one is ${bytes.length} bytes.` };
    return onSecp256k1(bytes) ? { bytes } : { error: "These 33 bytes are not a point of the secp256k1 curve; check the key." };
  }
  return { error: "Choose the key's algorithm: secp256k1 or ed25519." };
}
