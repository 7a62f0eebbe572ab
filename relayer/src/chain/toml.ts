/**
 * Minimal, line-based editing of the TOML files CometBFT and the Cosmos SDK write
 * (config.toml, app.toml, client.toml): flat `key = value` lines under `[section]` headers.
 * Editing lines in place keeps the files' comments, which a parse/serialise round trip would drop.
 */

export type TomlValue = string | number | boolean | readonly string[];

/** TomlEdit sets `key` in `section` ("" is the top level, before the first header). */
export interface TomlEdit {
  section: string;
  key: string;
  value: TomlValue;
}

/** formatTomlValue renders a value as TOML: strings quoted and escaped, arrays of strings inline. */
export function formatTomlValue(value: TomlValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to TOML`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
}

// Section headers as these files write them ("[p2p]", "[streaming.abci]"); an inline array like
// `["chain_id", "x"]` inside a multi-line value is not one.
const HEADER = /^\s*\[([A-Za-z0-9_.-]+)\]\s*(#.*)?$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * setTomlValue returns `text` with `key` in `section` set to `value`. An existing line is
 * replaced; a missing key is appended to its section; a missing section is appended to the file.
 */
export function setTomlValue(text: string, section: string, key: string, value: TomlValue): string {
  const lines = text.split("\n");
  const line = `${key} = ${formatTomlValue(value)}`;
  const keyLine = new RegExp(`^\\s*${escapeRegExp(key)}\\s*=`);
  let current = "";
  let sectionSeen = section === "";
  let sectionEnd = -1; // index after the last non-blank line of the wanted section
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const header = HEADER.exec(raw);
    if (header) {
      current = (header[1] ?? "").trim();
      if (current === section) {
        sectionSeen = true;
        sectionEnd = i + 1;
      }
      continue;
    }
    if (current !== section) continue;
    if (keyLine.test(raw)) {
      lines[i] = line;
      return lines.join("\n");
    }
    if (raw.trim() !== "") sectionEnd = i + 1;
  }
  if (!sectionSeen) {
    const trimmed = text.replace(/\n*$/, "");
    return `${trimmed}${trimmed === "" ? "" : "\n\n"}[${section}]\n${line}\n`;
  }
  if (section === "" && sectionEnd === -1) {
    lines.unshift(line);
  } else {
    lines.splice(Math.max(sectionEnd, 0), 0, line);
  }
  return lines.join("\n");
}

/** applyTomlEdits applies edits in order. */
export function applyTomlEdits(text: string, edits: readonly TomlEdit[]): string {
  return edits.reduce((acc, e) => setTomlValue(acc, e.section, e.key, e.value), text);
}

/**
 * getTomlValue reads the raw (unparsed) value of `key` in `section`, or undefined.
 * Enough for tests and for checking what a file says; not a TOML parser.
 */
export function getTomlValue(text: string, section: string, key: string): string | undefined {
  const keyLine = new RegExp(`^\\s*${escapeRegExp(key)}\\s*=\\s*(.*)$`);
  let current = "";
  for (const raw of text.split("\n")) {
    const header = HEADER.exec(raw);
    if (header) {
      current = (header[1] ?? "").trim();
      continue;
    }
    if (current !== section) continue;
    const m = keyLine.exec(raw);
    if (m) return (m[1] ?? "").trim();
  }
  return undefined;
}
