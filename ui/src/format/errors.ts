/**
 * Every error the UI shows is a sentence that says what to do: the chain's refusals through the
 * client's table (ts-client/src/errors.ts), the rest (a node that does not answer, a wallet that
 * declined) here.
 */
import { explainError, GridledgerTxError, NetworkError, recogniseError } from "@gridledger/client";

import { type FiatUnit, formatMoney } from "./units.js";

export interface ErrorContext {
  /** rpc is the node the UI talked to, named when it does not answer. */
  readonly rpc?: string;
  /** units are the chain's fiat units: x/fiat refusals then name their amounts in them. */
  readonly units?: readonly FiatUnit[];
}

const COIN = String.raw`(\d+)([a-z][a-z0-9./-]*)`;

/**
 * fiatRefusal is the sentence for an x/fiat refusal whose log carries the amounts
 * (chain/x/fiat/keeper/msg_server_*.go wrap them into the error): "your settlement account holds
 * CHF 514.96" says more than "not enough of this fiat". Undefined when the log has no amounts or
 * their denom is not among `units`; the client's sentence for the code is used then.
 */
export function fiatRefusal(codespace: string, code: number, log: string, units: readonly FiatUnit[]): string | undefined {
  if (codespace !== "fiat") return undefined;
  const unitOf = (denom: string | undefined) => units.find((u) => u.denom === denom);
  const money = (amount: string | undefined, denom: string | undefined) => {
    const unit = unitOf(denom);
    return unit === undefined || amount === undefined ? undefined : formatMoney(BigInt(amount), unit);
  };
  const match = (pattern: string) => new RegExp(pattern).exec(log) ?? undefined;
  if (code === 16) {
    const held = match(`settlement account holds ${COIN}, cannot withdraw ${COIN}`);
    if (held !== undefined) {
      const [has, wants] = [money(held[1], held[2]), money(held[3], held[4])];
      if (has !== undefined && wants !== undefined) return `Your settlement account holds ${has}, less than the ${wants} you asked to withdraw; withdraw at most ${has}.`;
    }
    const spendable = match(`(owner|holder) has ${COIN} spendable, cannot (deposit|redeem) ${COIN}`);
    if (spendable !== undefined) {
      const [has, wants] = [money(spendable[2], spendable[3]), money(spendable[5], spendable[6])];
      if (has !== undefined && wants !== undefined) return `Your wallet holds ${has}, less than the ${wants} you asked to ${spendable[4] ?? "move"}; use at most ${has}.`;
    }
  }
  if (code === 20) {
    const locked = match(`${COIN} of ${COIN} is locked as collateral; at most ${COIN} can be withdrawn`);
    const [l, a] = [money(locked?.[1], locked?.[2]), money(locked?.[5], locked?.[6])];
    if (l !== undefined && a !== undefined) return `${l} of your settlement account is locked as collateral by the grid operator; withdraw at most ${a}, or ask the operator to unlock it.`;
  }
  if (code === 12) {
    const mint = match(String.raw`minting (\d+) would take ([a-z][a-z0-9./-]*) outstanding to (\d+), above the attested reserve (\d+)`);
    if (mint !== undefined) {
      const [after, reserve] = [money(mint[3], mint[2]), money(mint[4], mint[2])];
      if (after !== undefined && reserve !== undefined) return `Minting this would take the outstanding issuance to ${after}, above the attested reserve of ${reserve}; attest a larger reserve first, or mint less.`;
    }
    const attest = match(String.raw`reserve (\d+) is below the outstanding (\d+) of ([a-z][a-z0-9./-]*)`);
    if (attest !== undefined) {
      const out = money(attest[2], attest[3]);
      if (out !== undefined) return `The reserve may not fall below the ${out} outstanding; attest at least that.`;
    }
  }
  if (code === 19) {
    const paid = match(String.raw`redemption (\d+) was marked paid at height (\d+)`);
    if (paid !== undefined) return `Redemption #${paid[1] ?? ""} was already marked paid at block ${paid[2] ?? ""}; nothing more to do.`;
  }
  return undefined;
}

/**
 * settlementRefusal is the sentence for an x/settlement refusal whose log names the period or the
 * participant (chain/x/settlement/keeper/msg_server.go): "period 812 is settling" says more than
 * "the period's settlement run has started". Undefined otherwise; the client's sentence is used then.
 */
export function settlementRefusal(codespace: string, code: number, log: string): string | undefined {
  if (codespace !== "settlement") return undefined;
  if (code === 9) {
    const period = /period (\d+) is settled or settling/.exec(log)?.[1];
    if (period !== undefined) return `Period ${period} is settled or settling, so its transmission cost can no longer be declared or changed; declare a later period's cost, before its fee window has passed.`;
  }
  if (code === 10) {
    const m = /period (\d+) has not ended \(the current period is (\d+)\)/.exec(log);
    if (m !== null) return `Period ${m[1] ?? ""} has not been delivered yet (the current period is ${m[2] ?? ""}); declare the cost of a period before it.`;
  }
  if (code === 11) {
    const owner = /(\S+) owes nothing in "([^"]*)"/.exec(log);
    if (owner !== null) return `${owner[1] ?? ""} owes nothing in ${owner[2] ?? ""}: there is no debt to seize collateral for.`;
  }
  return undefined;
}

/**
 * interchainRefusal is the sentence for a cross-grid purchase the chain refused with its amounts
 * in the log (chain/x/interchain/keeper/purchase_origin.go): the buyer cannot pay in the side's
 * currency, or the purchase costs more than the maximum. Undefined otherwise.
 */
export function interchainRefusal(codespace: string, code: number, log: string): string | undefined {
  if (codespace !== "interchain") return undefined;
  // An ICS-20 voucher's denom is ibc/ and an upper-case hash.
  const COIN_ANY = String.raw`(\d+)([a-zA-Z][a-zA-Z0-9./-]*)`;
  const coin = (amount: string | undefined, denom: string | undefined) => `${amount ?? ""} ${denom !== undefined && denom.startsWith("ibc/") ? `${denom.slice(0, 10)}…` : (denom ?? "")}`;
  if (code === 35) {
    const pay = new RegExp(`the buyer cannot pay ${COIN_ANY}`).exec(log);
    if (pay !== null) {
      return (
        `You do not hold the ${coin(pay[1], pay[2])} (base units) this purchase costs with fees in your wallet on this chain. ` +
        "A purchase from another grid is paid in the side's own currency, here as its IBC voucher: bring it to this chain by an IBC transfer along the route first, then buy again."
      );
    }
  }
  if (code === 33) {
    const above = new RegExp(`the purchase costs ${COIN_ANY}, max_total is (\\d+)`).exec(log);
    if (above !== null) return `The purchase costs ${coin(above[1], above[2])} (base units) with every fee, more than the ${above[3] ?? ""} you allowed; raise your maximum or choose another offer.`;
  }
  return undefined;
}

/**
 * DETAILED are the refusals whose sentence is general (a field is invalid) while the chain's own
 * words name the field and its rule: x/balancing's validation of the operator's messages.
 */
const DETAILED = new Set([
  ...[4, 5, 6, 7, 11, 12, 15, 16, 17, 18, 31].map((code) => `balancing:${code}`),
  // x/interchain's bridge refusals name the link, the period and the Wh (capacity below what is reserved, bridge full).
  ...[16, 17, 18].map((code) => `interchain:${code}`),
]);

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
    const fiat = context.units === undefined ? undefined : fiatRefusal(error.codespace, error.code, error.rawLog, context.units);
    if (fiat !== undefined) return fiat;
    const settlement = settlementRefusal(error.codespace, error.code, error.rawLog);
    if (settlement !== undefined) return settlement;
    const interchain = interchainRefusal(error.codespace, error.code, error.rawLog);
    if (interchain !== undefined) return interchain;
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
