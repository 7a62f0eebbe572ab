/**
 * A transaction that two owners sign, in words for the owner asked to co-sign it, and the
 * partly signed transactions prepared in this browser (so that, with demo accounts, the other
 * owner finds it after switching accounts without copying it).
 */
import {
  isMsgCancelTokenJointlyEncodeObject,
  isMsgHandOverSideEncodeObject,
  isMsgMergeTokensEncodeObject,
  isMsgSplitTokenEncodeObject,
  type PartlySignedTx,
} from "@gridledger/client";
import type { EncodeObject } from "@cosmjs/proto-signing";

import { formatEnergy } from "../format/units.js";
import { sideName } from "../market/categories.js";
import { loadSetting, saveSetting } from "../storage.js";

const tokenIds = (list: readonly bigint[]) => list.map((x) => `#${x.toString()}`).join(", ");

/** describeMessage says what one message of a joint transaction does, naming people by `name`. */
export function describeMessage(m: EncodeObject, name: (address: string) => string): string {
  if (isMsgCancelTokenJointlyEncodeObject(m)) {
    const v = m.value;
    return `Cancel token #${String(v.tokenId)} without a fee: ${name(v.producerOwner ?? "")} gives up its producer side and ${name(v.consumerOwner ?? "")} its consumer side; nobody delivers or takes its energy.`;
  }
  if (isMsgSplitTokenEncodeObject(m)) {
    const v = m.value;
    const parts = v.whParts ?? [];
    const how = parts.length > 0 ? `into ${parts.length} tokens of ${parts.map((w) => formatEnergy(w)).join(" + ")} per period` : `after period ${String(v.splitAfterPeriod)} into two tokens`;
    return `Split token #${String(v.tokenId)} ${how}; ${name(v.producerOwner ?? "")} keeps the producer sides and ${name(v.consumerOwner ?? "")} the consumer sides.`;
  }
  if (isMsgMergeTokensEncodeObject(m)) {
    const v = m.value;
    return `Merge tokens ${tokenIds(v.tokenIds ?? [])} into one; ${name(v.producerOwner ?? "")} keeps the producer side and ${name(v.consumerOwner ?? "")} the consumer side.`;
  }
  if (isMsgHandOverSideEncodeObject(m)) {
    const v = m.value;
    return `Hand the ${sideName(v.side ?? 0)} of token #${String(v.tokenId)} from ${name(v.from ?? "")} to ${name(v.to ?? "")}, outside the market.`;
  }
  return `A message the portfolio does not know (${m.typeUrl}): do not sign it unless you know what it does.`;
}

/** tokensOf are the tokens a joint transaction's messages act on, to show them before signing. */
export function tokensOf(messages: readonly EncodeObject[]): bigint[] {
  const out: bigint[] = [];
  for (const m of messages) {
    const v = m.value as { tokenId?: bigint; tokenIds?: bigint[] };
    if (typeof v.tokenId === "bigint") out.push(v.tokenId);
    for (const t of v.tokenIds ?? []) out.push(t);
  }
  return out;
}

/** PendingJointTx is a partly signed transaction prepared in this browser, waiting for `waitingFor`. */
export interface PendingJointTx {
  readonly chainId: string;
  readonly waitingFor: string;
  readonly text: string;
  readonly what: string;
}

const KEY = "portfolio.jointTx";

export function pendingJointTxs(): PendingJointTx[] {
  return loadSetting<PendingJointTx[]>(KEY, []);
}

export function rememberJointTx(tx: PendingJointTx): void {
  saveSetting(KEY, [tx, ...pendingJointTxs().filter((p) => p.text !== tx.text)].slice(0, 10));
}

export function forgetJointTx(text: string): void {
  saveSetting(KEY, pendingJointTxs().filter((p) => p.text !== text));
}

/** waitingFor is the first signer whose signature is missing. */
export function waitingFor(tx: PartlySignedTx): string | undefined {
  return tx.signers.find((_, i) => (tx.signatures[i]?.length ?? 0) === 0)?.address;
}
