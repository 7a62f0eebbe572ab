import type { StdFee } from "@cosmjs/amino";
import { fromHex } from "@cosmjs/encoding";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import type { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import {
  type DeliverTxResponse,
  GasPrice,
  SigningStargateClient,
  type SigningStargateClientOptions,
  StargateClient,
  type StargateClientOptions,
} from "@cosmjs/stargate";
import { type CometClient, connectComet, type HttpEndpoint } from "@cosmjs/tendermint-rpc";

import { DEFAULT_GAS_PRICE } from "./chain.js";
import { codespaceHint, GridledgerTxError, recogniseError, txErrorFromThrown } from "./errors.js";
import {
  type AdmitParticipantInput,
  admitParticipantMsg,
  excludeParticipantMsg,
  type RegisterMeterInput,
  registerMeterMsg,
  reinstateParticipantMsg,
  suspendParticipantMsg,
  type UpdateParticipantInput,
  updateParticipantMsg,
} from "./modules/balancing/compose.js";
import {
  type AttestReserveInput,
  attestReserveMsg,
  type CoinInput,
  depositMsg,
  lockCollateralMsg,
  markRedemptionPaidMsg,
  type MintInput,
  mintMsg,
  redeemMsg,
  unlockCollateralMsg,
  withdrawMsg,
} from "./modules/fiat/compose.js";
import { type ProposalOptions, submitProposalMsg, voteMsg } from "./modules/gov/compose.js";
import { createGridledgerQueryClient, type GridledgerQueryClient } from "./queryclient.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "./registry.js";
import { proposalIdFromTx, redemptionIdFromTx } from "./txresult.js";

/** Fee is what CosmJS accepts: an explicit fee, "auto" (simulate x1.4) or a gas multiplier. */
export type Fee = StdFee | "auto" | number;

export interface GridledgerClientOptions extends Omit<SigningStargateClientOptions, "gasPrice"> {
  /** gasPrice defaults to "0ugrid" (dev nodes); a string like "0.025ugrid" is parsed. */
  readonly gasPrice?: SigningStargateClientOptions["gasPrice"] | string;
}

/**
 * GridledgerClient talks to a gridd node: typed x/balancing and x/fiat transactions, governance
 * (submitProposal, vote), and `query` with the balancing, energy, fiat, gov (v1), bank, auth,
 * staking and tx queries.
 *
 * It wraps CosmJS's (Signing)StargateClient instead of extending it: the base class keeps a private
 * `queryClient` member and protected constructors, and one class serves both the read-only
 * (`connect`) and the signing (`connectWithSigner`) case. Everything else CosmJS offers is on
 * `stargate` and `signingClient`.
 */
export class GridledgerClient {
  /** stargate is the underlying CosmJS client (a SigningStargateClient when signing). */
  readonly stargate: StargateClient;
  private readonly signing: SigningStargateClient | undefined;
  private readonly cometClient: CometClient;
  private readonly queries: GridledgerQueryClient;

  private constructor(
    cometClient: CometClient,
    stargate: StargateClient,
    signing?: SigningStargateClient,
  ) {
    this.cometClient = cometClient;
    this.stargate = stargate;
    this.signing = signing;
    this.queries = createGridledgerQueryClient(cometClient);
  }

  /** connect opens a read-only client; transaction methods throw. */
  static async connect(
    endpoint: string | HttpEndpoint,
    options: StargateClientOptions = {},
  ): Promise<GridledgerClient> {
    return GridledgerClient.create(await connectComet(endpoint), options);
  }

  /** create is connect over an existing Comet connection. */
  static create(cometClient: CometClient, options: StargateClientOptions = {}): GridledgerClient {
    return new GridledgerClient(cometClient, StargateClient.create(cometClient, options));
  }

  /**
   * connectWithSigner opens a signing client. Defaults: gridledger's registry and amino types
   * (so Ledger/amino signers work), gas price 0ugrid.
   */
  static async connectWithSigner(
    endpoint: string | HttpEndpoint,
    signer: OfflineSigner,
    options: GridledgerClientOptions = {},
  ): Promise<GridledgerClient> {
    return GridledgerClient.createWithSigner(await connectComet(endpoint), signer, options);
  }

  /** createWithSigner is connectWithSigner over an existing Comet connection. */
  static createWithSigner(
    cometClient: CometClient,
    signer: OfflineSigner,
    options: GridledgerClientOptions = {},
  ): GridledgerClient {
    const gasPrice = options.gasPrice ?? DEFAULT_GAS_PRICE;
    const registry = options.registry ?? createGridledgerRegistry();
    const signing = SigningStargateClient.createWithSigner(cometClient, signer, {
      ...options,
      registry,
      aminoTypes: options.aminoTypes ?? createGridledgerAminoTypes(registry),
      gasPrice: typeof gasPrice === "string" ? GasPrice.fromString(gasPrice) : gasPrice,
    });
    return new GridledgerClient(cometClient, signing, signing);
  }

  /** query runs queries, e.g. `client.query.balancing.participant(address)`. */
  get query(): GridledgerQueryClient {
    return this.queries;
  }

  /** queryClient is `query` under CosmJS's name, for code that expects a QueryClient. */
  get queryClient(): GridledgerQueryClient {
    return this.queries;
  }

  /** signingClient is the CosmJS signing client; it throws on a read-only client. */
  get signingClient(): SigningStargateClient {
    if (this.signing === undefined) {
      throw new Error(
        "This client is read-only; open it with GridledgerClient.connectWithSigner to send " +
          "transactions.",
      );
    }
    return this.signing;
  }

  getChainId(): Promise<string> {
    return this.stargate.getChainId();
  }

  getHeight(): Promise<number> {
    return this.stargate.getHeight();
  }

  disconnect(): void {
    this.stargate.disconnect();
  }

  /**
   * submit signs and broadcasts messages in one transaction and waits for its block. Unlike
   * CosmJS's signAndBroadcast it throws GridledgerTxError when the chain refuses the transaction
   * at simulation, CheckTx or execution, so callers need no code check.
   */
  async submit(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    let result: DeliverTxResponse;
    try {
      result = await this.signingClient.signAndBroadcast(signerAddress, messages, fee, memo);
    } catch (error) {
      throw txErrorFromThrown(error, messages);
    }
    if (result.code !== 0) {
      const rawLog = result.rawLog ?? "";
      throw new GridledgerTxError({
        phase: "deliverTx",
        code: result.code,
        codespace: await this.codespaceOf(result.transactionHash, rawLog, messages),
        rawLog,
        transactionHash: result.transactionHash,
        height: result.height,
      });
    }
    return result;
  }

  admitParticipant(
    operator: string,
    input: AdmitParticipantInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [admitParticipantMsg(operator, input)], fee, memo);
  }

  updateParticipant(
    operator: string,
    input: UpdateParticipantInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [updateParticipantMsg(operator, input)], fee, memo);
  }

  /** suspendParticipant suspends an active participant; reasonCode is short, e.g. "collateral". */
  suspendParticipant(
    operator: string,
    address: string,
    reasonCode: string,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [suspendParticipantMsg(operator, address, reasonCode)], fee, memo);
  }

  reinstateParticipant(
    operator: string,
    address: string,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [reinstateParticipantMsg(operator, address)], fee, memo);
  }

  /** excludeParticipant excludes a participant for good; reasonCode is e.g. "default". */
  excludeParticipant(
    operator: string,
    address: string,
    reasonCode: string,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [excludeParticipantMsg(operator, address, reasonCode)], fee, memo);
  }

  registerMeter(
    operator: string,
    input: RegisterMeterInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [registerMeterMsg(operator, input)], fee, memo);
  }

  // x/fiat. Amounts are whole base units (bigint, safe-integer number or decimal string).

  /** attestReserve records the bank's reserve and the SHA-256 of its statement (bank only). */
  attestReserve(
    bank: string,
    input: AttestReserveInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(bank, [attestReserveMsg(bank, input)], fee, memo);
  }

  /** mint issues fiat to an admitted participant against a deposit, within the reserve (bank only). */
  mint(bank: string, input: MintInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(bank, [mintMsg(bank, input)], fee, memo);
  }

  /**
   * redeem burns `amount` of the holder's fiat at once and asks its bank to pay it out to
   * `payoutReference`; it returns the redemption id the bank confirms with markRedemptionPaid.
   */
  async redeem(
    holder: string,
    amount: CoinInput,
    payoutReference: string,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint> {
    const result = await this.submit(holder, [redeemMsg(holder, amount, payoutReference)], fee, memo);
    return redemptionIdFromTx(result);
  }

  /** markRedemptionPaid records that the bank paid a redemption out (the issuing bank only). */
  markRedemptionPaid(
    bank: string,
    redemptionId: bigint | number,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(bank, [markRedemptionPaidMsg(bank, redemptionId)], fee, memo);
  }

  /** deposit moves fiat from the owner's account into its settlement account. */
  deposit(owner: string, amount: CoinInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(owner, [depositMsg(owner, amount)], fee, memo);
  }

  /** withdraw moves unlocked fiat from the settlement account back to the owner. */
  withdraw(owner: string, amount: CoinInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(owner, [withdrawMsg(owner, amount)], fee, memo);
  }

  /** lockCollateral locks part of owner's settlement account (grid operator only). */
  lockCollateral(
    operator: string,
    owner: string,
    amount: CoinInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [lockCollateralMsg(operator, owner, amount)], fee, memo);
  }

  /** unlockCollateral releases owner's collateral (grid operator only). */
  unlockCollateral(
    operator: string,
    owner: string,
    amount: CoinInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [unlockCollateralMsg(operator, owner, amount)], fee, memo);
  }

  // Governance, for any module's governance-only messages (their authority is GOV_AUTHORITY).

  /**
   * submitProposal submits a gov v1 proposal that executes `messages` when it passes, and returns
   * its id. The messages are encoded with this client's registry; `deposit` must reach the gov
   * min_deposit for voting to start at once. Follow the proposal with `query.gov.proposal(id)`.
   */
  async submitProposal(
    proposer: string,
    messages: readonly EncodeObject[],
    deposit: readonly CoinInput[],
    title: string,
    summary: string,
    options: ProposalOptions = {},
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint> {
    const { registry } = this.signingClient;
    const msg = submitProposalMsg(registry, proposer, messages, deposit, title, summary, options);
    return proposalIdFromTx(await this.submit(proposer, [msg], fee, memo));
  }

  /** vote casts `option` (e.g. VoteOption.VOTE_OPTION_YES) on a proposal in its voting period. */
  vote(
    voter: string,
    proposalId: bigint | number,
    option: VoteOption,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(voter, [voteMsg(voter, proposalId, option)], fee, memo);
  }

  // DeliverTxResponse has no codespace, and a code means nothing without it; the node's tx
  // record has it. If that lookup fails, recognise the error by its text.
  private async codespaceOf(
    transactionHash: string,
    rawLog: string,
    messages: readonly EncodeObject[],
  ): Promise<string> {
    try {
      const tx = await this.cometClient.tx({ hash: fromHex(transactionHash) });
      if (tx.result.codespace !== undefined) return tx.result.codespace;
    } catch {
      // Fall through: the node may not index transactions.
    }
    return recogniseError(rawLog, codespaceHint(rawLog, messages))?.codespace ?? "";
  }
}
