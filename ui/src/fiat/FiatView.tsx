/**
 * Fiat: the connected participant's money per currency (wallet, settlement account, locked
 * collateral), deposits into and withdrawals from the settlement account, redemptions at the bank
 * and their state; for a bank's own account, its reserve, minted, redeemed and outstanding fiat and
 * fees, with reserve attestations, mints and the payouts it owes. Every action is previewed (amount,
 * fee, balances after) before it is signed.
 */
import { BankEntityStatus, ParticipantStatus } from "@gridledger/client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { type Bank, useHoldings, useParticipants } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { formatMoney } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { feeRule, type MoveKind, outstanding } from "./amounts.js";
import { MoveForm } from "./MoveForm.js";
import "./fiat.css";
import { BankPanel, totalsOf } from "./BankPanel.js";
import { allRedemptions } from "./fiatReads.js";
import { RedemptionTable } from "./RedemptionTable.js";

/** admittedIn: the chain takes deposits only from admitted participants that are not excluded. */
function admittedIn(participants: ReadonlyMap<string, { readonly status: ParticipantStatus }>, address: string): boolean {
  const p = participants.get(address);
  return p !== undefined && p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED;
}


const MOVES: readonly { kind: MoveKind; label: string }[] = [
  { kind: "deposit", label: "Deposit" },
  { kind: "withdraw", label: "Withdraw" },
  { kind: "redeem", label: "Redeem" },
];

export function FiatView() {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const name = useNames();
  const queryClient = useQueryClient();
  const participants = useParticipants();
  const owner = account?.address ?? "";
  const refresh = () => queryClient.invalidateQueries({ queryKey: chainKey(chain) });

  // The banks with their totals, every block: a bank watches its own figures move.
  const banks = useChainQuery(["fiat", "view", "banks"], async (client): Promise<Bank[]> => {
    const { banks: list } = await client.query.fiat.banks();
    return list.map((b) => ({ denom: b.denom, currency: b.currency, exponent: b.exponent, entity: b }));
  });
  const money = useHoldings(owner, banks.data?.map((b) => b.denom));
  const redemptions = useChainQuery(
    ["fiat", "view", "redemptions", banks.data?.map((b) => b.denom) ?? []],
    async (client) => new Map(await Promise.all((banks.data ?? []).map(async (b) => [b.denom, await allRedemptions(client, b.denom)] as const))),
    { enabled: banks.data !== undefined },
  );

  const [denom, setDenom] = useState<string | undefined>(undefined);
  const [move, setMove] = useState<MoveKind>("deposit");
  const units = banks.data ?? [];
  const unit = units.find((b) => b.denom === denom) ?? units[0];
  const holdings = money.data?.find((m) => m.denom === unit?.denom);
  const mine = [...(redemptions.data?.values() ?? [])].flat().filter((r) => r.holder === owner);
  const ownBanks = units.filter((b) => owner !== "" && b.entity.address === owner);
  const unitOf = (d: string) => units.find((b) => b.denom === d) ?? { denom: d, currency: d, exponent: 0 };
  const signerName = account === undefined ? undefined : name(account.address);

  const head = (
    <div className="view-head">
      <h1>Fiat</h1>
      {account === undefined ? null : (
        <p className="hint">
          {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
        </p>
      )}
    </div>
  );

  const banksCard = (
    <section className="card" aria-labelledby="fiat-banks-title">
      <h2 id="fiat-banks-title">Banks on {chain.name}</h2>
      {banks.isError ? (
        <ErrorNote error={banks.error} rpc={chain.rpc} />
      ) : banks.data === undefined ? (
        <Loading label="Reading the banks…" height="5rem" />
      ) : banks.data.length === 0 ? (
        <Empty title="No bank issues fiat on this chain">Governance approves banks (x/fiat MsgApproveBank in a proposal); until then nothing can be paid here.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-label="Banks">
          <table className="figures fiat-cardrows" data-testid="banks">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Bank</th>
                <th scope="col" className="num">
                  Reserve
                </th>
                <th scope="col" className="num">
                  Outstanding
                </th>
                <th scope="col">Fee</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {banks.data.map((b) => (
                <tr key={b.denom}>
                  <td data-label="Currency">
                    {b.currency} <span className="hint">{b.denom}</span>
                  </td>
                  <td data-label="Bank">{name(b.entity.address)}</td>
                  <td data-label="Reserve" className="num">{formatMoney(totalsOf(b).reserve, b)}</td>
                  <td data-label="Outstanding" className="num">{formatMoney(outstanding(totalsOf(b)), b)}</td>
                  <td data-label="Fee">{feeRule(b.entity.feeModel, b).replace(/^the bank charges /, "")}</td>
                  <td data-label="Status">{b.entity.status === BankEntityStatus.BANK_ENTITY_STATUS_REVOKED ? "revoked: no more minting" : "active"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );

  if (account === undefined) {
    return (
      <div className="fiat">
        {head}
        <Empty title="No account chosen">Choose an account at the top: a demo account on a local network, or your Keplr wallet.</Empty>
        {banksCard}
      </div>
    );
  }

  return (
    <div className="fiat">
      {head}
      {ownBanks.map((b) => (
        <BankPanel
          key={b.denom}
          bank={b}
          redemptions={redemptions.data?.get(b.denom)}
          redemptionsError={redemptions.error}
          units={units}
          signerName={signerName}
          recipients={[...(participants.data?.values() ?? [])]
            .filter((p) => p.status !== ParticipantStatus.PARTICIPANT_STATUS_EXCLUDED)
            .map((p) => ({ address: p.address, name: p.displayName }))
            .sort((x, y) => x.name.localeCompare(y.name))}
          onChanged={refresh}
        />
      ))}
      <div className="cards">
        <section className="card" aria-labelledby="fiat-money-title">
          <h2 id="fiat-money-title">Your money</h2>
          {money.isError || banks.isError ? (
            <ErrorNote error={money.error ?? banks.error} rpc={chain.rpc} />
          ) : banks.data?.length === 0 ? (
            <Empty title="No currency on this chain" />
          ) : money.data === undefined ? (
            <Loading label="Reading your balances…" height="6rem" />
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} aria-label="Your money">
                <table className="figures fiat-cardrows" data-testid="money">
                  <thead>
                    <tr>
                      <th scope="col">Currency</th>
                      <th scope="col" className="num">
                        Wallet
                      </th>
                      <th scope="col" className="num">
                        Settlement account
                      </th>
                      <th scope="col" className="num">
                        locked
                      </th>
                      <th scope="col" className="num">
                        can withdraw
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {money.data.map((m) => {
                      const u = unitOf(m.denom);
                      return (
                        <tr key={m.denom} data-testid={`money-${m.denom}`}>
                          <td data-label="Currency">{u.currency}</td>
                          <td data-label="Wallet" className="num" data-testid="wallet">
                            {formatMoney(m.wallet, u)}
                          </td>
                          <td data-label="Settlement account" className="num" data-testid="settlement">
                            {formatMoney(m.settlement, u)}
                          </td>
                          <td data-label="Locked" className="num" data-testid="locked">
                            {formatMoney(m.locked, u)}
                          </td>
                          <td data-label="Can withdraw" className="num" data-testid="available">
                            {formatMoney(m.settlement - m.locked, u)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="hint">
                The market and settlement pay from the settlement account. Locked money is collateral the grid operator holds; only the operator locks and unlocks it.
              </p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="fiat-move-title">
          <div className="card-head">
            <h2 id="fiat-move-title">Move money</h2>
            {units.length > 1 ? (
              <label className="fiat-currency">
                Currency{" "}
                <select value={unit?.denom ?? ""} onChange={(e) => setDenom(e.target.value)}>
                  {units.map((b) => (
                    <option key={b.denom} value={b.denom}>
                      {b.currency} ({b.denom})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <div className="fiat-tabs" role="group" aria-label="What to do">
            {MOVES.map((m) => (
              <button key={m.kind} type="button" aria-pressed={move === m.kind} className={move === m.kind ? "selected" : undefined} onClick={() => setMove(m.kind)}>
                {m.label}
              </button>
            ))}
          </div>
          {unit === undefined || holdings === undefined ? (
            money.isError ? null : banks.data?.length === 0 ? <Empty title="Nothing to move: no bank issues fiat here" /> : <Loading label="Reading your balances…" height="9rem" />
          ) : (
            <MoveForm
              key={`${owner}-${move}-${unit.denom}`}
              kind={move}
              unit={unit}
              feeModel={unit.entity.feeModel}
              holdings={holdings}
              admitted={participants.data === undefined ? true : admittedIn(participants.data, owner)}
              rpc={chain.rpc}
              units={units}
              {...(signerName === undefined ? {} : { signerName })}
              submit={async (amount, reference) => {
                if (signer === undefined) throw new Error("Choose an account first.");
                const coin = { denom: unit.denom, amount };
                try {
                  if (move === "deposit") await signer.deposit(account.address, coin);
                  else if (move === "withdraw") await signer.withdraw(account.address, coin);
                  else return await signer.redeem(account.address, coin, reference);
                  return undefined;
                } finally {
                  void refresh();
                }
              }}
            />
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="fiat-redemptions-title">
        <h2 id="fiat-redemptions-title">Your redemption requests</h2>
        {redemptions.isError ? (
          <ErrorNote error={redemptions.error} rpc={chain.rpc} />
        ) : redemptions.data === undefined ? (
          <Loading label="Reading redemptions…" height="5rem" />
        ) : mine.length === 0 ? (
          <Empty title="No redemption requests">Redeem fiat above: it is burned at once, and the bank pays it out to your payout reference.</Empty>
        ) : (
          <RedemptionTable rows={mine} unitOf={unitOf} />
        )}
      </section>
      {banksCard}
    </div>
  );
}
