/** What a connected bank sees of its own denom: totals, payouts it owes, attest and mint, its audit trail. */
import { AuditKind, BankEntityStatus, type Redemption, RedemptionStatus } from "@gridledger/client";
import { useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { type Bank } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatMoney } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { type BankTotals, feeRule, hexToBytes, outstanding } from "./amounts.js";
import { AttestForm, MintForm } from "./BankForms.js";
import "./fiat.css";
import { AUDIT_SHOWN, latestAudit } from "./fiatReads.js";
import { RedemptionTable } from "./RedemptionTable.js";

const AUDIT_WORDS: Readonly<Record<number, string>> = {
  [AuditKind.AUDIT_KIND_ATTESTATION]: "reserve attested",
  [AuditKind.AUDIT_KIND_MINT]: "minted",
  [AuditKind.AUDIT_KIND_REDEMPTION]: "redemption requested",
  [AuditKind.AUDIT_KIND_PAYOUT]: "paid out",
};

export const totalsOf = (b: Bank): BankTotals => ({
  reserve: BigInt(b.entity.reserve || "0"),
  minted: BigInt(b.entity.minted || "0"),
  burned: BigInt(b.entity.burned || "0"),
  feesReceived: BigInt(b.entity.feesReceived || "0"),
});

interface BankPanelProps {
  readonly bank: Bank;
  readonly redemptions: readonly Redemption[] | undefined;
  readonly redemptionsError: unknown;
  readonly units: readonly Bank[];
  readonly signerName: string | undefined;
  readonly recipients: readonly { address: string; name: string }[];
  readonly onChanged: () => unknown;
}

/** BankPanel is what the connected bank sees of its own denom. */
export function BankPanel({ bank, redemptions, redemptionsError, units, signerName, recipients, onChanged }: BankPanelProps) {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const totals = totalsOf(bank);
  const out = outstanding(totals);
  const [confirming, setConfirming] = useState<bigint | undefined>(undefined);
  const [paying, setPaying] = useState<bigint | undefined>(undefined);
  const [payError, setPayError] = useState<unknown>(undefined);
  const pending = (redemptions ?? []).filter((r) => r.status === RedemptionStatus.REDEMPTION_STATUS_PENDING);
  const paid = (redemptions ?? []).filter((r) => r.status === RedemptionStatus.REDEMPTION_STATUS_PAID).slice(0, 10);
  const hash = Array.from(bank.entity.reserveStatementHash ?? new Uint8Array(), (b) => b.toString(16).padStart(2, "0")).join("");
  const common = { unit: bank, totals, rpc: chain.rpc, units, ...(signerName === undefined ? {} : { signerName }) };
  const name = useNames();
  const audit = useChainQuery(["fiat", "view", "audit", bank.denom], (client) => latestAudit(client, bank.denom), { refresh: "slow" });

  const markPaid = async (r: Redemption) => {
    if (signer === undefined || account === undefined) return;
    setPaying(r.id);
    setPayError(undefined);
    try {
      await signer.markRedemptionPaid(account.address, r.id);
      setConfirming(undefined);
    } catch (err) {
      setPayError(err);
    } finally {
      setPaying(undefined);
      void onChanged();
    }
  };

  return (
    <section className="card fiat-bank" aria-labelledby={`bank-${bank.denom}-title`} data-testid={`bank-${bank.denom}`}>
      <h2 id={`bank-${bank.denom}-title`}>
        Your bank: {bank.currency} <span className="hint">{bank.denom}</span>
      </h2>
      <dl className="facts fiat-totals">
        <dt>Reserve attested</dt>
        <dd data-testid="reserve">
          {formatMoney(totals.reserve, bank)}
          {hash === "" ? null : (
            <span className="hint">
              {" "}
              statement <code title={hash}>{hash.slice(0, 12)}…</code>
            </span>
          )}
        </dd>
        <dt>Minted</dt>
        <dd data-testid="minted">{formatMoney(totals.minted, bank)}</dd>
        <dt>Redeemed (burned)</dt>
        <dd data-testid="burned">{formatMoney(totals.burned, bank)}</dd>
        <dt>Outstanding</dt>
        <dd data-testid="outstanding">
          <strong>{formatMoney(out, bank)}</strong> <span className="hint">(minted − redeemed; never above the reserve)</span>
        </dd>
        <dt>Room to mint</dt>
        <dd data-testid="headroom">{formatMoney(totals.reserve - out > 0n ? totals.reserve - out : 0n, bank)}</dd>
        <dt>Fees received</dt>
        <dd data-testid="fees">
          {formatMoney(totals.feesReceived, bank)} <span className="hint">({feeRule(bank.entity.feeModel, bank).replace(/^the bank charges/, "you charge")})</span>
        </dd>
        <dt>Status</dt>
        <dd>{bank.entity.status === BankEntityStatus.BANK_ENTITY_STATUS_REVOKED ? "revoked by governance: you may no longer mint; holders still redeem" : "active"}</dd>
      </dl>

      <h3>Redemptions to pay out</h3>
      {redemptionsError !== null && redemptionsError !== undefined ? (
        <ErrorNote error={redemptionsError} rpc={chain.rpc} />
      ) : redemptions === undefined ? (
        <Loading label="Reading redemptions…" height="4rem" />
      ) : pending.length === 0 ? (
        <Empty title="No pending redemptions">When a holder redeems, the request waits here until you mark it paid.</Empty>
      ) : (
        <div data-testid="pending-redemptions">
          <RedemptionTable
            rows={pending}
            unitOf={() => bank}
            action={(r) =>
              confirming === r.id ? (
                <span className="fiat-confirm-paid">
                  <span className="hint">Paid {formatMoney(BigInt(r.amount || "0"), bank)} to {r.payoutReference}? No fee.</span>{" "}
                  <button type="button" className="primary" onClick={() => void markPaid(r)} disabled={paying !== undefined} autoFocus>
                    {paying === r.id ? "Signing…" : `Confirm #${r.id.toString()} paid`}
                  </button>{" "}
                  <button type="button" onClick={() => setConfirming(undefined)} disabled={paying !== undefined}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirming(r.id)} disabled={paying !== undefined} aria-label={`Mark redemption #${r.id.toString()} paid`}>
                  Mark paid…
                </button>
              )
            }
          />
        </div>
      )}
      {payError === undefined ? null : <ErrorNote error={payError} rpc={chain.rpc} units={units} title="Not marked paid." />}
      {paid.length === 0 ? null : (
        <details className="fiat-paid">
          <summary>Recently paid out ({paid.length})</summary>
          <RedemptionTable rows={paid} unitOf={() => bank} />
        </details>
      )}

      <details className="fiat-audit" data-testid="audit">
        <summary>Audit trail (latest {AUDIT_SHOWN})</summary>
        {audit.isError ? (
          <ErrorNote error={audit.error} rpc={chain.rpc} />
        ) : audit.data === undefined ? (
          <Loading label="Reading the audit trail…" height="4rem" />
        ) : audit.data.length === 0 ? (
          <Empty title="Nothing recorded yet" />
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Audit trail">
            <table className="figures fiat-cardrows">
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col">What</th>
                  <th scope="col">Participant</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.map((e) => (
                  <tr key={e.id.toString()}>
                    <td data-label="Block">{e.height.toLocaleString("en-GB")}</td>
                    <td data-label="What">
                      {AUDIT_WORDS[e.kind] ?? "unknown"}
                      {e.redemptionId > 0n ? ` #${e.redemptionId.toString()}` : ""}
                    </td>
                    <td data-label="Participant">{e.account === "" ? "—" : name(e.account)}</td>
                    <td data-label="Amount" className="num">
                      {formatMoney(BigInt(e.amount || "0"), bank)}
                    </td>
                    <td data-label="Reference">
                      <code className="fiat-hash">{e.kind === AuditKind.AUDIT_KIND_ATTESTATION ? `${e.reference.slice(0, 16)}…` : e.reference}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>

      <div className="cards">
        <div className="fiat-subcard">
          <h3>Attest the reserve</h3>
          <AttestForm
            {...common}
            submit={async (reserve, statementHex) => {
              if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
              try {
                return await signer.attestReserve(account.address, { denom: bank.denom, reserve, statementHash: hexToBytes(statementHex) });
              } finally {
                void onChanged();
              }
            }}
          />
        </div>
        <div className="fiat-subcard">
          <h3>Mint against a deposit</h3>
          <MintForm
            {...common}
            recipients={recipients}
            submit={async (recipient, amount, depositReference) => {
              if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
              try {
                return await signer.mint(account.address, { denom: bank.denom, recipient, amount, depositReference });
              } finally {
                void onChanged();
              }
            }}
          />
        </div>
      </div>
    </section>
  );
}

