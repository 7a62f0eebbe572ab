/**
 * seedChain brings a freshly started chain to its topology's demo state: participants admitted
 * with their meters, reserves attested, fiat minted and deposited, and a few energy offers.
 *
 * It is idempotent: every step is decided from queries, so a second run (e.g. a second
 * `npm start`) sends no transaction. What was minted is read from the bank's audit trail
 * (mints whose reference is `seed/<account>`), not from balances, so demo trading afterwards
 * never makes a re-run mint more; deposits and offers are topped up only while missing.
 */
import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { EncodeObject } from "@cosmjs/proto-signing";
import {
  admitParticipantMsg,
  AuditKind,
  attestReserveMsg,
  BECH32_PREFIX,
  currentPeriod,
  depositMsg,
  EnergyCategory,
  energyCategoryFromJSON,
  GridledgerClient,
  issueTokenMsg,
  KeyAlgorithm,
  MeteringPointKind,
  MeterKind,
  mintMsg,
  MsgIssueTokenResponse,
  msgIssueTokenResponseTypeUrl,
  type Participant,
  periodAt,
  registerMeterMsg,
  Role,
  roleFromJSON,
  setAskMsg,
  Side,
  type Token,
} from "@gridledger/client";
import { gridnetAccount, type Gridnet } from "../chain/gridnet.js";
import type { BankSpec } from "../chain/spec.js";
import { stderrLog, type Log } from "../log.js";
import type { PlannedChain } from "../topology/plan.js";
import type { EnergyCategoryName, TopologyBank, TopologyParticipant } from "../topology/types.js";

export interface SeedOptions {
  /** Progress lines, e.g. "seeding regional-east: admitting 2 participants". Default stderr. */
  log?: Log;
  /** The clock offers are planned from (tokens start tomorrow 06:00 UTC). Default now. */
  now?: Date;
}

/** SeedParticipant is what seeding did for one participant in this run (amounts in base units). */
export interface SeedParticipant {
  account: string;
  address: string;
  /** Admitted in this run (false: it already was). */
  admitted: boolean;
  /** Meters registered in this run. */
  meters: string[];
  /** Fiat minted to it in this run, in the chain's first bank's denom. */
  minted: string;
  /** Fiat moved into its settlement account in this run. */
  deposited: string;
  /** Tokens issued in this run. */
  issued: string[];
  /** Tokens whose consumer side was put up for sale in this run. */
  offered: string[];
}

/** SeedBank is a bank's state after seeding. */
export interface SeedBank {
  account: string;
  address: string;
  denom: string;
  /** Attested reserve after this run. */
  reserve: string;
  /** Whether this run attested it. */
  attested: boolean;
  /** Minted in this run (only the first bank mints). */
  minted: string;
}

/** SeedSummary says what seedChain did; every count is 0 when the chain already was seeded. */
export interface SeedSummary {
  chain: string;
  chainId: string;
  rpc: string;
  operator: { account: string; address: string };
  /** The denom participants' fiat is in (the chain's first bank), if the chain has a bank. */
  denom?: string;
  banks: SeedBank[];
  participants: SeedParticipant[];
  counts: {
    admitted: number;
    meters: number;
    attestations: number;
    mints: number;
    deposits: number;
    tokens: number;
    offers: number;
    transactions: number;
  };
  /** Whether this run changed anything on the chain. */
  changed: boolean;
}

/** SEED_LEGAL_FRAMEWORK marks demo tokens (terms.legal_framework), so re-runs find their own. */
export const SEED_LEGAL_FRAMEWORK = "GRIDLEDGER-DEMO";
const SEED_REFERENCE_PREFIX = "seed/";

/**
 * devMeterKey is the TEST ONLY secp256k1 key of a demo meter, derived from its id: anyone can
 * compute it, which lets tests sign meter readings. Never use it for a real meter.
 */
export function devMeterKey(meterId: string): { privkey: Uint8Array; pubkey: Uint8Array } {
  const privkey = sha256(new TextEncoder().encode(`gridledger dev meter ${meterId}`));
  return { privkey, pubkey: Secp256k1.compressPubkey(Secp256k1.makeKeypair(privkey).pubkey) };
}

/** seedChain seeds one chain of a planned network; `gridnet` gives its endpoints and keys. */
export async function seedChain(chain: PlannedChain, gridnet: Gridnet, options: SeedOptions = {}): Promise<SeedSummary> {
  const log: Log = (m) => (options.log ?? stderrLog)(`seeding ${chain.name}: ${m}`);
  const session = new Session(gridnet);
  try {
    const t = chain.topology;
    const operator = gridnetAccount(gridnet, t.gridOperator);
    const firstBank = chain.spec.banks[0];
    const summary: SeedSummary = {
      chain: chain.name,
      chainId: gridnet.chainId,
      rpc: gridnet.endpoints.rpc,
      operator: { account: operator.name, address: operator.address },
      ...(firstBank === undefined ? {} : { denom: firstBank.denom }),
      banks: [],
      participants: (t.participants ?? []).map((p) => ({
        account: p.account,
        address: gridnetAccount(gridnet, p.account).address,
        admitted: false,
        meters: [],
        minted: "0",
        deposited: "0",
        issued: [],
        offered: [],
      })),
      counts: { admitted: 0, meters: 0, attestations: 0, mints: 0, deposits: 0, tokens: 0, offers: 0, transactions: 0 },
      changed: false,
    };
    const participants = (t.participants ?? []).map((p, i) => ({ topology: p, summary: summary.participants[i] as SeedParticipant }));

    await admitParticipants(session, operator.address, chain.name, participants, summary, log);
    const topologyBanks = t.banks ?? [];
    for (const [i, bank] of chain.spec.banks.entries()) {
      await fundFromBank(session, bank, topologyBanks[i], i === 0 ? participants : [], summary, log);
    }
    if (firstBank === undefined) {
      if (participants.length > 0) log("no bank on this chain: no fiat and no offers");
    } else {
      const periodSeconds = BigInt(chain.spec.periodSeconds);
      const now = options.now ?? new Date();
      await Promise.all(participants.map((p) => depositAndOffer(session, p, firstBank, periodSeconds, now, summary, log)));
    }
    summary.changed = summary.counts.transactions > 0;
    if (!summary.changed) log("already seeded, nothing to do");
    return summary;
  } finally {
    session.close();
  }
}

interface SeededParticipant {
  topology: TopologyParticipant;
  summary: SeedParticipant;
}

/** Session holds one read-only client and one signing client per account, opened on demand. */
class Session {
  private readonly clients = new Map<string, Promise<GridledgerClient>>();
  private readerClient: Promise<GridledgerClient> | undefined;

  constructor(private readonly gridnet: Gridnet) {}

  reader(): Promise<GridledgerClient> {
    this.readerClient ??= GridledgerClient.connect(this.gridnet.endpoints.rpc);
    return this.readerClient;
  }

  /** signer returns a signing client for the account with this address. */
  signer(address: string): Promise<GridledgerClient> {
    let client = this.clients.get(address);
    if (client === undefined) {
      const account = this.gridnet.accounts.find((a) => a.address === address);
      if (account === undefined) throw new Error(`chain ${this.gridnet.chainId} has no key for ${address}`);
      client = DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX }).then((wallet) =>
        // Local blocks come every second; CosmJS polls for inclusion every 3 s by default.
        GridledgerClient.connectWithSigner(this.gridnet.endpoints.rpc, wallet, { broadcastPollIntervalMs: 300 }),
      );
      this.clients.set(address, client);
    }
    return client;
  }

  /** submit sends messages in one transaction signed by `address` and counts it. */
  async submit(address: string, messages: readonly EncodeObject[], summary: SeedSummary) {
    const client = await this.signer(address);
    const result = await client.submit(address, messages);
    summary.counts.transactions++;
    return result;
  }

  close(): void {
    for (const client of [...this.clients.values(), ...(this.readerClient ? [this.readerClient] : [])]) {
      client.then((c) => c.disconnect()).catch(() => undefined);
    }
  }
}

/** admitParticipants admits missing participants and registers missing meters in one operator transaction. */
async function admitParticipants(
  session: Session,
  operator: string,
  chainName: string,
  participants: readonly SeededParticipant[],
  summary: SeedSummary,
  log: Log,
): Promise<void> {
  if (participants.length === 0) return;
  const reader = await session.reader();
  const onChain = await allParticipants(reader);
  const messages: EncodeObject[] = [];
  for (const { topology: p, summary: s } of participants) {
    if (!onChain.has(s.address)) {
      messages.push(
        admitParticipantMsg(operator, {
          address: s.address,
          legalId: p.legalId,
          displayName: p.displayName,
          roles: p.roles.map((r) => enumValue(roleFromJSON, `ROLE_${r.toUpperCase()}`, Role.UNRECOGNIZED, r)),
          positionLimitWh: BigInt(p.positionLimitWh ?? "0"),
          tradedCategories: (p.tradedCategories ?? []).map(category),
        }),
      );
      s.admitted = true;
    }
    // A participant admitted in this transaction has no meters yet; skip the query.
    const registered = s.admitted ? new Set<string>() : await meterIds(reader, s.address);
    for (const m of p.meters ?? []) {
      if (registered.has(m.id)) continue;
      messages.push(
        registerMeterMsg(operator, {
          id: m.id,
          owner: s.address,
          kind: m.kind === "production" ? MeterKind.METER_KIND_PRODUCTION : MeterKind.METER_KIND_CONSUMPTION,
          ...(m.category === undefined ? {} : { category: category(m.category) }),
          location: { gridNode: m.gridNode, area: m.area ?? chainName },
          keyAlgorithm: KeyAlgorithm.KEY_ALGORITHM_SECP256K1,
          publicKey: devMeterKey(m.id).pubkey,
          // Demo topologies hold companies' meters only: no household data, opted in or aggregated.
          pointKind: MeteringPointKind.METERING_POINT_KIND_COMPANY,
          ...(m.co2GramsPerMwh === undefined ? {} : { co2GramsPerMwh: m.co2GramsPerMwh }),
        }),
      );
      s.meters.push(m.id);
    }
  }
  summary.counts.admitted = participants.filter((p) => p.summary.admitted).length;
  summary.counts.meters = participants.reduce((n, p) => n + p.summary.meters.length, 0);
  if (messages.length === 0) return;
  log(`admitting ${summary.counts.admitted} participants, registering ${summary.counts.meters} meters`);
  await session.submit(operator, messages, summary);
}

/**
 * fundFromBank attests the bank's topology reserve if the chain has less, and mints to each
 * participant what the seed has not minted to it yet; one bank transaction.
 */
async function fundFromBank(
  session: Session,
  bank: BankSpec,
  topologyBank: TopologyBank | undefined,
  participants: readonly SeededParticipant[],
  summary: SeedSummary,
  log: Log,
): Promise<void> {
  const reader = await session.reader();
  const entity = await reader.query.fiat.bank(bank.denom);
  const target = BigInt(topologyBank?.reserve ?? "0");
  const messages: EncodeObject[] = [];
  let reserve = BigInt(entity.reserve);
  const attest = reserve < target;
  if (attest) {
    const statement = `gridledger demo reserve statement (TEST ONLY): ${bank.account} holds ${target} ${bank.denom}`;
    messages.push(attestReserveMsg(entity.address, { denom: bank.denom, reserve: target, statementHash: sha256(new TextEncoder().encode(statement)) }));
    reserve = target;
  }

  const minted = await seedMints(reader, bank.denom);
  let toMint = 0n;
  for (const { topology: p, summary: s } of participants) {
    const missing = BigInt(p.fiat ?? "0") - (minted.get(s.address) ?? 0n);
    if (missing <= 0n) continue;
    messages.push(mintMsg(entity.address, { denom: bank.denom, recipient: s.address, amount: missing, depositReference: `${SEED_REFERENCE_PREFIX}${p.account}` }));
    s.minted = missing.toString();
    toMint += missing;
  }
  const outstanding = BigInt(entity.minted) - BigInt(entity.burned);
  if (outstanding + toMint > reserve) {
    throw new Error(
      `bank ${bank.account} cannot mint ${toMint} ${bank.denom} for the demo participants: ${outstanding} is outstanding and the reserve is ${reserve}. ` +
        `Raise the bank's reserve in the topology (banks[].reserve) or lower the participants' fiat`,
    );
  }
  const mints = messages.length - (attest ? 1 : 0);
  summary.banks.push({ account: bank.account, address: entity.address, denom: bank.denom, reserve: reserve.toString(), attested: attest, minted: toMint.toString() });
  summary.counts.attestations += attest ? 1 : 0;
  summary.counts.mints += mints;
  if (messages.length === 0) return;
  log([attest ? `${bank.account} attests a reserve of ${target} ${bank.denom}` : "", mints > 0 ? `${bank.account} mints ${toMint} ${bank.denom} to ${mints} participants` : ""].filter(Boolean).join(", "));
  await session.submit(entity.address, messages, summary);
}

/**
 * depositAndOffer tops the participant's settlement account up to its settlementDeposit and,
 * for a producer without live tokens, issues two demo tokens and offers their consumer sides.
 */
async function depositAndOffer(
  session: Session,
  participant: SeededParticipant,
  bank: BankSpec,
  periodSeconds: bigint,
  now: Date,
  summary: SeedSummary,
  log: Log,
): Promise<void> {
  const { topology: p, summary: s } = participant;
  const reader = await session.reader();
  const messages: EncodeObject[] = [];

  if (p.fiat !== undefined) {
    const target = p.settlementDeposit !== undefined ? BigInt(p.settlementDeposit) : BigInt(p.fiat) / 2n;
    const held = BigInt((await reader.query.fiat.settlementAccount(s.address, bank.denom)).balance);
    const spendable = BigInt((await reader.query.bank.balance(s.address, bank.denom)).amount);
    const amount = bigMin(target - held, spendable);
    if (amount > 0n) {
      messages.push(depositMsg(s.address, { denom: bank.denom, amount }));
      s.deposited = amount.toString();
      summary.counts.deposits++;
    }
  }

  const plan = await offerPlan(reader, p, s.address, bank, periodSeconds, now, log);
  messages.push(...plan.issue.map((i) => i.message));
  if (messages.length > 0) {
    const doing = [s.deposited !== "0" ? `deposits ${s.deposited} ${bank.denom}` : "", plan.issue.length > 0 ? `issues ${plan.issue.length} tokens` : ""];
    log(`${p.account} ${doing.filter(Boolean).join(" and ")}`);
    const result = await session.submit(s.address, messages, summary);
    // Responses come in message order, so the n-th id is the n-th issue message's token.
    const ids = result.msgResponses.filter((r) => r.typeUrl === msgIssueTokenResponseTypeUrl).map((r) => MsgIssueTokenResponse.decode(r.value).tokenId);
    ids.forEach((id, n) => plan.unoffered.push({ id, pricePerMwh: plan.issue[n]?.pricePerMwh ?? 0n }));
    s.issued = ids.map(String);
    summary.counts.tokens += ids.length;
  }
  if (plan.unoffered.length === 0) return;
  log(`${p.account} offers the consumer side of ${plan.unoffered.length} tokens`);
  const asks = plan.unoffered.map((t) => setAskMsg(s.address, t.id, Side.SIDE_CONSUMER, { pricePerMwh: t.pricePerMwh, denom: bank.denom }));
  await session.submit(s.address, asks, summary);
  s.offered = plan.unoffered.map((t) => t.id.toString());
  summary.counts.offers += plan.unoffered.length;
}

interface OfferPlan {
  /** Tokens to issue, with the price their consumer side will ask (none if the producer holds tokens). */
  issue: Array<{ message: EncodeObject; pricePerMwh: bigint }>;
  /** Demo tokens the producer holds whose consumer side is not for sale yet; they ask their face value. */
  unoffered: Array<{ id: bigint; pricePerMwh: bigint }>;
}

/** Demo sizes: nameplate capacity in W of a typical plant of each category, and a price per MWh in currency units. */
const DEMO_PLANT: Record<EnergyCategoryName, { watts: number; pricePerMwh: number }> = {
  solar: { watts: 500_000, pricePerMwh: 70 },
  wind: { watts: 20_000_000, pricePerMwh: 75 },
  hydro: { watts: 50_000_000, pricePerMwh: 90 },
  nuclear: { watts: 500_000_000, pricePerMwh: 60 },
  coal: { watts: 200_000_000, pricePerMwh: 110 },
  methane: { watts: 100_000_000, pricePerMwh: 120 },
  biomass: { watts: 5_000_000, pricePerMwh: 100 },
  other: { watts: 1_000_000, pricePerMwh: 80 },
};
/** Each demo token covers this many hours, from tomorrow 06:00 UTC on, one after the other. */
const TOKEN_HOURS = 4;

/** offerPlan decides which demo tokens to issue and which to offer, from the producer's live tokens. */
async function offerPlan(
  reader: GridledgerClient,
  p: TopologyParticipant,
  address: string,
  bank: BankSpec,
  periodSeconds: bigint,
  now: Date,
  log: Log,
): Promise<OfferPlan> {
  const plan: OfferPlan = { issue: [], unoffered: [] };
  const meter = (p.meters ?? []).find((m) => m.kind === "production");
  if (meter?.category === undefined) return plan;
  const held = await liveTokens(reader, address);
  // A demo token left unoffered (a run stopped between issuing and offering) is offered now.
  for (const t of held) {
    if (t.terms?.legalFramework !== SEED_LEGAL_FRAMEWORK || t.consumer?.owner !== address || t.consumer.ask?.forSale === true) continue;
    plan.unoffered.push({ id: t.id, pricePerMwh: BigInt(t.faceValuePerMwh?.amount ?? "0") });
  }
  if (held.length > 0) return plan;

  // The consumer side needs a meter of the issuer: its consumption meter, else its virtual meter
  // for the category (traders and retailers). A pure producer has neither and cannot issue.
  const consumption = (p.meters ?? []).find((m) => m.kind === "consumption");
  const virtual = (p.tradedCategories ?? []).includes(meter.category);
  if (consumption === undefined && !virtual) {
    log(`${p.account}: no offers (issuing needs a consumption meter, or the trader role with ${meter.category} in tradedCategories)`);
    return plan;
  }
  const params = await reader.query.energy.params();
  const periods = bigMax(1n, bigMin(BigInt(TOKEN_HOURS * 3600) / periodSeconds, params.maxTokenPeriods));
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 6));
  // The first period must lie in the future of the chain's clock too (two periods of margin).
  const first = bigMax(periodAt(tomorrow, periodSeconds), (await currentPeriod(reader)) + 2n);
  const plant = DEMO_PLANT[meter.category];
  const unit = 10n ** BigInt(bank.exponent);
  for (let i = 0; i < 2; i++) {
    // The second token is a little dearer, so the market shows two price levels.
    const pricePerMwh = (BigInt(plant.pricePerMwh) + BigInt(5 * i)) * unit;
    const firstPeriod = first + BigInt(i) * periods;
    const message = issueTokenMsg(address, {
      firstPeriod,
      lastPeriod: firstPeriod + periods - 1n,
      // Each token sells a quarter of the plant's output in a period.
      whPerPeriod: bigMax(1n, (BigInt(plant.watts) * periodSeconds) / 3600n / 4n),
      producerMeterId: meter.id,
      ...(consumption === undefined ? {} : { consumerMeterId: consumption.id }),
      faceValuePerMwh: { denom: bank.denom, amount: pricePerMwh },
      terms: { settlementDelayPeriods: 86_400n / periodSeconds, legalFramework: SEED_LEGAL_FRAMEWORK },
    });
    plan.issue.push({ message, pricePerMwh });
  }
  return plan;
}

/** allParticipants maps address to participant, over every page. */
async function allParticipants(reader: GridledgerClient): Promise<Map<string, Participant>> {
  const out = new Map<string, Participant>();
  let key: Uint8Array | undefined;
  do {
    const page = await reader.query.balancing.participants(key === undefined ? {} : { paginationKey: key });
    for (const p of page.participants) out.set(p.address, p);
    key = nextKey(page.pagination?.nextKey);
  } while (key !== undefined);
  return out;
}

/** meterIds lists the ids of owner's meters (physical and virtual). */
async function meterIds(reader: GridledgerClient, owner: string): Promise<Set<string>> {
  const out = new Set<string>();
  let key: Uint8Array | undefined;
  do {
    const page = await reader.query.balancing.meters(key === undefined ? { owner } : { owner, paginationKey: key });
    for (const m of page.meters) out.add(m.id);
    key = nextKey(page.pagination?.nextKey);
  } while (key !== undefined);
  return out;
}

/** seedMints sums, per recipient, what the bank minted with a seed reference (its audit trail). */
async function seedMints(reader: GridledgerClient, denom: string): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  let key: Uint8Array | undefined;
  do {
    const page = await reader.query.fiat.auditTrail(denom, key === undefined ? {} : { paginationKey: key });
    for (const e of page.entries) {
      if (e.kind !== AuditKind.AUDIT_KIND_MINT || !e.reference.startsWith(SEED_REFERENCE_PREFIX)) continue;
      out.set(e.account, (out.get(e.account) ?? 0n) + BigInt(e.amount));
    }
    key = nextKey(page.pagination?.nextKey);
  } while (key !== undefined);
  return out;
}

/** liveTokens lists the live tokens of which owner holds a side, each once. */
async function liveTokens(reader: GridledgerClient, owner: string): Promise<Token[]> {
  const out = new Map<bigint, Token>();
  let key: Uint8Array | undefined;
  do {
    const page = await reader.query.energy.tokensByOwner(owner, key === undefined ? {} : { paginationKey: key });
    for (const t of page.tokens) out.set(t.id, t);
    key = nextKey(page.pagination?.nextKey);
  } while (key !== undefined);
  return [...out.values()];
}

function nextKey(key: Uint8Array | undefined): Uint8Array | undefined {
  return key !== undefined && key.length > 0 ? key : undefined;
}

/** category maps a topology category name to the chain's enum. */
function category(name: EnergyCategoryName): EnergyCategory {
  return enumValue(energyCategoryFromJSON, `ENERGY_CATEGORY_${name.toUpperCase()}`, EnergyCategory.UNRECOGNIZED, name);
}

/** enumValue maps a proto enum name through its generated fromJSON, refusing names the client does not know. */
function enumValue<E>(fromJSON: (name: string) => E, name: string, unrecognized: E, what: string): E {
  const value = fromJSON(name);
  if (value === unrecognized) throw new Error(`"${what}" is not known to @gridledger/client (${name})`);
  return value;
}

const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);
const bigMax = (a: bigint, b: bigint) => (a > b ? a : b);
