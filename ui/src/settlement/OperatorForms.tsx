/**
 * The grid operator's settlement acts: declare a delivered period's transmission cost, set the
 * security-of-supply fee rule, set a participant's collateral requirement, seize a debtor's
 * collateral. Everyone sees what is in force; only the grid operator may sign, and the forms
 * say so to everyone else, naming the operator.
 */
import { type Debt, SecurityFeeMethod } from "@gridledger/client";
import { type FormEvent, type ReactNode, useId, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import type { Bank } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, shortAddress } from "../components/Status.js";
import { readAmount } from "../fiat/amounts.js";
import { formatPeriod } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney } from "../format/units.js";
import { useOperatorAct } from "../operator/useOperator.js";
import { METHOD_LABELS } from "./settlement.js";

interface FormsProps {
  readonly acting: boolean;
  /** operatorName names the grid operator to those who are not it. */
  readonly operatorName: string;
  readonly banks: readonly Bank[];
  readonly periodSeconds: bigint;
  readonly current: bigint;
  readonly unitOf: (denom: string) => FiatUnit;
}

const NOTE_MAX = 140;
/** MAX_INTERVAL is the longest security-of-supply interval the chain accepts: a year of 15-minute periods. */
const MAX_INTERVAL = 96n * 366n;
const toBig = (text: string): bigint | undefined => (/^\d{1,19}$/.test(text.trim()) ? BigInt(text.trim()) : undefined);

/** ActForm is one operator form: read-only (a disabled fieldset) with the operator named, unless the operator is connected. */
function ActForm({ title, acting, operatorName, onSubmit, children, testId }: { readonly title: string; readonly acting: boolean; readonly operatorName: string; readonly onSubmit: () => void; readonly children: ReactNode; readonly testId: string }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (acting) onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label={title} className="settlement-act" data-testid={testId}>
      <h3>{title}</h3>
      {acting ? null : (
        <p className="hint read-only" data-testid="read-only">
          Read only: only the grid operator, {operatorName}, may do this.
        </p>
      )}
      <fieldset disabled={!acting}>{children}</fieldset>
    </form>
  );
}

function CurrencySelect({ banks, value, onChange, label }: { readonly banks: readonly Bank[]; readonly value: string; readonly onChange: (denom: string) => void; readonly label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} disabled={banks.length < 2}>
      {banks.map((b) => (
        <option key={b.denom} value={b.denom}>
          {b.currency}
        </option>
      ))}
    </select>
  );
}

export function TransmissionCostForm({ acting, operatorName, banks, periodSeconds, current, unitOf }: FormsProps) {
  const { chain } = useChain();
  const id = useId();
  const [periodText, setPeriodText] = useState(current > 1n ? (current - 1n).toString() : "1");
  const [denom, setDenom] = useState(banks[0]?.denom ?? "");
  const [amountText, setAmountText] = useState("");
  const [lossesText, setLossesText] = useState("");
  const [description, setDescription] = useState("");
  const unit = unitOf(denom);
  const period = toBig(periodText);
  const amount = readAmount(amountText, unit, true);
  const losses = lossesText === "" ? 0n : toBig(lossesText);
  const periodError = period === undefined || period < 1n ? "Enter a period number." : period >= current ? `Period ${period.toString()} has not been delivered yet; choose one before ${current.toString()}.` : undefined;
  const declared = useChainQuery(["settlement", "transmissionCost", period], async (client) => (await client.query.settlement.transmissionCost(period ?? 0n)) ?? null, { enabled: period !== undefined && period > 0n });
  const declare = useOperatorAct((signer, op, input: { period: bigint; amount: bigint; denom: string; lossesWh: bigint; description: string }) => signer.declareTransmissionCost(op, input));
  const ready = periodError === undefined && amount.amount !== undefined && losses !== undefined && description.length <= NOTE_MAX;
  return (
    <ActForm
      title="Declare a transmission cost"
      testId="transmission-form"
      acting={acting}
      operatorName={operatorName}
      onSubmit={() => {
        if (ready && period !== undefined && amount.amount !== undefined && losses !== undefined) declare.mutate({ period, amount: amount.amount, denom, lossesWh: losses, description });
      }}
    >
      <p className="hint">Joule losses and redispatch of a delivered period, shared among its consumers pro rata of net consumption when the period settles. It can be corrected until then.</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-period`}>Period</label>
          <input id={`${id}-period`} inputMode="numeric" value={periodText} onChange={(e) => setPeriodText(e.target.value)} aria-invalid={periodError !== undefined} />
          <span className="hint">{period === undefined || period < 1n ? "" : formatPeriod(period, periodSeconds)}</span>
          {periodError !== undefined && periodText !== "" ? <span className="field-error">{periodError}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Cost</label>
          <span className="ask">
            <CurrencySelect banks={banks} value={denom} onChange={setDenom} label="Currency of the cost" />
            <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder="120.00" aria-invalid={amount.error !== undefined} />
          </span>
          {amount.error !== undefined ? <span className="field-error">{amount.error}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-losses`}>Losses (Wh, informative)</label>
          <input id={`${id}-losses`} inputMode="numeric" value={lossesText} onChange={(e) => setLossesText(e.target.value)} placeholder="0" aria-invalid={losses === undefined} />
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-description`}>What it is for (no personal data)</label>
          <input id={`${id}-description`} value={description} maxLength={NOTE_MAX} onChange={(e) => setDescription(e.target.value)} placeholder="Joule losses, redispatch" />
        </div>
      </div>
      <p className="hint" data-testid="declared-cost" aria-live="polite">
        {period === undefined || period < 1n
          ? ""
          : declared.isError
            ? "The declared cost could not be read."
            : declared.data === undefined
              ? "Reading the declared cost…"
              : declared.data === null
                ? `No transmission cost declared for period ${period.toString()}.`
                : `Declared for period ${period.toString()}: ${formatMoney(BigInt(declared.data.amount || "0"), unitOf(declared.data.denom))}${declared.data.lossesWh > 0n ? `, ${formatEnergy(declared.data.lossesWh)} lost` : ""}${declared.data.description === "" ? "" : ` (${declared.data.description})`}${declared.data.allocated ? `, shared over ${formatEnergy(declared.data.consumptionWh)}` : ", not shared out yet"}.`}
      </p>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={!ready || declare.isPending}>
          {declare.isPending ? "Declaring…" : "Declare cost"}
        </button>
      </div>
      {declare.isError ? <ErrorNote error={declare.error} rpc={chain.rpc} title="Not declared." /> : null}
      {declare.isSuccess ? (
        <p className="success" role="status" data-testid="declare-done">
          Declared {formatMoney(declare.variables.amount, unitOf(declare.variables.denom))} for period {declare.variables.period.toString()}.
        </p>
      ) : null}
    </ActForm>
  );
}

export function SecurityFeeForm({ acting, operatorName, banks, periodSeconds, current, unitOf }: FormsProps) {
  const { chain } = useChain();
  const id = useId();
  const rule = useChainQuery(["settlement", "securityFeeRule"], async (client) => (await client.query.settlement.securityFeeRule()) ?? null, { refresh: "slow" });
  const [method, setMethod] = useState<SecurityFeeMethod>(SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED);
  const [intervalText, setIntervalText] = useState(() => {
    // 30 days, within the chain's bound of a year of 15-minute periods.
    const month = (86_400n * 30n) / (periodSeconds > 0n ? periodSeconds : 900n);
    return (month > MAX_INTERVAL ? MAX_INTERVAL : month).toString();
  });
  const [denom, setDenom] = useState(banks[0]?.denom ?? "");
  const [amountText, setAmountText] = useState("");
  const [fromText, setFromText] = useState(current.toString());
  const interval = toBig(intervalText);
  const from = toBig(fromText);
  const amount = readAmount(amountText, unitOf(denom), true);
  const intervalError = interval === undefined || interval < 1n || interval > MAX_INTERVAL ? `Enter an interval of 1 to ${MAX_INTERVAL.toString()} periods.` : undefined;
  const set = useOperatorAct((signer, op, input: { method: SecurityFeeMethod; intervalPeriods: bigint; amount: bigint; denom: string; fromPeriod: bigint }) => signer.setSecurityFeeRule(op, input));
  const ready = intervalError === undefined && from !== undefined && amount.amount !== undefined;
  const r = rule.data;
  return (
    <ActForm
      title="Security-of-supply fee rule"
      testId="security-form"
      acting={acting}
      operatorName={operatorName}
      onSubmit={() => {
        if (ready && interval !== undefined && from !== undefined && amount.amount !== undefined) set.mutate({ method, intervalPeriods: interval, amount: amount.amount, denom, fromPeriod: from });
      }}
    >
      <p className="hint" data-testid="security-rule">
        {rule.isError
          ? "The rule could not be read."
          : r === undefined
            ? "Reading the rule…"
            : r === null
              ? "No security-of-supply fee is charged."
              : `In force: ${formatMoney(BigInt(r.amount || "0"), unitOf(r.denom))} every ${r.intervalPeriods.toString()} periods from period ${r.fromPeriod.toString()}, ${METHOD_LABELS[r.method] ?? "an unknown method"}.`}
      </p>
      <div className="form-grid">
        <div className="field wide">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(Number(e.target.value) as SecurityFeeMethod)}>
            {[SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED, SecurityFeeMethod.SECURITY_FEE_METHOD_CONSUMPTION, SecurityFeeMethod.SECURITY_FEE_METHOD_PEAK].map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>{method === SecurityFeeMethod.SECURITY_FEE_METHOD_FIXED ? "Fee per participant" : "Total per interval"}</label>
          <span className="ask">
            <CurrencySelect banks={banks} value={denom} onChange={setDenom} label="Currency of the fee" />
            <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder="10.00" aria-invalid={amount.error !== undefined} />
          </span>
          {amount.error !== undefined ? <span className="field-error">{amount.error}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-interval`}>Interval (periods)</label>
          <input id={`${id}-interval`} inputMode="numeric" value={intervalText} onChange={(e) => setIntervalText(e.target.value)} aria-invalid={intervalError !== undefined} />
          {intervalError !== undefined ? <span className="field-error">{intervalError}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>First period</label>
          <input id={`${id}-from`} inputMode="numeric" value={fromText} onChange={(e) => setFromText(e.target.value)} aria-invalid={from === undefined} />
        </div>
      </div>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={!ready || set.isPending}>
          {set.isPending ? "Setting…" : "Set rule"}
        </button>
      </div>
      {set.isError ? <ErrorNote error={set.error} rpc={chain.rpc} title="Not set." /> : null}
      {set.isSuccess ? <p className="success" role="status">The rule is set.</p> : null}
    </ActForm>
  );
}

export function CollateralForm({ acting, operatorName, banks, unitOf, participants }: FormsProps & { readonly participants: readonly { readonly address: string; readonly name: string }[] }) {
  const { chain } = useChain();
  const id = useId();
  const [owner, setOwner] = useState(participants[0]?.address ?? "");
  const [denom, setDenom] = useState(banks[0]?.denom ?? "");
  const [fixedText, setFixedText] = useState("");
  const [bpsText, setBpsText] = useState("0");
  const fixed = readAmount(fixedText, unitOf(denom), true);
  const bps = /^\d{1,6}$/.test(bpsText) ? Number(bpsText) : undefined;
  const bpsError = bps === undefined || bps > 100_000 ? "Enter 0 to 100000 basis points (100000 = ten times the open position)." : undefined;
  const status = useChainQuery(["settlement", "collateral", owner], (client) => client.query.settlement.collateralRequirement(owner), { enabled: owner !== "" });
  const set = useOperatorAct((signer, op, input: { owner: string; denom: string; fixed: bigint; openPositionBps: number }) => signer.setCollateralRequirement(op, input));
  const ready = owner !== "" && fixed.amount !== undefined && bpsError === undefined;
  const s = status.data;
  return (
    <ActForm
      title="Collateral requirement"
      testId="collateral-form"
      acting={acting}
      operatorName={operatorName}
      onSubmit={() => {
        if (ready && fixed.amount !== undefined && bps !== undefined) set.mutate({ owner, denom, fixed: fixed.amount, openPositionBps: bps });
      }}
    >
      <div className="form-grid">
        <div className="field wide">
          <label htmlFor={`${id}-owner`}>Participant</label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            {participants.map((p) => (
              <option key={p.address} value={p.address}>
                {p.name} ({shortAddress(p.address)})
              </option>
            ))}
          </select>
          <span className="hint" data-testid="collateral-status">
            {s === undefined
              ? ""
              : s.requirement.denom === ""
                ? "No requirement."
                : `Requires ${formatMoney(BigInt(s.required || "0"), unitOf(s.requirement.denom))} now (${formatMoney(BigInt(s.requirement.fixed || "0"), unitOf(s.requirement.denom))} fixed + ${String(s.requirement.openPositionBps)} bp of open positions); ${formatMoney(BigInt(s.locked || "0"), unitOf(s.requirement.denom))} locked${BigInt(s.locked || "0") < BigInt(s.required || "0") ? ": not met" : ""}.`}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-fixed`}>Fixed amount</label>
          <span className="ask">
            <CurrencySelect banks={banks} value={denom} onChange={setDenom} label="Currency of the collateral" />
            <input id={`${id}-fixed`} inputMode="decimal" value={fixedText} onChange={(e) => setFixedText(e.target.value)} placeholder="500.00" aria-invalid={fixed.error !== undefined} />
          </span>
          {fixed.error !== undefined ? <span className="field-error">{fixed.error}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-bps`}>Plus, of open positions (bp)</label>
          <input id={`${id}-bps`} inputMode="numeric" value={bpsText} onChange={(e) => setBpsText(e.target.value)} aria-invalid={bpsError !== undefined} />
          {bpsError !== undefined ? <span className="field-error">{bpsError}</span> : null}
        </div>
      </div>
      <p className="hint">Zero and zero removes the requirement.</p>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={!ready || set.isPending}>
          {set.isPending ? "Setting…" : "Set requirement"}
        </button>
      </div>
      {set.isError ? <ErrorNote error={set.error} rpc={chain.rpc} title="Not set." /> : null}
      {set.isSuccess ? <p className="success" role="status">The requirement is set.</p> : null}
    </ActForm>
  );
}

export function SeizeForm({ acting, operatorName, unitOf, debts, nameOf }: Pick<FormsProps, "acting" | "operatorName" | "unitOf"> & { readonly debts: readonly Debt[]; readonly nameOf: (address: string) => string }) {
  const { chain } = useChain();
  const id = useId();
  const [chosen, setChosen] = useState("");
  const debt = debts.find((d) => `${d.owner}|${d.denom}` === chosen) ?? debts[0];
  const seize = useOperatorAct((signer, op, input: { owner: string; denom: string }) => signer.seizeCollateral(op, input.owner, input.denom));
  return (
    <ActForm
      title="Seize a debtor's collateral"
      testId="seize-form"
      acting={acting}
      operatorName={operatorName}
      onSubmit={() => {
        if (debt !== undefined) seize.mutate({ owner: debt.owner, denom: debt.denom });
      }}
    >
      <p className="hint">Applies a postponed debtor&apos;s locked collateral to its debt now, before the default rules would.</p>
      {debts.length === 0 ? (
        <p className="hint">No one owes the settlement anything.</p>
      ) : (
        <div className="form-grid">
          <div className="field wide">
            <label htmlFor={`${id}-debt`}>Debt</label>
            <select id={`${id}-debt`} value={debt === undefined ? "" : `${debt.owner}|${debt.denom}`} onChange={(e) => setChosen(e.target.value)}>
              {debts.map((d) => (
                <option key={`${d.owner}|${d.denom}`} value={`${d.owner}|${d.denom}`}>
                  {nameOf(d.owner)}: {formatMoney(BigInt(d.amount || "0"), unitOf(d.denom))}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary danger" disabled={debt === undefined || seize.isPending}>
          {seize.isPending ? "Seizing…" : "Seize collateral"}
        </button>
      </div>
      {seize.isError ? <ErrorNote error={seize.error} rpc={chain.rpc} title="Nothing seized." /> : null}
      {seize.isSuccess ? (
        <p className="success" role="status">
          Seized {formatMoney(seize.data, unitOf(seize.variables.denom))} of {nameOf(seize.variables.owner)}&apos;s collateral.
        </p>
      ) : null}
    </ActForm>
  );
}

