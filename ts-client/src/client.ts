import type { StdFee } from "@cosmjs/amino";
import { fromHex } from "@cosmjs/encoding";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
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
import { GridledgerTxError, recogniseError, txErrorFromThrown } from "./errors.js";
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
import { createGridledgerQueryClient, type GridledgerQueryClient } from "./queryclient.js";
import { createGridledgerAminoTypes, createGridledgerRegistry } from "./registry.js";

/** Fee is what CosmJS accepts: an explicit fee, "auto" (simulate x1.4) or a gas multiplier. */
export type Fee = StdFee | "auto" | number;

export interface GridledgerClientOptions extends Omit<SigningStargateClientOptions, "gasPrice"> {
  /** gasPrice defaults to "0ugrid" (dev nodes); a string like "0.025ugrid" is parsed. */
  readonly gasPrice?: SigningStargateClientOptions["gasPrice"] | string;
}

/**
 * GridledgerClient talks to a gridd node: typed x/balancing transactions, and `query` with the
 * balancing, energy, bank, auth, staking and tx queries.
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
    const signing = SigningStargateClient.createWithSigner(cometClient, signer, {
      ...options,
      registry: options.registry ?? createGridledgerRegistry(),
      aminoTypes: options.aminoTypes ?? createGridledgerAminoTypes(),
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
      throw txErrorFromThrown(error);
    }
    if (result.code !== 0) {
      const rawLog = result.rawLog ?? "";
      throw new GridledgerTxError({
        phase: "deliverTx",
        code: result.code,
        codespace: await this.codespaceOf(result.transactionHash, rawLog),
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

  // DeliverTxResponse has no codespace, and a code means nothing without it; the node's tx
  // record has it. If that lookup fails, recognise the error by its text.
  private async codespaceOf(transactionHash: string, rawLog: string): Promise<string> {
    try {
      const tx = await this.cometClient.tx({ hash: fromHex(transactionHash) });
      if (tx.result.codespace !== undefined) return tx.result.codespace;
    } catch {
      // Fall through: the node may not index transactions.
    }
    return recogniseError(rawLog)?.codespace ?? "";
  }
}
