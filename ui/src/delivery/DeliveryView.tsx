/**
 * Delivery: where the periods around now stand (open, frozen, in delivery, reading window, due,
 * reconciling, reconciled), the connected participant's meters and their readings, its
 * reconciliation statement (with a CSV download), the origin of its energy, a period's
 * reconciliation record and the reference prices in force. Everything refreshes as blocks come.
 */
import { EnergyCategory, type GridledgerClient, type ImbalanceEntry, type Meter, MeterKind, meterKindToJSON, type Reading } from "@gridledger/client";
import { useState } from "react";

import { readPages } from "../chain/pages.js";
import { useChain } from "../chain/ChainProvider.js";
import { useEnergyParams, useFiatUnits, useOwnMeters } from "../chain/reads.js";
import { useChainQuery } from "../chain/useChainQuery.js";
import { Empty, ErrorNote, Loading, shortAddress, TestKeyBadge } from "../components/Status.js";
import { formatInstant, formatPeriod, formatPeriodTime } from "../format/periods.js";
import { type FiatUnit, formatEnergy, formatMoney, formatPrice } from "../format/units.js";
import { categoryName } from "../market/categories.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { periodStage, STAGE_HINTS } from "./phases.js";
import { sourceWords } from "./statement.js";
import { OriginPanel } from "./OriginPanel.js";
import { StatementTable } from "./StatementTable.js";

/** PAST and AHEAD: the periods listed around the current one. */
const PAST = 4n;
const AHEAD = 2n;
/** STATEMENT_PERIODS: how far back the statement reaches (a day of 15-minute periods). */
const STATEMENT_PERIODS = 96n;
/**
 * READ_METERS: the meters whose readings are read every block (one query per meter and period);
 * a participant with more sees the first ones and is told so.
 */
const READ_METERS = 20;

async function statement(client: GridledgerClient, owner: string, fromPeriod: bigint, toPeriod: bigint): Promise<ImbalanceEntry[]> {
  return readPages((page) => client.query.delivery.statement(owner, { fromPeriod, toPeriod, limit: 1_000, ...page }), (p) => p.entries, 10_000);
}

const pretty = (json: string, prefix: string) => json.replace(prefix, "").toLowerCase().replace(/_/g, " ");
const fallbackUnit = (denom: string): FiatUnit => ({ denom, currency: denom, exponent: 0 });
/** physical meters send readings; a virtual meter (a trader's book) never does. */
const physical = (m: Meter) => m.kind !== MeterKind.METER_KIND_VIRTUAL;

export function DeliveryView() {
  const { chain } = useChain();
  const { account } = useWallet();
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const owner = account?.address ?? "";
  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const unitOf = (denom: string) => banks.data?.find((b) => b.denom === denom);
  const [chosen, setChosen] = useState<bigint | undefined>(undefined);
  const [onlySelected, setOnlySelected] = useState(false);

  const deliveryParams = useChainQuery(["delivery", "params"], (client) => client.query.delivery.params(), { refresh: "slow" });
  const periods = useChainQuery(["delivery", "periods"], async (client) => {
    const [now, backlog] = await Promise.all([client.query.energy.periodPhase(0), client.query.delivery.reconciliationProgress()]);
    const current = now.currentPeriod;
    const list: bigint[] = [];
    for (let p = current > PAST ? current - PAST : 1n; p <= current + AHEAD; p++) list.push(p);
    // The last period reconciliation finished lies a reading window back (a day on a real grid):
    // listed first when it is older than the periods around now.
    const lastDone = backlog.started && backlog.progress.nextPeriod > 1n ? backlog.progress.nextPeriod - 1n : undefined;
    if (lastDone !== undefined && lastDone < (list[0] ?? 0n)) list.unshift(lastDone);
    return {
      current,
      duePeriods: backlog.duePeriods,
      rows: await Promise.all(
        list.map(async (period) => {
          const [energy, recon] = await Promise.all([client.query.energy.periodPhase(period), client.query.delivery.reconciliation(period)]);
          return { period, stage: periodStage(energy.phase, recon.phase), gateClosesAt: energy.gateClosesAt, windowClosesAt: recon.windowClosesAt };
        }),
      ),
    };
  });
  const current = periods.data?.current;
  const rows = periods.data?.rows ?? [];
  const ended = rows.filter((r) => current !== undefined && r.period < current);
  // The period shown in detail: the one chosen, else the latest reconciled, else the latest ended.
  const latestReconciled = [...ended].reverse().find((r) => r.stage === "reconciled")?.period;
  const selected = chosen ?? latestReconciled ?? ended.at(-1)?.period;

  const meters = useOwnMeters(owner);
  // Readings are shown for the ended periods around now: the ones whose readings still arrive.
  const endedPeriods = ended.filter((r) => current !== undefined && r.period >= current - PAST).map((r) => r.period);
  const readings = useChainQuery(
    ["delivery", "readings", owner, endedPeriods],
    async (client) => {
      const out = new Map<string, Reading | null>();
      await Promise.all(
        (meters.data ?? []).filter(physical).slice(0, READ_METERS).flatMap((m) =>
          endedPeriods.map(async (p) => {
            out.set(`${m.id}@${p.toString()}`, await client.query.delivery.reading(m.id, p).catch(() => null));
          }),
        ),
      );
      return out;
    },
    { enabled: meters.data !== undefined && meters.data.length > 0 && endedPeriods.length > 0 },
  );
  // The statement reaches a day back from the last periods that can be reconciled (a reading window ago).
  const reach = STATEMENT_PERIODS + (deliveryParams.data?.readingWindowPeriods ?? 0n);
  const from = current === undefined ? 0n : current > reach ? current - reach : 1n;
  const lines = useChainQuery(["delivery", "statement", owner, from], (client) => statement(client, owner, from, current ?? 0n), {
    enabled: owner !== "" && current !== undefined && deliveryParams.data !== undefined,
  });
  const record = useChainQuery(
    ["delivery", "record", selected],
    async (client) => {
      const [recon, totals] = await Promise.all([client.query.delivery.reconciliation(selected ?? 0n), client.query.delivery.periodTotals(selected ?? 0n)]);
      return { recon, totals };
    },
    { enabled: selected !== undefined },
  );
  const references = useChainQuery(["delivery", "referencePrices"], (client) => client.query.delivery.referencePrices({ limit: 200 }), { refresh: "slow" });

  return (
    <div className="delivery">
      <div className="view-head">
        <h1>Delivery</h1>
        <p className="hint">
          {account === undefined ? (
            <>Choose an account at the top to see your meters and statement.</>
          ) : (
            <>
              {account.name} · <code>{shortAddress(account.address)}</code> {account.testKey ? <TestKeyBadge /> : null} on {chain.name}
            </>
          )}
        </p>
      </div>

      <section className="card" aria-labelledby="periods-title">
        <h2 id="periods-title">Periods around now</h2>
        {periods.isError ? (
          <ErrorNote error={periods.error} rpc={chain.rpc} />
        ) : periods.data === undefined ? (
          <Loading label="Reading the periods…" height="12rem" />
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Periods around now">
            <table className="offers" data-testid="periods">
              <thead>
                <tr>
                  <th scope="col">Period (your time)</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {periods.data.rows.map((r) => (
                  <tr key={r.period.toString()} data-testid={`period-${r.period.toString()}`} aria-current={r.period === periods.data.current ? "time" : undefined} className={r.period === selected ? "selected" : undefined}>
                    <td>
                      {r.period < periods.data.current ? (
                        <button type="button" className="link" onClick={() => setChosen(r.period)} aria-pressed={r.period === selected}>
                          {formatPeriod(r.period, periodSeconds)}
                        </button>
                      ) : (
                        formatPeriod(r.period, periodSeconds)
                      )}
                      {r.period === periods.data.current ? " (now)" : ""}
                    </td>
                    <td>
                      <span className={`phase ${r.stage.replace(/ /g, "-")}`} data-testid="phase">
                        {r.stage}
                      </span>
                    </td>
                    <td className="hint">
                      {r.stage === "reading window" ? `meter readings are accepted until ${formatInstant(r.windowClosesAt)}` : STAGE_HINTS[r.stage]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {periods.data.duePeriods > 0n ? <p className="hint">{periods.data.duePeriods.toString()} ended periods wait for reconciliation.</p> : null}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="statement-title">
        <div className="record-head">
          <h2 id="statement-title">Your reconciliation statement</h2>
          <label className="hint">
            <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} disabled={selected === undefined} /> only{" "}
            {selected === undefined ? "the period in detail" : `period ${selected.toString()}`}
          </label>
        </div>
        {account === undefined ? (
          <Empty title="No account chosen">Choose an account at the top: its imbalances are listed here once reconciled.</Empty>
        ) : lines.isError ? (
          <ErrorNote error={lines.error} rpc={chain.rpc} />
        ) : lines.data === undefined ? (
          <Loading label="Reading your statement…" height="8rem" />
        ) : onlySelected && !lines.data.some((e) => e.period === selected) ? (
          <Empty title={`No imbalance in period ${(selected ?? 0n).toString()}`}>Your meters kept to their schedule, or the period is not reconciled yet.</Empty>
        ) : lines.data.length === 0 ? (
          <Empty title="No imbalances">None of your meters deviated from its schedule in the periods reconciled lately.</Empty>
        ) : (
          <StatementTable
            entries={onlySelected ? lines.data.filter((e) => e.period === selected) : lines.data}
            periodSeconds={periodSeconds}
            unitOf={unitOf}
            fileName={onlySelected && selected !== undefined ? `statement-${chain.name}-${selected.toString()}.csv` : `statement-${chain.name}-${from.toString()}-${(current ?? 0n).toString()}.csv`}
          />
        )}
      </section>

      <OriginPanel owner={owner} current={current} periodSeconds={periodSeconds} rpc={chain.rpc} />

      <section className="card" aria-labelledby="meters-title">
        <h2 id="meters-title">Your meters and readings</h2>
        {account === undefined ? (
          <Empty title="No account chosen" />
        ) : meters.isError ? (
          <ErrorNote error={meters.error} rpc={chain.rpc} />
        ) : meters.data === undefined ? (
          <Loading label="Reading your meters…" height="6rem" />
        ) : meters.data.length === 0 ? (
          <Empty title="No meters">The grid operator registers a participant&apos;s metering points; none belongs to this account.</Empty>
        ) : (
          <div className="table-scroll" tabIndex={0} aria-label="Your meters and readings">
            <table className="figures" data-testid="meters">
              <thead>
                <tr>
                  <th scope="col">Meter</th>
                  <th scope="col">Kind</th>
                  {endedPeriods.map((p) => (
                    <th scope="col" className="num" key={p.toString()} title={formatPeriod(p, periodSeconds)}>
                      {formatPeriodTime(p, periodSeconds)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {meters.data.map((m) => (
                  <tr key={m.id} data-testid={`meter-${m.id}`}>
                    <td>
                      <code>{m.id}</code>
                    </td>
                    <td>
                      {pretty(meterKindToJSON(m.kind), "METER_KIND_")}
                      {m.category === EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED ? "" : ` · ${categoryName(m.category)}`}
                    </td>
                    {!physical(m) || meters.data.filter(physical).indexOf(m) >= READ_METERS ? (
                      <td colSpan={Math.max(endedPeriods.length, 1)} className="hint">
                        {physical(m) ? "not read here" : "a virtual meter: it holds traded positions and sends no readings"}
                      </td>
                    ) : (
                      endedPeriods.map((p) => {
                        const reading = readings.data?.get(`${m.id}@${p.toString()}`);
                        return (
                          <td className="num" key={p.toString()} data-testid={`reading-${m.id}-${p.toString()}`}>
                            {reading === undefined ? "…" : reading === null ? "no reading" : formatEnergy(reading.wh)}
                          </td>
                        );
                      })
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {meters.data.filter(physical).length > READ_METERS ? (
              <p className="hint">Readings are shown for your first {READ_METERS} physical meters.</p>
            ) : null}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="record-title">
        <div className="record-head">
          <h2 id="record-title">Reconciliation of {selected === undefined ? "a period" : formatPeriod(selected, periodSeconds)}</h2>
          {selected === undefined ? null : (
            <span>
              <button type="button" onClick={() => setChosen(selected - 1n)} disabled={selected <= 1n} aria-label="Earlier period">
                ◀ earlier
              </button>{" "}
              <button type="button" onClick={() => setChosen(selected + 1n)} disabled={current === undefined || selected + 1n >= current} aria-label="Later period">
                later ▶
              </button>
            </span>
          )}
        </div>
        {record.isError ? (
          <ErrorNote error={record.error} rpc={chain.rpc} />
        ) : selected === undefined ? (
          <Empty title="No period has ended yet" />
        ) : record.data === undefined ? (
          <Loading label="Reading the reconciliation…" height="8rem" />
        ) : (
          <div data-testid="record">
            <p>
              Readings: {record.data.totals.readings.toString()} ({formatEnergy(record.data.totals.productionWh)} produced, {formatEnergy(record.data.totals.consumptionWh)} consumed)
            </p>
            {record.data.recon.record.reconciledHeight === 0n ? (
              <Empty title="Not reconciled yet">The record appears once the period is reconciled, after its reading window.</Empty>
            ) : (
              <>
                <p>
                  {record.data.recon.record.meters.toString()} metering points, {record.data.recon.record.missingReadings.toString()} without a reading,{" "}
                  {record.data.recon.record.tokens.toString()} imbalance tokens (block {record.data.recon.record.reconciledHeight.toString()}).
                </p>
                {record.data.recon.record.categories.length === 0 ? (
                  <Empty title="No imbalance in this period" />
                ) : (
                  <div className="table-scroll" tabIndex={0} aria-label="Imbalances per category">
                    <table className="figures" data-testid="record-categories">
                      <thead>
                        <tr>
                          <th scope="col">Category</th>
                          <th scope="col" className="num">
                            Surplus
                          </th>
                          <th scope="col" className="num">
                            Deficit
                          </th>
                          <th scope="col">Price from</th>
                          <th scope="col" className="num">
                            Average
                          </th>
                          <th scope="col" className="num">
                            Surplus paid
                          </th>
                          <th scope="col" className="num">
                            Deficit charged
                          </th>
                          <th scope="col" className="num" title="What the balancing authority earns on these imbalances against the average price">
                            Balancing fee
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {record.data.recon.record.categories.map((c) => {
                          const unit = c.denom === "" ? undefined : (unitOf(c.denom) ?? fallbackUnit(c.denom));
                          const price = (p: bigint) => (unit === undefined ? "—" : formatPrice(p, unit));
                          return (
                            <tr key={c.category}>
                              <td>{categoryName(c.category)}</td>
                              <td className="num">{formatEnergy(c.surplusWh)}</td>
                              <td className="num">{formatEnergy(c.deficitWh)}</td>
                              <td>{sourceWords(c.source)}</td>
                              <td className="num">{price(c.averagePricePerMwh)}</td>
                              <td className="num">{price(c.surplusPricePerMwh)}</td>
                              <td className="num">{price(c.deficitPricePerMwh)}</td>
                              <td className="num" data-testid="balancing-fee">
                                {unit === undefined ? "—" : formatMoney(BigInt(c.balancingFee || "0"), unit)}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="references-title">
        <h2 id="references-title">Reference prices</h2>
        {references.isError ? (
          <ErrorNote error={references.error} rpc={chain.rpc} />
        ) : references.data === undefined ? (
          <Loading label="Reading the reference prices…" height="6rem" />
        ) : references.data.prices.length === 0 ? (
          <Empty title="No reference price">Imbalances in a thin market are unpriced until the grid operator publishes one.</Empty>
        ) : (
          <table className="figures" data-testid="reference-prices">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">From</th>
                <th scope="col" className="num">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {references.data.prices.map((p) => (
                <tr key={`${p.category}-${p.fromPeriod.toString()}`}>
                  <td>{p.category === EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED ? "every category" : categoryName(p.category)}</td>
                  <td>{p.fromPeriod === 0n ? "the start" : formatPeriod(p.fromPeriod, periodSeconds)}</td>
                  <td className="num">{formatPrice(p.pricePerMwh, unitOf(p.denom) ?? fallbackUnit(p.denom))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
