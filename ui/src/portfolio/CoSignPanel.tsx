/**
 * Co-signing a transaction another owner prepared and signed: paste it (or open one prepared in
 * this browser), read what it does and who signed, and sign and broadcast it. Before signing it
 * checks what the chain would: the chain, the signatures already given, and that no signer has
 * sent another transaction since (which makes it stale).
 */
import {
  createGridledgerAminoTypes,
  createGridledgerRegistry,
  decodePartlySignedTx,
  encodePartlySignedTx,
  type GridledgerClient,
  invalidSignatures,
  jointTxFee,
  jointTxMessages,
  missingSigners,
  type PartlySignedTx,
  staleSigners,
  tokenStatusToJSON,
} from "@gridledger/client";
import { useId, useMemo, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, Loading } from "../components/Status.js";
import { formatWindow } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { HandOver } from "./HandOver.js";
import { describeMessage, forgetJointTx, pendingJointTxs, rememberJointTx, tokensOf, waitingFor } from "./jointtx.js";
import { useSign } from "./useJointAction.js";

/** feeText is a transaction fee for people: "none" on a dev chain that charges nothing. */
function feeText(fee: { readonly amount: readonly { readonly denom: string; readonly amount: string }[]; readonly gas: string }): string {
  const paid = fee.amount.filter((c) => c.amount !== "0");
  return paid.length === 0 ? `none (gas limit ${Number(fee.gas).toLocaleString()})` : paid.map((c) => `${c.amount} ${c.denom}`).join(" + ");
}

const registry = createGridledgerRegistry();
const aminoTypes = createGridledgerAminoTypes(registry);

async function review(client: GridledgerClient, tx: PartlySignedTx) {
  const messages = jointTxMessages(tx, registry);
  const [sequences, invalid, tokens] = await Promise.all([
    Promise.all(tx.signers.map(async (s) => [s.address, (await client.stargate.getSequence(s.address)).sequence] as const)).then((e) => new Map(e)),
    invalidSignatures(tx, registry, aminoTypes),
    Promise.all(tokensOf(messages).map((id) => client.query.energy.token(id).catch(() => undefined))),
  ]);
  return { messages, stale: staleSigners(tx, sequences), invalid, tokens };
}

export function CoSignPanel({ name, periodSeconds }: { readonly name: (address: string) => string; readonly periodSeconds: bigint }) {
  const id = useId();
  const { chain } = useChain();
  const { account } = useWallet();
  const me = account?.address ?? "";
  const [text, setText] = useState("");
  const [opened, setOpened] = useState("");
  const decoded = useMemo((): { tx?: PartlySignedTx; error?: unknown } => {
    if (opened === "") return {};
    try {
      return { tx: decodePartlySignedTx(opened) };
    } catch (error) {
      return { error };
    }
  }, [opened]);
  const tx = decoded.tx;
  const checks = useChainQuery(["joint-tx", opened], (client) => (tx === undefined ? Promise.resolve(undefined) : review(client, tx)), { enabled: tx !== undefined, refresh: "slow" });
  const sign = useSign(async (signer, address) => {
    if (tx === undefined) throw new Error("Paste a transaction first.");
    const signed = await signer.cosignJointly(tx, address);
    forgetJointTx(opened);
    if (missingSigners(signed).length === 0) return { broadcast: await signer.broadcastJointly(signed) };
    const next = { text: encodePartlySignedTx(signed), waitingFor: waitingFor(signed) ?? "" };
    rememberJointTx({ chainId: chain.chainId, what: "a joint transaction", ...next });
    return { next };
  });

  // Read again when the account changes or a signature is given (the list lives in the browser's storage).
  const waiting = useMemo(() => pendingJointTxs().filter((p) => p.chainId === chain.chainId && p.waitingFor === me), [chain.chainId, me, sign.status]);
  const missing = tx === undefined ? [] : missingSigners(tx);
  const problems: string[] = [];
  if (tx !== undefined) {
    if (tx.chainId !== chain.chainId) problems.push(`This transaction is for chain ${tx.chainId}, not ${chain.chainId}: choose that chain at the top.`);
    if (!missing.includes(me)) problems.push(tx.signers.some((s) => s.address === me) ? "You have signed this transaction already." : "You are not one of the owners who must sign this transaction: choose that owner's account at the top.");
    for (const a of checks.data?.invalid ?? []) problems.push(`${name(a)}'s signature does not fit this transaction: it was changed after signing. Do not sign it; ask for a new one.`);
    for (const a of checks.data?.stale ?? []) {
      problems.push(a === me ? "You have sent another transaction since this one was prepared, so it can no longer be signed as it is: ask the other owner to prepare it again." : `${name(a)} has sent another transaction since signing this one, so it is stale: ask them to prepare it again.`);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="cosign">
      <h2 id={`${id}-title`}>Co-sign a transaction</h2>
      <p className="hint">Splits, merges and cancellations of a token whose sides two owners hold need both signatures: one owner signs first and hands the transaction over.</p>
      {waiting.length > 0 ? (
        <ul className="waiting" data-testid="cosign-waiting">
          {waiting.map((w) => (
            <li key={w.text}>
              {w.what}, prepared in this browser, waits for your signature{" "}
              <button type="button" onClick={() => { setText(w.text); setOpened(w.text); sign.reset(); }}>
                Open
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="cosign-form"
        onSubmit={(e) => {
          e.preventDefault();
          sign.reset();
          setOpened(text.trim());
        }}
      >
        <label htmlFor={`${id}-text`}>Partly signed transaction</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="gridledger-joint-tx-v1:…" data-testid="cosign-text" />
        <button type="submit" disabled={text.trim() === ""}>
          Read it
        </button>
      </form>
      {decoded.error !== undefined ? <ErrorNote error={decoded.error} /> : null}
      {tx === undefined ? null : sign.isSuccess ? (
        sign.data.broadcast !== undefined ? (
          <p role="status" className="success" data-testid="cosign-done">
            Signed and broadcast: included in block {sign.data.broadcast.height.toLocaleString()}.
          </p>
        ) : sign.data.next !== undefined ? (
          <HandOver prepared={sign.data.next} name={name} demo={account?.testKey === true} />
        ) : null
      ) : checks.isError ? (
        <ErrorNote error={checks.error} rpc={chain.rpc} />
      ) : checks.data === undefined ? (
        <Loading label="Checking the transaction against the chain…" height="6rem" />
      ) : (
        <div className="cosign-review" data-testid="cosign-review">
          <h3>What it does</h3>
          <ul>
            {checks.data.messages.map((m, i) => (
              <li key={i}>{describeMessage(m, name)}</li>
            ))}
          </ul>
          {checks.data.tokens.map((t, i) =>
            t === undefined ? null : (
              <p key={i} className="hint">
                Token #{t.id.toString()}: {formatEnergy(t.whPerPeriod)} per period, {formatWindow(t.firstPeriod, t.lastPeriod, periodSeconds)}, now{" "}
                {tokenStatusToJSON(t.status).replace("TOKEN_STATUS_", "").toLowerCase()}.
              </p>
            ),
          )}
          <p className="hint" data-testid="cosign-fee">
            Network fee: {feeText(jointTxFee(tx))}, paid by {name(tx.signers[0]?.address ?? "")}.
          </p>
          <h3>Signatures</h3>
          <ul data-testid="cosign-signers">
            {tx.signers.map((s) => (
              <li key={s.address}>
                {name(s.address)}
                {s.address === me ? " (you)" : ""}: {missing.includes(s.address) ? "not signed yet" : "signed"}
              </li>
            ))}
          </ul>
          <ul className="warning problems" role="alert" hidden={problems.length === 0}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="primary" disabled={problems.length > 0 || sign.isPending} onClick={() => sign.mutate()} data-testid="cosign-confirm">
              {missing.length === 1 ? "Co-sign and broadcast" : "Co-sign"}
            </button>
          </div>
        </div>
      )}
      {sign.isError ? <ErrorNote error={sign.error} rpc={chain.rpc} title="Not signed." /> : null}
      {sign.isPending ? <Loading label={`Signing as ${account?.name ?? "you"} and waiting for the block…`} height="2rem" /> : null}
    </section>
  );
}
