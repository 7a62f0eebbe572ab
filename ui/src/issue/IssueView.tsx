/**
 * Issue: a form for a new token, validated like the chain validates, defaults from the
 * participant's meters, and a preview of what will be signed.
 */
import "./issue.css";

import type { IssueTokenInput, Participant } from "@gridledger/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { chainKey, useChain } from "../chain/ChainProvider.js";
import { useEnergyParams, useFiatUnits, useOwnMeters } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { issueErrorSentence } from "../format/errors.js";
import { formatWindow } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { IssueFormFields, useFieldErrors } from "./IssueForm.js";
import { IssueSummary } from "./IssueSummary.js";
import { previewText } from "./preview.js";
import { blankForm, type IssueForm, issueDefaults, validateIssue, withFittingConsumer } from "./validate.js";

/** useNow is the browser's clock in Unix seconds, ticking every few seconds (gates close as time passes). */
function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function IssueView() {
  const { chain } = useChain();
  const { account, signer } = useWallet();
  const queryClient = useQueryClient();
  const owner = account?.address ?? "";
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const now = useNow();
  const participant = useChainQuery(["issue", "participant", owner], (client) => client.query.balancing.participant(owner).catch((): Participant | null => null), {
    enabled: owner !== "",
    refresh: "slow",
  });
  const meters = useOwnMeters(owner);
  const balances = useChainQuery(
    ["issue", "settlement", owner],
    async (client) => (await client.query.fiat.settlementAccounts(owner)).accounts.map((a) => ({ denom: a.denom, balance: BigInt(a.balance || "0") })),
    { enabled: owner !== "", refresh: "slow" },
  );

  const [form, setForm] = useState<IssueForm | undefined>(undefined);
  const fieldErrors = useFieldErrors();
  const [preview, setPreview] = useState<IssueTokenInput | undefined>(undefined);
  const band = useChainQuery(["issue", "band", form?.denom ?? ""], (client) => client.query.energy.priceBand(form?.denom ?? ""), {
    enabled: (form?.denom ?? "") !== "",
    refresh: "slow",
  });

  const issue = useMutation({
    mutationFn: async (input: IssueTokenInput) => {
      if (signer === undefined || account === undefined) throw new Error("Choose an account first.");
      return signer.issueToken(account.address, input);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: chainKey(chain) }),
  });

  // A new account (or chain) starts a new form.
  useEffect(() => {
    setForm(undefined);
    setPreview(undefined);
    fieldErrors.reset();
    issue.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [owner, chain.chainId]);

  // The account's own data, not the previous account's kept on screen while it loads (keepPreviousData).
  const ready =
    params.data !== undefined &&
    banks.data !== undefined &&
    meters.data !== undefined &&
    balances.data !== undefined &&
    participant.data !== undefined &&
    !meters.isPlaceholderData &&
    !balances.isPlaceholderData &&
    !participant.isPlaceholderData;
  // Defaults once the participant's meters, the period clock and its money are known.
  useEffect(() => {
    if (!ready || form !== undefined || params.data === undefined || banks.data === undefined || meters.data === undefined || balances.data === undefined || participant.data === undefined) return;
    const d = issueDefaults({ participant: participant.data, meters: meters.data, params: params.data, now, units: banks.data, balances: balances.data });
    setForm({ ...blankForm(), ...d });
  }, [ready, form, params.data, banks.data, meters.data, balances.data, participant.data, now]);

  const head = (
    <div className="view-head">
      <h1>Issue</h1>
      {account === undefined ? null : (
        <p className="hint">
          {participant.data?.displayName ?? account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
        </p>
      )}
    </div>
  );

  if (account === undefined) {
    return (
      <div className="issue">
        {head}
        <Empty title="No account chosen">Choose an account at the top to issue a token at your meters: a demo account on a local network, or your Keplr wallet.</Empty>
      </div>
    );
  }
  const failed = [params, banks, participant, meters, balances].find((q) => q.isError);
  if (failed !== undefined) {
    return (
      <div className="issue">
        {head}
        <ErrorNote error={failed.error} rpc={chain.rpc} />
      </div>
    );
  }
  if (!ready || form === undefined || params.data === undefined || banks.data === undefined || meters.data === undefined) {
    return (
      <div className="issue">
        {head}
        <Loading label="Reading your meters and the market's clock…" height="32rem" />
      </div>
    );
  }
  if (participant.data === null) {
    return (
      <div className="issue">
        {head}
        <Empty title="Not admitted">
          {account.name} is not an admitted participant on {chain.name}: the chain refuses its tokens. Ask the grid operator to admit it (Operator view).
        </Empty>
      </div>
    );
  }
  if (meters.data.length === 0) {
    return (
      <div className="issue">
        {head}
        <Empty title="No meters">
          A token is issued at your own meters, and {participant.data.displayName} has none on {chain.name}. Ask the grid operator to register a production or consumption meter, or to add a traded category
          (which gives you a trading meter).
        </Empty>
      </div>
    );
  }
  if (banks.data.length === 0) {
    return (
      <div className="issue">
        {head}
        <Empty title="No currency">No bank is approved on {chain.name} yet: a token needs a currency for its face value.</Empty>
      </div>
    );
  }

  const ctx = { participant: participant.data, meters: meters.data, params: params.data, now, units: banks.data, band: band.data?.band };
  const check = validateIssue(form, ctx);
  const unit = banks.data.find((b) => b.denom === form.denom) ?? banks.data[0];

  if (issue.isSuccess && preview !== undefined) {
    return (
      <div className="issue">
        {head}
        <section className="card issue-done" aria-labelledby="issue-done-title">
          <h2 id="issue-done-title">Token issued</h2>
          <p className="success" data-testid="issue-done">
            Token #{issue.data.toString()} is yours, both sides: {formatEnergy(preview.whPerPeriod)} per period, {formatWindow(BigInt(preview.firstPeriod), BigInt(preview.lastPeriod), params.data.periodSeconds)}.
            {preview.consumerAsk === undefined && preview.producerAsk === undefined ? " Offer a side from your Portfolio to sell it." : " Its offered side is on the Market."}
          </p>
          <div className="form-actions">
            <a href="#/portfolio" className="button primary" data-testid="issue-portfolio">
              See its sides in your Portfolio
            </a>
            <button
              type="button"
              onClick={() => {
                issue.reset();
                setPreview(undefined);
                fieldErrors.reset();
                setForm(undefined);
              }}
            >
              Issue another
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="issue">
      {head}
      {check.errors.account === undefined ? null : (
        <p className="warning" role="alert" data-testid="error-account">
          {check.errors.account}
        </p>
      )}
      {preview === undefined || unit === undefined ? (
        <section className="card" aria-labelledby="issue-form-title">
          <h2 id="issue-form-title">A new token</h2>
          <p className="hint">You own both sides of the token you issue: sell the consumer side to sell your energy, or the producer side to have someone else deliver it (a bid).</p>
          <IssueFormFields
            form={form}
            check={check}
            shown={fieldErrors.shown}
            meters={meters.data}
            units={banks.data}
            params={params.data}
            now={now}
            onChange={(next, field) => {
              setForm(field === "producerMeterId" || field === "category" ? withFittingConsumer(next, meters.data ?? []) : next);
              fieldErrors.touch(field);
            }}
            onPreview={() => {
              fieldErrors.attempt();
              if (check.input !== undefined) setPreview(check.input);
              else window.setTimeout(() => document.querySelector<HTMLElement>(".issue-form [aria-invalid='true']")?.focus(), 0);
            }}
          />
        </section>
      ) : (
        <section className="card issue-preview" aria-labelledby="issue-preview-title" data-testid="issue-preview">
          <h2 id="issue-preview-title">What you sign</h2>
          <p className="hint">
            {participant.data.displayName} issues this token to itself and holds both its sides. The message is what your key signs; the notes after // are for you and are not signed.
          </p>
          <div className="preview-body">
            <IssueSummary input={preview} category={check.category ?? 0} meters={meters.data} unit={unit} periodSeconds={params.data.periodSeconds} />
            <pre className="message" tabIndex={0} aria-label="The message you sign" data-testid="issue-message">
              {previewText(account.address, preview, { periodSeconds: params.data.periodSeconds, unit })}
            </pre>
          </div>
          {issue.isError ? <p className="error-note" role="alert">{issueErrorSentence(issue.error, { rpc: chain.rpc })}</p> : null}
          {issue.isError || check.input !== undefined ? null : (
            <p className="warning" role="alert">
              {Object.values(check.errors)[0]} Go back to the form to change it.
            </p>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => { issue.reset(); setPreview(undefined); }} disabled={issue.isPending}>
              Back to the form
            </button>
            <button type="button" className="primary" data-testid="sign-issue" onClick={() => issue.mutate(preview)} disabled={issue.isPending || check.input === undefined}>
              {issue.isPending ? "Signing and waiting for a block…" : "Sign and issue"}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
