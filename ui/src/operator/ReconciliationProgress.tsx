/**
 * Reconciliation progress (x/delivery): the period the end of block reconciles, its stage, the work
 * done on it, the backlog of periods whose reading window has closed, and what the last reconciled
 * period came to.
 */
import { type GridledgerClient, ReconciliationStage } from "@gridledger/client";

import { useChain } from "../chain/ChainProvider.js";
import { useEnergyParams } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { ErrorNote, Loading } from "../components/Status.js";
import { formatPeriod } from "../format/periods.js";
import { formatEnergy } from "../format/units.js";
import { categoryName } from "../market/categories.js";

/** STAGES are reconciliation's steps in a period, in order, with what each does. */
export const STAGES: readonly (readonly [ReconciliationStage, string, string])[] = [
  [ReconciliationStage.RECONCILIATION_STAGE_SCHEDULE, "schedule", "adding up the token sides delivering in the period"],
  [ReconciliationStage.RECONCILIATION_STAGE_MEASURE, "measure", "adding the period's meter readings"],
  [ReconciliationStage.RECONCILIATION_STAGE_NET, "net", "adding up the system's imbalance per category"],
  [ReconciliationStage.RECONCILIATION_STAGE_SETTLE, "settle", "creating imbalance tokens and statements, meter by meter"],
];

async function progress(client: GridledgerClient) {
  const backlog = await client.query.delivery.reconciliationProgress();
  const last = backlog.started && backlog.progress.nextPeriod > 1n ? backlog.progress.nextPeriod - 1n : undefined;
  const record = last === undefined ? undefined : await client.query.delivery.reconciliation(last);
  return { backlog, last, record };
}

export function ReconciliationProgressSection() {
  const { chain } = useChain();
  const params = useEnergyParams();
  const read = useChainQuery(["operator", "reconciliation"], progress);
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const data = read.data;
  const stageIndex = data === undefined ? -1 : STAGES.findIndex(([s]) => s === data.backlog.progress.stage);
  return (
    <section className="card" aria-labelledby="reconciliation-title">
      <h2 id="reconciliation-title">Reconciliation progress</h2>
      {read.isError ? (
        <ErrorNote error={read.error} rpc={chain.rpc} />
      ) : data === undefined ? (
        <Loading label="Reading reconciliation's progress…" height="7rem" />
      ) : !data.backlog.started ? (
        <p data-testid="reconciliation-state">Reconciliation has not started yet: the chain reconciles a period once its reading window has closed.</p>
      ) : (
        <div data-testid="reconciliation-state">
          <dl className="facts">
            <dt>{data.backlog.duePeriods > 0n ? "Reconciling" : "Next to reconcile"}</dt>
            <dd>{formatPeriod(data.backlog.progress.nextPeriod, periodSeconds)}</dd>
            <dt>Stage</dt>
            <dd>
              {stageIndex < 0 || data.backlog.duePeriods === 0n ? (
                "waiting for the period's reading window to close"
              ) : (
                <>
                  <progress max={STAGES.length} value={stageIndex + 1} aria-label="Stages done" /> {STAGES[stageIndex]?.[1]} ({stageIndex + 1} of {STAGES.length}): {STAGES[stageIndex]?.[2]},{" "}
                  {data.backlog.progress.items.toLocaleString()} items so far
                </>
              )}
            </dd>
            <dt>Backlog</dt>
            <dd data-testid="due-periods">{data.backlog.duePeriods === 0n ? "none: every period whose window closed is reconciled" : `${data.backlog.duePeriods.toString()} period${data.backlog.duePeriods === 1n ? "" : "s"} due`}</dd>
            {data.last === undefined || data.record === undefined || data.record.record.reconciledHeight === 0n ? null : (
              <>
                <dt>Last reconciled</dt>
                <dd>
                  {formatPeriod(data.last, periodSeconds)}: {data.record.record.meters.toString()} metering points, {data.record.record.missingReadings.toString()} without a reading,{" "}
                  {data.record.record.tokens.toString()} imbalance tokens
                  {data.record.record.categories.length === 0 ? "" : ` (${data.record.record.categories.map((c) => `${categoryName(c.category)} +${formatEnergy(c.surplusWh)} / −${formatEnergy(c.deficitWh)}`).join("; ")})`}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
