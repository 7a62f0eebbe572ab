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

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/** errorSentence turns anything thrown into one or two sentences for people. */
export function errorSentence(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof GridledgerTxError) return error.explanation;
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

/**
 * ISSUE_SENTENCES say what to do when x/energy refuses a new token (MsgIssueToken), more closely
 * than the client's general sentence for the code: the form checked these before signing, so
 * the chain refusing means its state moved on meanwhile (a gate closed, a meter was retired, a
 * band changed, the operator suspended the account).
 */
const ISSUE_SENTENCES: Readonly<Record<number, string>> = {
  4: "Not issued: this account is not an admitted, active participant (the grid operator may have suspended it). Ask the grid operator to admit or reinstate it.",
  5: "Not issued: the gate of the first period closed before the chain saw the token. Go back to the form, choose a later first period and sign again.",
  6: "Not issued: the energy is out of range (1 Wh to 1 TWh per period, the total within 64 bits). Go back and change the energy or the number of periods.",
  7: "Not issued: a meter does not fit the token (retired, not yours, or of another category). Go back and choose meters from the lists again.",
  8: "Not issued: the currency is not an approved bank's any more. Go back and choose another currency.",
  9: "Not issued: the contract terms are invalid (a fee negative or missing, a legal framework over 64 characters, a service with values but not offered). Go back and correct them.",
  20: "Not issued: this account's roles do not issue tokens; only producers, consumers, prosumers, traders and retailers do.",
  23: "Not issued: the CO2 stated differs from what the producer meter's audited intensity gives. Go back: the form takes the CO2 from the meter.",
  25: "Not issued: a price is outside the currency's price band (the grid operator may just have changed it). Go back and quote a price within the band.",
  26: "Not issued: an amount is above the 10^27 base units a contract can settle. Go back and enter a smaller amount.",
  31: "Not issued: the token needs an energy category. Go back and choose one (a consumption meter implies none).",
};

/** issueErrorSentence is errorSentence for issuing a token: x/energy's refusals say what to change in the form. */
export function issueErrorSentence(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof GridledgerTxError && error.codespace === "energy") {
    const sentence = ISSUE_SENTENCES[error.code];
    if (sentence !== undefined) return sentence;
  }
  return errorSentence(error, context);
}
