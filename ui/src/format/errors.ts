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
  // Transactions two owners sign, handed from one to the other (@gridledger/client partialsigning.ts).
  const joint = jointSigningSentence(message);
  if (joint !== undefined) return joint;
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

/** jointSigningSentence explains what goes wrong with a transaction handed from owner to owner. */
function jointSigningSentence(message: string): string | undefined {
  if (/not a partly signed gridledger transaction/.test(message)) {
    return "This is not a partly signed transaction: paste the whole text the other owner gave you (it starts with gridledger-joint-tx-v1:).";
  }
  if (/partly signed transaction is damaged/.test(message)) {
    return "The pasted transaction is incomplete or damaged: ask the other owner to copy it again, in full.";
  }
  const unknownKey = /^(\S+) has not sent a transaction on this chain yet/.exec(message);
  if (unknownKey !== null) {
    return `The other owner (${unknownKey[1] ?? ""}) has never signed a transaction on this chain, so the chain does not know their key: ask them to prepare the transaction, and co-sign it yourself.`;
  }
  if (/signs amino JSON only/.test(message)) {
    return "Your wallet signs amino JSON only (a Ledger), and this transaction was prepared for a direct signer: prepare it yourself and hand it to the other owner instead.";
  }
  if (/cannot sign amino JSON/.test(message)) {
    return "This transaction was prepared for a Ledger (amino JSON) and your wallet cannot sign that way: ask the other owner to prepare it again.";
  }
  if (/names another public key/.test(message)) {
    return "The transaction was prepared for another key of this account: ask the other owner to prepare it again.";
  }
  if (/is not a signer of this transaction/.test(message)) {
    return "The connected account is not an owner who must sign this transaction: choose that owner's account at the top.";
  }
  if (/changed the (transaction|sign document)/.test(message)) {
    return "Your wallet changed the transaction while signing (its fee or memo): sign it exactly as prepared, or the other owner's signature no longer fits.";
  }
  if (/still lacks the signature of/.test(message)) {
    return "Not every owner has signed yet: hand the transaction to the owner whose signature is missing.";
  }
  return undefined;
}
