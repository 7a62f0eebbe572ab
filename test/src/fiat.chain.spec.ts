/**
 * Tokenised fiat end to end on a real gridd node: the genesis bank attests a reserve and mints,
 * participants deposit into settlement accounts, the grid operator locks collateral, holders
 * redeem and the bank confirms payouts, and governance approves a second bank through a real
 * proposal. After every test the invariants of DESIGN.md §6 (fiat) are checked from outside,
 * through queries only.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { sha256 } from "@cosmjs/crypto";
import { toHex, toUtf8 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import {
  admitParticipantMsg,
  approveBankMsg,
  AuditKind,
  BankEntityStatus,
  BECH32_PREFIX,
  FeeKind,
  FIAT_SETTLEMENT_ACCOUNT,
  GOV_AUTHORITY,
  GridledgerClient,
  GridledgerTxError,
  ProposalStatus,
  RedemptionStatus,
  Role,
  VoteOption,
} from "@gridledger/client";
import { startTestChain, type TestChain } from "@gridledger/relayer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

const CHF = "uchf.alpine";
const EUR = "ueur.north";
const chf = (amount: bigint | number) => ({ denom: CHF, amount: BigInt(amount) });

type Signer = "direct" | "amino";

describe("tokenised fiat on a real gridd node", () => {
  let chain: TestChain;
  let comet: Comet38Client;
  let reader: GridledgerClient;
  const clients: GridledgerClient[] = [];
  const addr: Record<string, string> = {};

  async function connect(name: string, signer: Signer = "direct"): Promise<GridledgerClient> {
    const account = chain.accounts[name];
    if (account === undefined) throw new Error(`no account ${name}`);
    const wallet =
      signer === "amino"
        ? await Secp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX })
        : await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
    // Blocks come every 500 ms on test chains; CosmJS polls for inclusion every 3 s by default.
    const client = await GridledgerClient.connectWithSigner(chain.rpc, wallet, { broadcastPollIntervalMs: 250 });
    clients.push(client);
    return client;
  }

  // Clients by account, opened in beforeAll.
  let operator: GridledgerClient;
  let bank: GridledgerClient;
  let bankAmino: GridledgerClient;
  let alice: GridledgerClient;
  let aliceAmino: GridledgerClient;
  let validatorAmino: GridledgerClient;
  let validator: GridledgerClient;
  let north: GridledgerClient;

  const statement = "Alpine Bank AG, reserve statement 2026-05-31: CHF 1,000.00 held for uchf.alpine";
  const statementHash = sha256(toUtf8(statement));

  beforeAll(async () => {
    chain = await startTestChain({ name: "fiat", accounts: [{ name: "north", coins: "1000000000000ugrid" }] });
    for (const [name, account] of Object.entries(chain.accounts)) if (account !== undefined) addr[name] = account.address;
    comet = await Comet38Client.connect(chain.rpc);
    reader = await GridledgerClient.connect(chain.rpc);
    operator = await connect("operator");
    bank = await connect("bank");
    bankAmino = await connect("bank", "amino");
    alice = await connect("alice");
    aliceAmino = await connect("alice", "amino");
    validator = await connect("validator");
    validatorAmino = await connect("validator", "amino");
    north = await connect("north");
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    reader?.disconnect();
    comet?.disconnect();
    await chain?.stop();
  });

  /**
   * Fees of every EventPayment of denom, in transactions and in block events (the market and
   * settlement pay from handlers and end blockers).
   */
  async function paymentFees(denom: string): Promise<bigint> {
    const query = "gridledger.fiat.v1.EventPayment.fee EXISTS";
    const events: Array<{ type: string; attributes: ReadonlyArray<{ key: string; value: string }> }> = [];
    for (const tx of (await comet.txSearchAll({ query })).txs) events.push(...tx.result.events);
    for (const block of (await comet.blockSearchAll({ query })).blocks) {
      events.push(...(await comet.blockResults(block.block.header.height)).finalizeBlockEvents);
    }
    let sum = 0n;
    for (const event of events) {
      if (event.type !== "gridledger.fiat.v1.EventPayment") continue;
      const attr = (key: string) => JSON.parse(event.attributes.find((a) => a.key === key)?.value ?? "null") as string | null;
      if (attr("denom") === denom) sum += BigInt(attr("fee") ?? "0");
    }
    return sum;
  }

  // DESIGN.md §6.1 and §6.4 for x/fiat, seen from outside. Settlement accounts are listed per
  // owner only, so their sum runs over every account of the chain (the only possible owners).
  afterEach(async () => {
    const banks = (await reader.query.fiat.banks()).banks;
    expect(banks.length).toBeGreaterThan(0);
    for (const b of banks) {
      const supply = BigInt((await reader.query.bank.supplyOf(b.denom)).amount);
      const outstanding = BigInt(b.minted) - BigInt(b.burned);
      expect(supply, `${b.denom}: supply = minted - burned`).toBe(outstanding);
      expect(outstanding <= BigInt(b.reserve), `${b.denom}: outstanding <= reserve`).toBe(true);

      let sum = 0n;
      for (const owner of Object.values(addr)) {
        for (const acc of (await reader.query.fiat.settlementAccounts(owner)).accounts) {
          if (acc.denom !== b.denom) continue;
          expect(BigInt(acc.locked) <= BigInt(acc.balance), `${owner}: locked <= balance`).toBe(true);
          sum += BigInt(acc.balance);
        }
      }
      const escrow = BigInt((await reader.query.bank.balance(FIAT_SETTLEMENT_ACCOUNT, b.denom)).amount);
      expect(escrow, `${b.denom}: fiat_settlement escrow = sum of settlement accounts`).toBe(sum);

      expect(BigInt(b.feesReceived), `${b.denom}: fees_received = fees of EventPayment`).toBe(await paymentFees(b.denom));
    }
  });

  /** state is everything a refused fiat transaction must leave as it was. */
  async function state(denom: string, holders: readonly string[]) {
    return {
      bank: await reader.query.fiat.bank(denom),
      supply: await reader.query.bank.supplyOf(denom),
      balances: await Promise.all(holders.map((h) => reader.query.bank.balance(h, denom))),
      settlement: await Promise.all(holders.map((h) => reader.query.fiat.settlementAccount(h, denom))),
      audit: (await reader.query.fiat.auditTrail(denom)).entries,
      redemptions: (await reader.query.fiat.redemptions(denom)).redemptions,
    };
  }

  it("starts with the dev bank approved at genesis, with its metadata and a zero reserve", async () => {
    const b = await reader.query.fiat.bank(CHF);
    expect(b).toMatchObject({
      denom: CHF,
      address: addr.bank,
      currency: "CHF",
      exponent: 6,
      displayDenom: "chf.alpine",
      feeModel: { kind: FeeKind.FEE_KIND_BASIS_POINTS, basisPoints: 5, fixedAmount: "0" },
      status: BankEntityStatus.BANK_ENTITY_STATUS_ACTIVE,
      reserve: "0",
      minted: "0",
      burned: "0",
      feesReceived: "0",
    });
    const metadata = await reader.query.bank.denomMetadata(CHF);
    expect(metadata).toMatchObject({ base: CHF, display: "chf.alpine", symbol: "CHF" });
    expect(metadata.denomUnits.map((u) => [u.denom, u.exponent])).toEqual([
      [CHF, 0],
      ["chf.alpine", 6],
    ]);
  });

  it("lets the operator admit alice and bob in one transaction", async () => {
    const admit = (name: string, legalId: string) =>
      admitParticipantMsg(addr.operator!, {
        address: addr[name]!,
        legalId,
        displayName: name,
        roles: [Role.ROLE_TRADER],
        positionLimitWh: 1_000_000n,
      });
    await operator.submit(addr.operator!, [admit("alice", "12X-ALICE-FIAT-1"), admit("bob", "12X-BOB-FIAT-001")]);
    for (const name of ["alice", "bob"]) {
      await expect(reader.query.balancing.participant(addr[name]!)).resolves.toMatchObject({ address: addr[name] });
    }
  });

  it("records the bank's reserve attestation with the statement's SHA-256", async () => {
    await bank.attestReserve(addr.bank!, { denom: CHF, reserve: 1_000_000_000n, statementHash });
    const b = await reader.query.fiat.bank(CHF);
    expect(b.reserve).toBe("1000000000");
    expect(b.reserveStatementHash).toEqual(statementHash);
    const [entry] = (await reader.query.fiat.auditTrail(CHF)).entries;
    expect(entry).toMatchObject({ kind: AuditKind.AUDIT_KIND_ATTESTATION, amount: "1000000000", reference: toHex(statementHash) });
  });

  it("mints to alice against a deposit, amino-signed as a Ledger would", async () => {
    await bankAmino.mint(addr.bank!, { denom: CHF, recipient: addr.alice!, amount: 600_000_000n, depositReference: "DEP-2026-0001" });
    expect((await reader.query.bank.balance(addr.alice!, CHF)).amount).toBe("600000000");
    expect((await reader.query.fiat.bank(CHF)).minted).toBe("600000000");
    const entries = (await reader.query.fiat.auditTrail(CHF)).entries;
    expect(entries.at(-1)).toMatchObject({ kind: AuditKind.AUDIT_KIND_MINT, account: addr.alice, amount: "600000000", reference: "DEP-2026-0001" });
  });

  it("refuses to mint above the reserve, at simulation and at execution, changing nothing", async () => {
    const before = await state(CHF, [addr.alice!]);
    const tooMuch = { denom: CHF, recipient: addr.alice!, amount: 400_000_001n, depositReference: "DEP-2026-0002" };

    const simulated = bank.mint(addr.bank!, tooMuch);
    await expect(simulated).rejects.toBeInstanceOf(GridledgerTxError);
    await expect(simulated).rejects.toMatchObject({ phase: "simulate", codespace: "fiat", code: 12 });

    // An explicit fee skips the simulation: the block executes and refuses the mint.
    const fee = { amount: [{ denom: "ugrid", amount: "0" }], gas: "300000" };
    const executed = bank.mint(addr.bank!, tooMuch, fee);
    await expect(executed).rejects.toMatchObject({ phase: "deliverTx", codespace: "fiat", code: 12 });
    await expect(executed).rejects.toThrow(/attested reserve/);

    expect(await state(CHF, [addr.alice!])).toEqual(before);
    // Exactly up to the reserve is allowed.
    await bank.mint(addr.bank!, { ...tooMuch, amount: 400_000_000n });
    expect((await reader.query.fiat.bank(CHF)).minted).toBe("1000000000");
  });

  it("moves alice's deposit into her settlement account, escrowed by fiat_settlement", async () => {
    await alice.deposit(addr.alice!, chf(400_000_000));
    await expect(reader.query.fiat.settlementAccount(addr.alice!, CHF)).resolves.toEqual({
      owner: addr.alice,
      denom: CHF,
      balance: "400000000",
      locked: "0",
    });
    expect((await reader.query.bank.balance(addr.alice!, CHF)).amount).toBe("600000000");
    expect((await reader.query.bank.balance(FIAT_SETTLEMENT_ACCOUNT, CHF)).amount).toBe("400000000");
    // The derived address is the chain's module account.
    const account = await reader.query.auth.account(FIAT_SETTLEMENT_ACCOUNT);
    expect(account?.typeUrl).toBe("/cosmos.auth.v1beta1.ModuleAccount");
  });

  it("keeps collateral the operator locked from being withdrawn; unlocked funds come out", async () => {
    await operator.lockCollateral(addr.operator!, addr.alice!, chf(300_000_000));
    expect((await reader.query.fiat.settlementAccount(addr.alice!, CHF)).locked).toBe("300000000");

    const before = await state(CHF, [addr.alice!]);
    const locked = alice.withdraw(addr.alice!, chf(200_000_000));
    await expect(locked).rejects.toMatchObject({ codespace: "fiat", code: 20 });
    await expect(locked).rejects.toThrow(/locked as collateral/);
    expect(await state(CHF, [addr.alice!])).toEqual(before);

    await alice.withdraw(addr.alice!, chf(100_000_000));
    await operator.unlockCollateral(addr.operator!, addr.alice!, chf(100_000_000));
    await alice.withdraw(addr.alice!, chf(100_000_000));
    await expect(reader.query.fiat.settlementAccounts(addr.alice!)).resolves.toMatchObject({
      accounts: [{ owner: addr.alice, denom: CHF, balance: "200000000", locked: "200000000" }],
    });
    expect((await reader.query.bank.balance(addr.alice!, CHF)).amount).toBe("800000000");
  });

  it("burns alice's redemption at once; the bank marks it paid, and only once", async () => {
    const id = await aliceAmino.redeem(addr.alice!, chf(50_000_000), "PAYOUT-2026-0001");
    await expect(reader.query.fiat.redemption(id)).resolves.toMatchObject({
      id,
      denom: CHF,
      holder: addr.alice,
      amount: "50000000",
      payoutReference: "PAYOUT-2026-0001",
      status: RedemptionStatus.REDEMPTION_STATUS_PENDING,
      paidHeight: 0n,
    });
    const pending = await reader.query.fiat.redemptions(CHF, { status: RedemptionStatus.REDEMPTION_STATUS_PENDING });
    expect(pending.redemptions.map((r) => r.id)).toEqual([id]);
    expect((await reader.query.fiat.bank(CHF)).burned).toBe("50000000");
    expect((await reader.query.bank.supplyOf(CHF)).amount).toBe("950000000");

    await bank.markRedemptionPaid(addr.bank!, id);
    const paid = await reader.query.fiat.redemption(id);
    expect(paid.status).toBe(RedemptionStatus.REDEMPTION_STATUS_PAID);
    expect(paid.paidHeight).toBeGreaterThan(paid.requestedHeight);
    expect((await reader.query.fiat.redemptions(CHF, { status: RedemptionStatus.REDEMPTION_STATUS_PENDING })).redemptions).toEqual([]);

    const before = await state(CHF, [addr.alice!]);
    await expect(bank.markRedemptionPaid(addr.bank!, id)).rejects.toMatchObject({ codespace: "fiat", code: 19 });
    expect(await state(CHF, [addr.alice!])).toEqual(before);

    const kinds = (await reader.query.fiat.auditTrail(CHF)).entries.filter((e) => e.redemptionId === id).map((e) => e.kind);
    expect(kinds).toEqual([AuditKind.AUDIT_KIND_REDEMPTION, AuditKind.AUDIT_KIND_PAYOUT]);
  });

  it("approves a second bank through a real governance proposal, which then mints", async () => {
    const approve = approveBankMsg(GOV_AUTHORITY, {
      address: addr.north!,
      denom: EUR,
      displayDenom: "eur.north",
      currency: "EUR",
      exponent: 6,
      feeModel: { kind: "fixed", fixedAmount: 10_000n },
    });
    const { minDeposit } = await reader.query.gov.params();
    // Amino-signed: gov v1 proposals carrying x/fiat messages must work from a Ledger too.
    const id = await validatorAmino.submitProposal(
      addr.validator!,
      [approve],
      minDeposit,
      "Approve North Bank as issuer of ueur.north",
      "North Bank AG issues EUR 1:1 as ueur.north; fixed fee 0.01 EUR per settlement payment.",
    );
    await expect(reader.query.gov.proposal(id)).resolves.toMatchObject({ status: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD });
    await validator.vote(addr.validator!, id, VoteOption.VOTE_OPTION_YES);

    // Test chains vote for 10 s.
    await expect
      .poll(async () => (await reader.query.gov.proposal(id)).status, { timeout: 40_000, interval: 1_000 })
      .not.toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    const proposal = await reader.query.gov.proposal(id);
    expect(proposal.failedReason).toBe("");
    expect(proposal.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);

    await expect(reader.query.fiat.bank(EUR)).resolves.toMatchObject({
      address: addr.north,
      currency: "EUR",
      status: BankEntityStatus.BANK_ENTITY_STATUS_ACTIVE,
      feeModel: { kind: FeeKind.FEE_KIND_FIXED, fixedAmount: "10000" },
      reserve: "0",
    });
    expect((await reader.query.bank.denomMetadata(EUR)).display).toBe("eur.north");
    expect((await reader.query.fiat.banks()).banks.map((b) => b.denom).sort()).toEqual([CHF, EUR]);

    const hash = sha256(toUtf8("North Bank AG, reserve statement 2026-05-31: EUR 500.00"));
    await north.attestReserve(addr.north!, { denom: EUR, reserve: 500_000_000, statementHash: hash });
    await north.mint(addr.north!, { denom: EUR, recipient: addr.bob!, amount: 250_000_000, depositReference: "NB-2026-77" });
    expect((await reader.query.bank.balance(addr.bob!, EUR)).amount).toBe("250000000");
    // A bank mints only its own denom.
    await expect(
      north.mint(addr.north!, { denom: CHF, recipient: addr.bob!, amount: 1, depositReference: "NB-2026-78" }),
    ).rejects.toMatchObject({ codespace: "fiat", code: 9 });
  });

  it("works from the gridd CLI as the README shows", async () => {
    const home = chain.gridnet.nodes[0]!.home;
    const gridd = chain.spec.binary;
    // The README's commands, with the statement in a temp dir and other references.
    const script = String.raw`
      set -euo pipefail
      tx() { out=$($gridd tx "$@" --home $home --yes --output json)
             [ "$(jq .code <<<"$out")" = 0 ] || { jq -r .raw_log <<<"$out" >&2; return 1; }
             $gridd query wait-tx "$(jq -r .txhash <<<"$out")" --timeout 90s --home $home --output json | grep -o '"code":[0-9]*'; }
      alice=$($gridd keys show alice -a --keyring-backend test --home $home)
      echo "Alpine Bank AG, reserve statement 2026-06-30: CHF 1,000.00" > "$dir/statement.txt"
      tx fiat attest-reserve uchf.alpine 1000000000 $(sha256sum "$dir/statement.txt" | cut -d' ' -f1) --from bank
      tx fiat mint uchf.alpine $alice 10000000 DEP-2026-0003 --from bank
      tx fiat deposit 4000000uchf.alpine --from alice
      tx fiat redeem 1000000uchf.alpine PAYOUT-2026-0002 --from alice
      $gridd query fiat redemptions uchf.alpine --status pending --home $home --output json
    `;
    const dir = await mkdtemp(join(tmpdir(), "fiat-cli-"));
    try {
      const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, gridd, home, dir } });
      const lines = stdout.trim().split("\n");
      expect(lines.slice(0, 4)).toEqual(['"code":0', '"code":0', '"code":0', '"code":0']);
      const pending = JSON.parse(lines.slice(4).join("\n")) as { redemptions: Array<{ payout_reference: string; id: string }> };
      expect(pending.redemptions.map((r) => r.payout_reference)).toEqual(["PAYOUT-2026-0002"]);
      await bank.markRedemptionPaid(addr.bank!, BigInt(pending.redemptions[0]!.id));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await reader.query.fiat.settlementAccount(addr.alice!, CHF)).balance).toBe("204000000");
  });
});
