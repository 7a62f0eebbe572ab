/**
 * Market: the open offers of the chain on screen, filtered and sorted, the average price per
 * period as a chart, and buying a side with a confirmation.
 */
import { type EnergyCategory, periodStart } from "@gridledger/client";
import { useMemo, useState } from "react";

import { useChain } from "../chain/ChainProvider.js";
import { Empty, ErrorNote, Loading } from "../components/Status.js";
import { useNames } from "../components/useNames.js";
import { periodLength } from "../format/periods.js";
import { loadSetting, saveSetting } from "../storage.js";
import { useWallet } from "../wallet/WalletProvider.js";
import { BuyDialog } from "./BuyDialog.js";
import { EMPTY_FORM, type FilterForm, OfferFilters, parseForm } from "./OfferFilters.js";
import { OfferTable } from "./OfferTable.js";
import { mostOffered, type Offer, type Sort, sortOffers } from "./offers.js";
import { PriceChart } from "./PriceChart.js";
import { useEnergyParams, useFiatUnits } from "../chain/reads.js";
import { useOffers } from "./useMarket.js";
import { RemoteOffersSection } from "../hierarchy/RemoteOffers.js";

const midnightOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

export function MarketView() {
  const { chain } = useChain();
  const { account } = useWallet();
  const name = useNames();
  const banks = useFiatUnits();
  const params = useEnergyParams();
  const [form, setForm] = useState<FilterForm>(() => loadSetting<FilterForm>(`filters.${chain.chainId}`, EMPTY_FORM));
  const [sort, setSort] = useState<Sort>({ key: "price", descending: false });
  const [buying, setBuying] = useState<Offer | undefined>(undefined);
  const [chartCategory, setChartCategory] = useState<EnergyCategory | undefined>(undefined);
  const [chartDay, setChartDay] = useState<Date | undefined>(undefined);

  const periodSeconds = params.data?.periodSeconds ?? 900n;
  const bankList = banks.data ?? [];
  const parsed = parseForm(form, bankList, periodSeconds);
  const offers = useOffers(parsed.filter);
  const sorted = useMemo(() => sortOffers(offers.data?.offers ?? [], sort), [offers.data, sort]);
  const bank = bankList.find((b) => b.denom === parsed.filter.denom);

  const changeForm = (next: FilterForm) => {
    setForm(next);
    saveSetting(`filters.${chain.chainId}`, next);
  };

  // The chart shows the filtered category, else the one with most offers, on the day of the
  // earliest offer, until someone picks another: buying the last offer does not move it.
  const earliest = sorted.reduce<Offer | undefined>((a, o) => (a === undefined || o.token.firstPeriod < a.token.firstPeriod ? o : a), undefined);
  const category = chartCategory ?? parsed.filter.category ?? mostOffered(sorted);
  const day = chartDay ?? midnightOf(earliest === undefined ? new Date() : periodStart(earliest.token.firstPeriod, periodSeconds));
  if (chartCategory === undefined && category !== undefined && offers.data !== undefined) setChartCategory(category);
  if (chartDay === undefined && offers.data !== undefined) setChartDay(day);

  if (banks.isError) return <ErrorNote error={banks.error} rpc={chain.rpc} />;
  if (banks.isPending || params.isPending) return <Loading label={`Reading the market of ${chain.name}…`} height="20rem" />;

  return (
    <div className="market">
      <div className="view-head">
        <h1>Market</h1>
        <p className="hint">
          {chain.name} · delivery periods of {periodLength(periodSeconds)} · prices per MWh · times are yours ({Intl.DateTimeFormat().resolvedOptions().timeZone})
        </p>
      </div>
      {bankList.length === 0 ? (
        <Empty title="No currency on this chain">No bank issues fiat on {chain.name}, so nothing can be priced or bought here. Choose another chain above.</Empty>
      ) : (
        <>
          <OfferFilters form={form} onChange={changeForm} banks={bankList} errors={parsed.errors} />
          <section className="card" aria-labelledby="offers-title">
            <div className="card-head">
              <h2 id="offers-title">Open offers</h2>
              <span className="hint" aria-live="polite">
                {offers.data === undefined ? "" : `${sorted.length} offer${sorted.length === 1 ? "" : "s"}${offers.data.truncated ? " (more exist: narrow the filters)" : ""}`}
                {offers.isFetching ? " · updating" : ""}
              </span>
            </div>
            {offers.isError ? (
              <ErrorNote error={offers.error} rpc={chain.rpc} />
            ) : offers.isPending || bank === undefined ? (
              <Loading label="Reading the offers…" height="12rem" />
            ) : sorted.length === 0 ? (
              <Empty title="No open offers match">
                {form === EMPTY_FORM || JSON.stringify(form) === JSON.stringify({ ...EMPTY_FORM, denom: form.denom })
                  ? "Nobody offers a side on this chain right now. Offer one of yours from the Portfolio."
                  : "Widen or clear the filters to see more."}
              </Empty>
            ) : (
              <OfferTable offers={sorted} unit={bank} periodSeconds={periodSeconds} sort={sort} onSort={setSort} name={name} buyer={account?.address} onBuy={setBuying} />
            )}
            {account === undefined && sorted.length > 0 ? <p className="hint">Choose an account at the top to buy.</p> : null}
          </section>
          <RemoteOffersSection periodSeconds={periodSeconds} />
          <PriceChart category={category} onCategory={setChartCategory} day={day} onDay={setChartDay} unit={bank} periodSeconds={periodSeconds} rpc={chain.rpc} />
        </>
      )}
      {buying === undefined || bank === undefined ? null : <BuyDialog offer={buying} bank={bankList.find((b) => b.denom === buying.denom) ?? bank} periodSeconds={periodSeconds} onClose={() => setBuying(undefined)} />}
    </div>
  );
}
