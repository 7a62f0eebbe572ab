import { encodeSecp256k1Pubkey, type Pubkey, type StdFee } from "@cosmjs/amino";
import { fromHex } from "@cosmjs/encoding";
import { type EncodeObject, encodePubkey, isOfflineDirectSigner, type OfflineSigner } from "@cosmjs/proto-signing";
import type { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { ServiceClientImpl as TxServiceClient } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { Tx, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import {
  type AminoTypes,
  calculateFee,
  createProtobufRpcClient,
  type DeliverTxResponse,
  GasPrice,
  isDynamicGasPriceConfig,
  SigningStargateClient,
  type SigningStargateClientOptions,
  StargateClient,
  type StargateClientOptions,
} from "@cosmjs/stargate";
import { type CometClient, connectComet, type HttpEndpoint } from "@cosmjs/tendermint-rpc";

import { DEFAULT_GAS_PRICE } from "./chain.js";
import { codespaceHint, explainError, GridledgerTxError, recogniseError, txErrorFromThrown } from "./errors.js";
import type { EnergyCategory } from "./generated/gridledger/balancing/v1/types.js";
import { MsgSubmitReadingsResponse } from "./generated/gridledger/delivery/v1/tx.js";
import type { SignedReading } from "./generated/gridledger/delivery/v1/types.js";
import type { Side } from "./generated/gridledger/energy/v1/types.js";
import { type JointSigner, signJointly, simulationTxBytes } from "./jointsigning.js";
import { type JointSignMode, jointTxMessages, jointTxRaw, type PartlySignedTx, prepareJointTx, signJointTxPart } from "./partialsigning.js";
import {
  type AdmitParticipantInput,
  admitParticipantMsg,
  excludeParticipantMsg,
  registerRelayerMsg,
  removeRelayerMsg,
  type RegisterMeterInput,
  registerMeterMsg,
  reinstateParticipantMsg,
  retireMeterMsg,
  type RotateMeterKeyInput,
  rotateMeterKeyMsg,
  suspendParticipantMsg,
  type UpdateParticipantInput,
  updateParticipantMsg,
} from "./modules/balancing/compose.js";
import {
  type AggregateSidesInput,
  aggregateSidesMsg,
  type DisaggregateSideInput,
  disaggregateSideMsg,
} from "./modules/energy/aggregation.js";
import {
  type AskInput,
  type BidInput,
  buySideMsg,
  type BuySideInput,
  cancelTokenJointlyMsg,
  cancelTokenMsg,
  handOverSideMsg,
  type HandOverSideInput,
  type Integer,
  issueTokenMsg,
  type IssueTokenInput,
  type JointOwners,
  mergeTokensMsg,
  type MergeTokensInput,
  placeBidMsg,
  type PriceBandInput,
  setAskMsg,
  setPriceBandMsg,
  splitTokenMsg,
  type SplitTokenInput,
} from "./modules/energy/compose.js";
import { type ReadingResult, splitReadings, type SubmitReadingsResult } from "./modules/delivery/batches.js";
import { publishReferencePriceMsg, type ReferencePriceInput, submitReadingsMsg } from "./modules/delivery/compose.js";
import { msgSubmitReadingsResponseTypeUrl } from "./modules/delivery/messages.js";
import {
  buyCo2TokenMsg,
  type Co2AskInput,
  divideCo2TokenMsg,
  mergeCo2Msg,
  publishCo2IntensityMsg,
  setCo2AskMsg,
  setCo2RateMsg,
  splitCo2Msg,
} from "./modules/energy/co2messages.js";
import { energySigners } from "./modules/energy/messages.js";
import { type ProcureInput, procureMsg, type RedispatchInput, redispatchMsg } from "./modules/energy/operator.js";
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
import {
  type CollateralRequirementInput,
  declareTransmissionCostMsg,
  seizeCollateralMsg,
  type SecurityFeeRuleInput,
  setCollateralRequirementMsg,
  setSecurityFeeRuleMsg,
  type TransmissionCostInput,
} from "./modules/settlement/compose.js";
import { msgSeizeCollateralResponseTypeUrl } from "./modules/settlement/messages.js";
import { MsgSeizeCollateralResponse } from "./generated/gridledger/settlement/v1/tx.js";
import { buyRemoteMsg, cancelRemoteMsg, linkMsg, type RemotePurchaseQuote, sendHelloMsg, setBridgeCapacityMsg, setLinkFeeMsg, type LinkInput } from "./modules/interchain/compose.js";
import { msgBuyRemoteResponseTypeUrl, msgCancelRemoteResponseTypeUrl, msgSendHelloResponseTypeUrl, msgSetBridgeCapacityResponseTypeUrl } from "./modules/interchain/messages.js";
import type { CancelStage } from "./generated/gridledger/interchain/v1/purchase.js";
import { MsgBuyRemoteResponse, MsgCancelRemoteResponse, MsgSendHelloResponse, MsgSetBridgeCapacityResponse } from "./generated/gridledger/interchain/v1/tx.js";
import type { BridgeDirection } from "./generated/gridledger/interchain/v1/types.js";
import { createGridledgerQueryClient, type GridledgerQueryClient } from "./queryclient.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "./registry.js";
import {
  aggregatedTokenIdFromTx,
  disaggregatedTokenIdsFromTx,
  mergedTokenIdFromTx,
  paidFromTx,
  type Procured,
  procuredFromTx,
  proposalIdFromTx,
  redemptionIdFromTx,
  redispatchCompensationFromTx,
  dividedCo2FromTx,
  mergedCo2FromTx,
  splitCo2FromTx,
  splitTokenIdsFromTx,
  tokenIdFromTx,
} from "./txresult.js";

/** Fee is what CosmJS accepts: an explicit fee, "auto" (simulate x1.4) or a gas multiplier. */
export type Fee = StdFee | "auto" | number;

export interface GridledgerClientOptions extends Omit<SigningStargateClientOptions, "gasPrice"> {
  /** gasPrice defaults to "0ugrid" (dev nodes); a string like "0.025ugrid" is parsed. */
  readonly gasPrice?: SigningStargateClientOptions["gasPrice"] | string;
}

/** SigningSetup is what a signing client keeps besides CosmJS's client, for joint signing. */
interface SigningSetup {
  readonly client: SigningStargateClient;
  readonly signer: OfflineSigner;
  readonly aminoTypes: AminoTypes;
  readonly gasPrice: NonNullable<SigningStargateClientOptions["gasPrice"]>;
}

/** CosmJS's multiplier for fee "auto". */
const AUTO_GAS_MULTIPLIER = 1.4;

/**
 * GridledgerClient talks to a gridd node: typed x/balancing, x/energy and x/fiat transactions,
 * governance (submitProposal, vote), transactions signed by several accounts (submitJointly), and
 * `query` with the balancing, energy, fiat, gov (v1), bank, auth, staking and tx queries.
 *
 * It wraps CosmJS's (Signing)StargateClient instead of extending it: the base class keeps a private
 * `queryClient` member and protected constructors, and one class serves both the read-only
 * (`connect`) and the signing (`connectWithSigner`) case. Everything else CosmJS offers is on
 * `stargate` and `signingClient`.
 */
export class GridledgerClient {
  /** stargate is the underlying CosmJS client (a SigningStargateClient when signing). */
  readonly stargate: StargateClient;
  private readonly signing: SigningSetup | undefined;
  private readonly cometClient: CometClient;
  private readonly queries: GridledgerQueryClient;

  private constructor(cometClient: CometClient, stargate: StargateClient, signing?: SigningSetup) {
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
    const configured = options.gasPrice ?? DEFAULT_GAS_PRICE;
    const gasPrice = typeof configured === "string" ? GasPrice.fromString(configured) : configured;
    const registry = options.registry ?? createGridledgerRegistry();
    const aminoTypes = options.aminoTypes ?? createGridledgerAminoTypes(registry);
    const signing = SigningStargateClient.createWithSigner(cometClient, signer, {
      ...options,
      registry,
      aminoTypes,
      gasPrice,
    });
    return new GridledgerClient(cometClient, signing, { client: signing, signer, aminoTypes, gasPrice });
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
    return this.signingSetup.client;
  }

  private get signingSetup(): SigningSetup {
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
    return this.delivered(result, messages);
  }

  /**
   * submitJointly signs messages with several accounts and broadcasts them in one transaction, as
   * messages with two signers need (x/energy hand-overs, splits, merges, joint cancellations).
   * `signers` are the addresses that must sign, in the order the chain expects (the messages'
   * `cosmos.msg.v1.signer` fields, without repeats: see energySigners); the first pays the fee.
   * This client's signer and `cosigners` must hold them between them: each signs in its own mode,
   * direct or amino JSON (Ledger). Errors are GridledgerTxError, as for submit. With one signer
   * that this client holds, it is the same as submit.
   */
  async submitJointly(
    signers: readonly string[],
    messages: readonly EncodeObject[],
    cosigners: readonly OfflineSigner[] = [],
    fee: Fee = "auto",
    memo = "",
  ): Promise<DeliverTxResponse> {
    const setup = this.signingSetup;
    const wallets = [setup.signer, ...cosigners];
    const holders = await Promise.all(
      signers.map(async (address) => {
        for (const wallet of wallets) {
          if ((await wallet.getAccounts()).some((a) => a.address === address)) return wallet;
        }
        throw new Error(`No signer holds ${address}; pass its wallet in cosigners.`);
      }),
    );
    if (signers.length === 1 && holders[0] === setup.signer) {
      return this.submit(signers[0] ?? "", messages, fee, memo);
    }
    const accounts = await Promise.all(signers.map(async (address) => setup.client.getSequence(address)));
    const jointSigners: JointSigner[] = signers.map((address, i) => ({
      address,
      signer: holders[i] ?? setup.signer,
      accountNumber: accounts[i]?.accountNumber ?? 0,
      sequence: accounts[i]?.sequence ?? 0,
    }));
    let result: DeliverTxResponse;
    try {
      const usedFee = typeof fee === "object" ? fee : await this.jointFee(jointSigners, messages, memo, fee);
      const tx = await signJointly({
        registry: setup.client.registry,
        aminoTypes: setup.aminoTypes,
        chainId: await this.getChainId(),
        signers: jointSigners,
        messages,
        fee: usedFee,
        memo,
      });
      result = await setup.client.broadcastTx(
        TxRaw.encode(tx).finish(),
        setup.client.broadcastTimeoutMs,
        setup.client.broadcastPollIntervalMs,
      );
    } catch (error) {
      throw txErrorFromThrown(error, messages);
    }
    return this.delivered(result, messages);
  }

  // jointFee simulates the transaction with every signer's key, as CosmJS's "auto" does for one.
  private async jointFee(
    signers: readonly JointSigner[],
    messages: readonly EncodeObject[],
    memo: string,
    fee: "auto" | number,
  ): Promise<StdFee> {
    const setup = this.signingSetup;
    const txBytes = await simulationTxBytes(setup.client.registry, signers, messages, memo);
    const { gasInfo } = await new TxServiceClient(createProtobufRpcClient(this.queries)).Simulate({ txBytes });
    if (gasInfo === undefined) throw new Error("simulation returned no gas info");
    const gasLimit = Math.ceil(Number(gasInfo.gasUsed) * (fee === "auto" ? AUTO_GAS_MULTIPLIER : fee));
    const price = isDynamicGasPriceConfig(setup.gasPrice) ? setup.gasPrice.minGasPrice : setup.gasPrice;
    return calculateFee(gasLimit, price);
  }

  /**
   * prepareJointly builds a transaction of messages that several accounts sign (their
   * `cosmos.msg.v1.signer` addresses, in order) and adds this client's signature as
   * `signerAddress`. The partly signed transaction goes to the other signers as text
   * (encodePartlySignedTx), who add theirs with cosignJointly; the last broadcasts it with
   * broadcastJointly. The others' public keys come from the chain: an account that never sent a
   * transaction has none there, and must prepare the transaction itself. `modes` names signers
   * that sign amino JSON (a Ledger); the others sign direct.
   */
  async prepareJointly(
    signerAddress: string,
    messages: readonly EncodeObject[],
    options: { readonly fee?: Fee; readonly memo?: string; readonly modes?: Readonly<Record<string, JointSignMode>> } = {},
  ): Promise<PartlySignedTx> {
    const setup = this.signingSetup;
    const signers = [...new Set(messages.flatMap((m) => energySigners(m) ?? []))];
    if (!signers.includes(signerAddress)) throw new Error(`${signerAddress} is not a signer of these messages`);
    const own = (await setup.signer.getAccounts()).find((a) => a.address === signerAddress);
    if (own === undefined) throw new Error(`this client's wallet does not hold ${signerAddress}`);
    const ownMode: JointSignMode = isOfflineDirectSigner(setup.signer) ? "direct" : "amino";
    const infos = await Promise.all(
      signers.map(async (address) => {
        const account = await setup.client.getAccount(address);
        const pubkey = address === signerAddress ? encodeSecp256k1Pubkey(own.pubkey) : account?.pubkey;
        if (pubkey === undefined || pubkey === null) {
          throw new Error(`${address} has not sent a transaction on this chain yet, so the chain does not know its public key: let that account prepare the transaction`);
        }
        const mode = address === signerAddress ? ownMode : (options.modes?.[address] ?? "direct");
        return { address, pubkey, mode, accountNumber: BigInt(account?.accountNumber ?? 0), sequence: BigInt(account?.sequence ?? 0) };
      }),
    );
    const memo = options.memo ?? "";
    const fee = options.fee ?? "auto";
    let usedFee: StdFee;
    try {
      usedFee = typeof fee === "object" ? fee : await this.gasFee(infos, messages, memo, fee);
    } catch (error) {
      throw txErrorFromThrown(error, messages);
    }
    const tx = prepareJointTx({ registry: setup.client.registry, aminoTypes: setup.aminoTypes, chainId: await this.getChainId(), signers: infos, messages, fee: usedFee, memo });
    return this.cosignJointly(tx, signerAddress);
  }

  /** cosignJointly adds this client's signature as `signerAddress` to a partly signed transaction. */
  cosignJointly(tx: PartlySignedTx, signerAddress: string): Promise<PartlySignedTx> {
    const setup = this.signingSetup;
    return signJointTxPart(tx, { registry: setup.client.registry, aminoTypes: setup.aminoTypes, address: signerAddress, signer: setup.signer });
  }

  /**
   * broadcastJointly broadcasts a transaction every signer has signed and waits for its block;
   * errors are GridledgerTxError, as for submit.
   */
  async broadcastJointly(tx: PartlySignedTx): Promise<DeliverTxResponse> {
    const setup = this.signingSetup;
    const messages = jointTxMessages(tx, setup.client.registry);
    let result: DeliverTxResponse;
    try {
      result = await setup.client.broadcastTx(TxRaw.encode(jointTxRaw(tx)).finish(), setup.client.broadcastTimeoutMs, setup.client.broadcastPollIntervalMs);
    } catch (error) {
      throw txErrorFromThrown(error, messages);
    }
    return this.delivered(result, messages);
  }

  // gasFee simulates a transaction of signers known by public key, as CosmJS's "auto" does for one.
  private async gasFee(
    signers: readonly { readonly pubkey: Pubkey; readonly sequence: bigint }[],
    messages: readonly EncodeObject[],
    memo: string,
    fee: "auto" | number,
  ): Promise<StdFee> {
    const setup = this.signingSetup;
    const tx = Tx.fromPartial({
      body: { messages: messages.map((m) => setup.client.registry.encodeAsAny(m)), memo },
      authInfo: {
        signerInfos: signers.map((s) => ({ publicKey: encodePubkey(s.pubkey), modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } }, sequence: s.sequence })),
        fee: {},
      },
      signatures: signers.map(() => new Uint8Array()),
    });
    const { gasInfo } = await new TxServiceClient(createProtobufRpcClient(this.queries)).Simulate({ txBytes: Tx.encode(tx).finish() });
    if (gasInfo === undefined) throw new Error("simulation returned no gas info");
    const gasLimit = Math.ceil(Number(gasInfo.gasUsed) * (fee === "auto" ? AUTO_GAS_MULTIPLIER : fee));
    const price = isDynamicGasPriceConfig(setup.gasPrice) ? setup.gasPrice.minGasPrice : setup.gasPrice;
    return calculateFee(gasLimit, price);
  }

  // delivered throws GridledgerTxError for a transaction the block refused.
  private async delivered(result: DeliverTxResponse, messages: readonly EncodeObject[]): Promise<DeliverTxResponse> {
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

  /** registerRelayer lets an account (a Hermes key) relay IBC messages, and nothing else. */
  registerRelayer(operator: string, address: string, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [registerRelayerMsg(operator, address)], fee, memo);
  }

  /** removeRelayer withdraws a relayer registration. */
  removeRelayer(operator: string, address: string, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [removeRelayerMsg(operator, address)], fee, memo);
  }

  registerMeter(
    operator: string,
    input: RegisterMeterInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [registerMeterMsg(operator, input)], fee, memo);
  }
  /** rotateMeterKey replaces a physical meter's key (grid operator only); later readings use the new key. */
  rotateMeterKey(
    operator: string,
    input: RotateMeterKeyInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [rotateMeterKeyMsg(operator, input)], fee, memo);
  }

  /** retireMeter retires a physical meter for good (grid operator only): it sends no more readings. */
  retireMeter(operator: string, id: string, reasonCode = "", fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [retireMeterMsg(operator, id, reasonCode)], fee, memo);
  }

  /**
   * submitReadings sends signed meter readings as a data hub: in transactions of at most
   * `maxPerTx` readings (default and ceiling: the chain's `max_readings_per_tx`), one after the
   * other, and returns every reading's outcome in the order given. A refused reading (bad
   * signature, replay, closed window, ...) does not fail its transaction; its outcome says why and
   * what to do. A transaction the chain refuses as a whole (e.g. the submitter is not admitted)
   * throws a GridledgerTxError; the batches sent before it stay on chain.
   */
  async submitReadings(
    submitter: string,
    readings: readonly SignedReading[],
    options: { readonly maxPerTx?: number; readonly fee?: Fee; readonly memo?: string } = {},
  ): Promise<SubmitReadingsResult> {
    const limit = Number((await this.queries.delivery.params()).maxReadingsPerTx);
    const maxPerTx = Math.min(options.maxPerTx ?? limit, limit);
    const outcomes: ReadingResult[] = [];
    const transactionHashes: string[] = [];
    for (const batch of splitReadings(readings, maxPerTx)) {
      const result = await this.submit(submitter, [submitReadingsMsg(submitter, batch.readings)], options.fee ?? "auto", options.memo);
      transactionHashes.push(result.transactionHash);
      const raw = result.msgResponses.find((r) => r.typeUrl === msgSubmitReadingsResponseTypeUrl);
      if (raw === undefined) throw new Error(`transaction ${result.transactionHash} carries no MsgSubmitReadingsResponse`);
      const response = MsgSubmitReadingsResponse.decode(raw.value);
      batch.readings.forEach((reading, i) => {
        const o = response.outcomes[i];
        const accepted = o?.accepted ?? false;
        const code = o?.code ?? 0;
        outcomes.push({
          index: batch.offset + i,
          meterId: reading.meterId,
          period: reading.period,
          accepted,
          code,
          reason: o?.reason ?? "the chain returned no outcome for this reading",
          explanation: accepted ? undefined : explainError("delivery", code),
          transactionHash: result.transactionHash,
        });
      });
    }
    const accepted = outcomes.filter((o) => o.accepted).length;
    return { accepted, refused: outcomes.length - accepted, outcomes, transactionHashes };
  }

  /**
   * publishReferencePrice publishes the price imbalances of a category (or, category left out, of
   * every category without its own) are priced at from input.fromPeriod on, in periods whose
   * market traded less than the delivery params' minMarketWh (grid operator only: delivery error
   * 20; a period past its gate closure or a price outside the denom's band: error 21). Read them with
   * `query.delivery.referencePrices()`.
   */
  publishReferencePrice(
    operator: string,
    input: ReferencePriceInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(operator, [publishReferencePriceMsg(operator, input)], fee, memo);
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

  // x/interchain: the grid operator's place in the tree of grids.

  /**
   * link records the link to the parent or a child over an open energy channel and the ICS-20
   * channel on the same connection (grid operator only; interchain errors: no Hello exchanged 7,
   * period lengths differ 8, currencies differ without a denom map 9, linked already 6).
   */
  link(operator: string, input: LinkInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [linkMsg(operator, input)], fee, memo);
  }

  /** sendHello sends this chain's period length and settlement denoms on an energy channel and returns the packet's sequence (grid operator only). */
  async sendHello(operator: string, channelId: string, timeoutSeconds: bigint | number = 0, fee: Fee = "auto", memo?: string): Promise<bigint> {
    const result = await this.submit(operator, [sendHelloMsg(operator, channelId, timeoutSeconds)], fee, memo);
    const response = result.msgResponses.find((r) => r.typeUrl === msgSendHelloResponseTypeUrl);
    if (response === undefined) throw new Error("sendHello: the transaction returned no MsgSendHelloResponse");
    return MsgSendHelloResponse.decode(response.value).sequence;
  }

  /**
   * setBridgeCapacity sets the capacity of the child link over channelId in one direction, in Wh
   * per period, and returns the previous one (0n if none) (parent's grid operator only;
   * interchain errors: the link to this chain's parent 15, 0 or over 10^15 Wh or below what is
   * reserved 16, no such child link 4).
   */
  async setBridgeCapacity(operator: string, channelId: string, direction: BridgeDirection, whPerPeriod: bigint | number, fee: Fee = "auto", memo?: string): Promise<bigint> {
    const result = await this.submit(operator, [setBridgeCapacityMsg(operator, channelId, direction, whPerPeriod)], fee, memo);
    const response = result.msgResponses.find((r) => r.typeUrl === msgSetBridgeCapacityResponseTypeUrl);
    if (response === undefined) throw new Error("setBridgeCapacity: the transaction returned no MsgSetBridgeCapacityResponse");
    return MsgSetBridgeCapacityResponse.decode(response.value).previousWhPerPeriod;
  }

  /** setLinkFee sets the grid-fee estimate per MWh a cross-grid purchase pays for crossing a child link, in one currency; 0 removes it (grid operator of the parent only). */
  setLinkFee(operator: string, channelId: string, baseDenom: string, feePerMwh: bigint | string, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [setLinkFeeMsg(operator, channelId, baseDenom, feePerMwh)], fee, memo);
  }

  /**
   * buyRemote buys the consumer side of a token on another chain of the tree at a quote
   * (quoteRemotePurchase), all or nothing, and returns the purchase id to follow on every chain
   * with followPurchase (consumers only: interchain 30; quote changed: 32; above maxTotal: 33).
   */
  async buyRemote(
    buyer: string,
    meterId: string,
    quote: RemotePurchaseQuote,
    maxTotal: bigint = quote.total,
    timeoutSeconds: bigint | number = 0,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<{ readonly purchaseId: string; readonly paid: bigint }> {
    const result = await this.submit(buyer, [buyRemoteMsg(buyer, meterId, quote, maxTotal, timeoutSeconds)], fee, memo);
    const response = result.msgResponses.find((r) => r.typeUrl === msgBuyRemoteResponseTypeUrl);
    if (response === undefined) throw new Error("buyRemote: the transaction returned no MsgBuyRemoteResponse");
    const decoded = MsgBuyRemoteResponse.decode(response.value);
    return { purchaseId: decoded.purchaseId, paid: BigInt(decoded.paid) };
  }

  /**
   * cancelRemote cancels a done cross-grid purchase's whole chain of tokens on every chain of
   * its route, for redispatch (docs/adr/027; grid operator of a chain on the route only:
   * interchain 2). The operator pays the tokens' redispatch price for the energy to the buyer,
   * in the purchase's currency on this chain; the buyer also gets back the prepaid face value.
   * Follow it with followCancel. Returns the stage sent (a request towards the token's chain,
   * or the sweep when this is the token's chain) and the compensation.
   */
  async cancelRemote(
    operator: string,
    purchaseId: string,
    reason = "",
    timeoutSeconds: bigint | number = 0,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<{ readonly stage: CancelStage; readonly compensation: bigint }> {
    const result = await this.submit(operator, [cancelRemoteMsg(operator, purchaseId, reason, timeoutSeconds)], fee, memo);
    const response = result.msgResponses.find((r) => r.typeUrl === msgCancelRemoteResponseTypeUrl);
    if (response === undefined) throw new Error("cancelRemote: the transaction returned no MsgCancelRemoteResponse");
    const decoded = MsgCancelRemoteResponse.decode(response.value);
    return { stage: decoded.stage, compensation: BigInt(decoded.compensation) };
  }

  // x/settlement: the grid operator's acts. Amounts are whole base units of an approved bank's denom.

  /**
   * declareTransmissionCost declares (or corrects) a delivered period's transmission cost, shared
   * among its consumers pro rata of net consumption when the period settles (grid operator only:
   * settlement error 5; a period not ended: 10; its run started: 9). Read it back with
   * `query.settlement.transmissionCost(period)`.
   */
  declareTransmissionCost(operator: string, input: TransmissionCostInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [declareTransmissionCostMsg(operator, input)], fee, memo);
  }

  /** setSecurityFeeRule replaces the security-of-supply fee rule (grid operator only). */
  setSecurityFeeRule(operator: string, rule: SecurityFeeRuleInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [setSecurityFeeRuleMsg(operator, rule)], fee, memo);
  }

  /** setCollateralRequirement sets (all zero: removes) a participant's collateral requirement (grid operator only). */
  setCollateralRequirement(operator: string, input: CollateralRequirementInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [setCollateralRequirementMsg(operator, input)], fee, memo);
  }

  /**
   * seizeCollateral applies a debtor's locked collateral in denom to its debt (grid operator only;
   * no debt: settlement error 11) and returns what was seized, in base units.
   */
  async seizeCollateral(operator: string, owner: string, denom: string, fee: Fee = "auto", memo?: string): Promise<bigint> {
    const result = await this.submit(operator, [seizeCollateralMsg(operator, owner, denom)], fee, memo);
    const response = result.msgResponses.find((r) => r.typeUrl === msgSeizeCollateralResponseTypeUrl);
    return response === undefined ? 0n : BigInt(MsgSeizeCollateralResponse.decode(response.value).seized || "0");
  }

  // x/energy. Energy is in Wh, time in periods (see periodAt, currentPeriod), prices per MWh in a
  // fiat denom's base units, any sign. Methods with two signers take the other account's wallet in
  // `cosigners` (not needed when one account holds both sides).

  /**
   * issueToken issues a token whose two sides the issuer owns, offering either side at once when
   * input.producerAsk or input.consumerAsk is given, and returns its id.
   */
  async issueToken(issuer: string, input: IssueTokenInput, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return tokenIdFromTx(await this.submit(issuer, [issueTokenMsg(issuer, input)], fee, memo));
  }

  /**
   * placeBid issues a consumer's bid: a token of its own, at its meter, whose producer side is
   * offered at input.ask to the producer that takes on the delivery (with buySide, naming its
   * production meter). Returns the token id.
   */
  async placeBid(consumer: string, input: BidInput, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return tokenIdFromTx(await this.submit(consumer, [placeBidMsg(consumer, input)], fee, memo));
  }

  /** setAsk offers the owner's side at `ask`, or voids its price when ask is null. */
  setAsk(
    owner: string,
    tokenId: Integer,
    side: Side,
    ask: AskInput | null,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(owner, [setAskMsg(owner, tokenId, side, ask)], fee, memo);
  }

  /**
   * buySide buys an offered side at its ask (never above input.maxPricePerMwh), paying from the
   * buyer's settlement account plus the bank's fee, and returns the amount paid in base units. For
   * a negative ask the seller pays the buyer that amount.
   */
  async buySide(buyer: string, input: BuySideInput, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return paidFromTx(await this.submit(buyer, [buySideMsg(buyer, input)], fee, memo));
  }

  /** handOverSide moves a side to `to` without payment; `from` and `to` both sign. */
  handOverSide(
    input: HandOverSideInput,
    cosigners: readonly OfflineSigner[] = [],
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submitEnergyJointly(handOverSideMsg(input), cosigners, fee, memo);
  }

  /** splitToken splits a token by volume or at a period and returns the children's ids, in order. */
  async splitToken(
    input: SplitTokenInput,
    cosigners: readonly OfflineSigner[] = [],
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint[]> {
    return splitTokenIdsFromTx(await this.submitEnergyJointly(splitTokenMsg(input), cosigners, fee, memo));
  }

  /** mergeTokens merges like tokens of the same two owners and returns the new token's id. */
  async mergeTokens(
    input: MergeTokensInput,
    cosigners: readonly OfflineSigner[] = [],
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint> {
    return mergedTokenIdFromTx(await this.submitEnergyJointly(mergeTokensMsg(input), cosigners, fee, memo));
  }

  /**
   * aggregateSides keeps input.side of every source token and emits one token, both sides the
   * owner's, with their summed energy and CO2; returns its id. The kept sides back it until it is
   * cancelled (then they are released).
   */
  async aggregateSides(owner: string, input: AggregateSidesInput, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return aggregatedTokenIdFromTx(await this.submit(owner, [aggregateSidesMsg(owner, input)], fee, memo));
  }

  /**
   * disaggregateSide keeps input.side of a token and emits tokens, both sides the owner's, with
   * its energy and CO2 split by volume or at a period; returns their ids, in order. The kept side
   * backs them until every one is cancelled.
   */
  async disaggregateSide(
    owner: string,
    input: DisaggregateSideInput,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint[]> {
    return disaggregatedTokenIdsFromTx(await this.submit(owner, [disaggregateSideMsg(owner, input)], fee, memo));
  }

  /**
   * cancelToken withdraws the owner from a token, paying the token's cancellation fee (plus the
   * bank's fee) to the other side's owner; free when the owner holds both sides.
   */
  cancelToken(owner: string, tokenId: Integer, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(owner, [cancelTokenMsg(owner, tokenId)], fee, memo);
  }

  /** cancelTokenJointly cancels a token without fee; both side owners sign. */
  cancelTokenJointly(
    owners: JointOwners,
    tokenId: Integer,
    cosigners: readonly OfflineSigner[] = [],
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submitEnergyJointly(cancelTokenJointlyMsg(owners, tokenId), cosigners, fee, memo);
  }

  /**
   * setPriceBand sets the band every price per MWh in a denom must lie in (base units); only the
   * grid operator may. Read the band in force with `query.energy.priceBand(denom)`.
   */
  setPriceBand(operator: string, band: PriceBandInput, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(operator, [setPriceBandMsg(operator, band)], fee, memo);
  }

  /**
   * procure buys an offered side as the balancing authority (grid operator only): a reserve,
   * paying the token's availability price to the owner of the other side as well, or grid-loss
   * energy (a consumer side). Allowed while the token is open or frozen at gate closure, refused
   * once its delivery has begun. Returns the price paid and the compensation, in base units; the
   * bank's fee is extra.
   */
  async procure(operator: string, input: ProcureInput, fee: Fee = "auto", memo?: string): Promise<Procured> {
    return procuredFromTx(await this.submit(operator, [procureMsg(operator, input)], fee, memo));
  }

  /**
   * redispatch moves a side to another participant's meter before delivery (grid operator only),
   * paying the token's redispatch price for its energy to the side's previous owner; returns that
   * compensation in base units (negative when the previous owner paid it).
   */
  async redispatch(operator: string, input: RedispatchInput, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return redispatchCompensationFromTx(await this.submit(operator, [redispatchMsg(operator, input)], fee, memo));
  }

  // CO2 (seed §2.4): the CO2 authority's acts, and CO2 tokens.

  /** publishCo2Intensity publishes a category's standard intensity (g/MWh) from a period on; CO2 authority only. */
  publishCo2Intensity(
    authority: string,
    category: EnergyCategory,
    fromPeriod: bigint | number,
    gramsPerMwh: bigint | number,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<DeliverTxResponse> {
    return this.submit(authority, [publishCo2IntensityMsg(authority, category, fromPeriod, gramsPerMwh)], fee, memo);
  }

  /** setCo2Rate sets the payment per gram of consumed CO2 in a denom (base units; zero allowed); CO2 authority only. */
  setCo2Rate(authority: string, denom: string, ratePerGram: bigint | number | string, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(authority, [setCo2RateMsg(authority, denom, ratePerGram)], fee, memo);
  }

  /**
   * splitCo2 moves grams of CO2 from a token whose two sides owner holds into a new CO2 token it
   * holds; returns the token that replaced the split one and the CO2 token.
   */
  async splitCo2(owner: string, tokenId: bigint | number, grams: bigint | number, fee: Fee = "auto", memo?: string): Promise<{ tokenId: bigint; co2TokenId: bigint }> {
    return splitCo2FromTx(await this.submit(owner, [splitCo2Msg(owner, tokenId, grams)], fee, memo));
  }

  /** mergeCo2 adds CO2 tokens owner holds to a token whose two sides it holds; returns the new token's id. */
  async mergeCo2(owner: string, tokenId: bigint | number, co2TokenIds: ReadonlyArray<bigint | number>, fee: Fee = "auto", memo?: string): Promise<bigint> {
    return mergedCo2FromTx(await this.submit(owner, [mergeCo2Msg(owner, tokenId, co2TokenIds)], fee, memo));
  }

  /** setCo2Ask offers a CO2 token at a price per tonne (any sign), or voids its price (ask null). */
  setCo2Ask(owner: string, co2TokenId: bigint | number, ask: Co2AskInput | null, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(owner, [setCo2AskMsg(owner, co2TokenId, ask)], fee, memo);
  }

  /** buyCo2Token buys an offered CO2 token at most maxPricePerTonne in denom; the buyer then bears its CO2. */
  buyCo2Token(buyer: string, co2TokenId: bigint | number, maxPricePerTonne: bigint | number, denom: string, fee: Fee = "auto", memo?: string): Promise<DeliverTxResponse> {
    return this.submit(buyer, [buyCo2TokenMsg(buyer, co2TokenId, maxPricePerTonne, denom)], fee, memo);
  }

  /**
   * divideCo2Token divides a CO2 token owner holds (not offered for sale) into parts of gramsParts
   * grams, at least two, adding up to its grams exactly; returns the parts' ids in that order.
   */
  async divideCo2Token(
    owner: string,
    co2TokenId: bigint | number,
    gramsParts: ReadonlyArray<bigint | number>,
    fee: Fee = "auto",
    memo?: string,
  ): Promise<bigint[]> {
    return dividedCo2FromTx(await this.submit(owner, [divideCo2TokenMsg(owner, co2TokenId, gramsParts)], fee, memo));
  }

  private submitEnergyJointly(
    message: EncodeObject,
    cosigners: readonly OfflineSigner[],
    fee: Fee,
    memo: string | undefined,
  ): Promise<DeliverTxResponse> {
    return this.submitJointly(energySigners(message) ?? [], [message], cosigners, fee, memo);
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
