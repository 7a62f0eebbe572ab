/**
 * Every error the UI shows is a sentence that says what to do: the chain's refusals through the
 * client's table (ts-client/src/errors.ts), the rest (a node that does not answer, a wallet that
 * declined) here.
 */
import { explainError, GridledgerTxError, NetworkError, recogniseError } from "@gridledger/client";

export interface ErrorContext {
  /** rpc is the node the UI talked to, named when it does not answer. */
  readonly rpc?: string;
}

/**
 * DETAILED are the refusals whose sentence is general (a field is invalid) while the chain's own
 * words name the field and its rule: x/balancing's validation of the operator's messages.
 */
const DETAILED = new Set([4, 5, 6, 7, 11, 12, 15, 16, 17, 18, 31].map((code) => `balancing:${code}`));

/** ENUM_NAME matches the chain's enum names in its error texts (PARTICIPANT_STATUS_SUSPENDED). */
const ENUM_NAME = /\b(?:PARTICIPANT_STATUS|METER_KIND|ROLE|ENERGY_CATEGORY|METERING_POINT_KIND|KEY_ALGORITHM)_([A-Z0-9_]+)\b/g;

/**
 * chainDetail is what the chain said about a refused message, without the registered error text
 * it ends with and the SDK's wrapping: "legal_id \"x\" must be 3-35 upper-case letters…".
 */
export function chainDetail(rawLog: string): string | undefined {
  const wrapped = /message index: \d+: ([\s\S]*?)(?: with gas used|$)/.exec(rawLog);
  const text = (wrapped?.[1] ?? rawLog).trim();
  const cut = text.lastIndexOf(": ");
  if (cut <= 0) return undefined;
  return text.slice(0, cut).replace(ENUM_NAME, (_, name: string) => name.toLowerCase().replace(/_/g, " "));
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/** errorSentence turns anything thrown into one or two sentences for people. */
export function errorSentence(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof GridledgerTxError) {
    const detail = DETAILED.has(`${error.codespace}:${error.code}`) ? chainDetail(error.rawLog) : undefined;
    return detail === undefined ? error.explanation : `${error.explanation} The chain says: ${detail}.`;
  }
  if (error instanceof NetworkError) return error.message;
  const message = messageOf(error);
  if (/Request rejected|rejected by user|User denied/i.test(message)) {
    return "You declined the request in your wallet; nothing was sent.";
  }
  if (/Failed to fetch|NetworkError when attempting|ECONNREFUSED|fetch failed|socket hang up|Load failed/i.test(message)) {
    const node = context.rpc === undefined ? "The chain's node" : `The chain's node at ${context.rpc}`;
    return `${node} does not answer. Is the network running? Start it with \`npm start\`, or check it with \`npx gridnet status\`.`;
  }
  if (/timed out|Timeout|was submitted but was not yet found on the chain/i.test(message)) {
    return "The chain did not confirm the transaction in time. It may still be included: check your portfolio in a few seconds before trying again.";
  }
  // A query refused by the node carries the module's registered error text, but no code.
  const known = recogniseError(message);
  if (known !== undefined) {
    const sentence = explainError(known.codespace, known.code);
    if (sentence !== undefined) return sentence;
  }
  if (/not found/i.test(message) && /account/i.test(message)) {
    return "This account does not exist on this chain yet: it needs to receive something first (ask the grid operator to admit and fund it).";
  }
  return `Something went wrong: ${message}`;
}
