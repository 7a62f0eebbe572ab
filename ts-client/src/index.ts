// Public API of @gridledger/client. Generated code is reachable as `generated.<module>.<file>`;
// the names below are the ones most apps need.

export {
  BECH32_PREFIX,
  BOND_DENOM,
  COIN_TYPE,
  DEFAULT_GAS_PRICE,
  FIAT_SETTLEMENT_ACCOUNT,
  GOV_AUTHORITY,
  moduleAddress,
} from "./chain.js";
export {
  type ChainFiles,
  chainFiles,
  type DenomUnit,
  type FeeToken,
  type FiatCurrency,
  fiatAsset,
  GRID_ASSET,
  type KeplrChainInfo,
  type KeplrCurrency,
  keplrCurrency,
  keplrFromRegistry,
  type RegistryApi,
  type RegistryAsset,
  type RegistryAssetList,
  type RegistryChain,
  type RegistryChainInput,
  registryAssetList,
  registryChain,
  registryChainName,
  type RegistryOptions,
} from "./chainregistry.js";
export { type Fee, GridledgerClient, type GridledgerClientOptions } from "./client.js";
export {
  codespaceHint,
  explainError,
  GridledgerTxError,
  type GridledgerTxErrorInit,
  recogniseError,
  type TxPhase,
  txErrorFromThrown,
} from "./errors.js";
export { type JointSigner, type SignJointlyOptions, signJointly, simulationTxBytes } from "./jointsigning.js";
export {
  decodePartlySignedTx,
  encodePartlySignedTx,
  invalidSignatures,
  JOINT_TX_PREFIX,
  type JointSignMode,
  type JointTxSigner,
  jointTxFee,
  jointTxMemo,
  jointTxMessages,
  jointTxRaw,
  missingSigners,
  type PartlySignedTx,
  type PrepareJointTxOptions,
  prepareJointTx,
  signJointTxPart,
  staleSigners,
} from "./partialsigning.js";
export {
  type DemoAccount,
  isLoopbackUrl,
  keplrChainInfo,
  manualNetwork,
  type NetworkChain,
  type NetworkDescription,
  NetworkError,
  parseNetworkDescription,
} from "./network.js";
export {
  CHANNEL_UNREADABLE,
  type ChainStatus,
  type ChannelStatus,
  type FullNodeStatus,
  type HermesHealth,
  type InvariantCheck,
  type InvariantResult,
  type LinkStatus,
  type NetworkStatus,
  type NodeStatus,
} from "./netstatus.js";
export { createGridledgerQueryClient, type GridledgerQueryClient } from "./queryclient.js";
export {
  cancelOutcome,
  type CancelOutcome,
  type ChainQueries,
  followCancel,
  followPurchase,
  purchaseProgress,
  type PurchaseProgress,
  purchaseSettled,
  quoteRemotePurchase,
  routeBetween,
  voucherDenom,
} from "./hierarchy.js";
export {
  createGridledgerAminoTypes,
  createGridledgerRegistry,
  gridledgerRegistry,
  gridledgerTypes,
} from "./registry.js";

export * from "./modules/balancing/aminomessages.js";
export * from "./modules/balancing/compose.js";
export * from "./modules/balancing/messages.js";
export * from "./modules/balancing/queries.js";
export * from "./modules/delivery/aminomessages.js";
export * from "./modules/delivery/batches.js";
export * from "./modules/delivery/compose.js";
export * from "./modules/delivery/messages.js";
export * from "./modules/delivery/queries.js";
export * from "./modules/delivery/signing.js";
export * from "./modules/energy/aggregation.js";
export * from "./modules/energy/aminomessages.js";
export * from "./modules/energy/co2aminomessages.js";
export * from "./modules/energy/co2messages.js";
export * from "./modules/energy/co2queries.js";
export * from "./modules/energy/compose.js";
export * from "./modules/energy/messages.js";
export * from "./modules/energy/operator.js";
export * from "./modules/energy/periods.js";
export * from "./modules/energy/pricing.js";
export * from "./modules/energy/queries.js";
export * from "./modules/energy/traceability.js";
export * from "./modules/fiat/aminomessages.js";
export * from "./modules/fiat/compose.js";
export * from "./modules/fiat/fees.js";
export * from "./modules/fiat/messages.js";
export * from "./modules/fiat/queries.js";
export * from "./modules/gov/aminomessages.js";
export * from "./modules/gov/compose.js";
export * from "./modules/gov/messages.js";
export * from "./modules/gov/queries.js";
export * from "./modules/settlement/aminomessages.js";
export * from "./modules/settlement/compose.js";
export * from "./modules/settlement/messages.js";
export * from "./modules/settlement/queries.js";
export * from "./modules/settlement/statement.js";
export * from "./modules/settlement/participant.js";
export * from "./modules/interchain/aminomessages.js";
export * from "./modules/interchain/compose.js";
export * from "./modules/interchain/messages.js";
export * from "./modules/interchain/queries.js";
export * from "./modules/invariants/queries.js";
export type { Invariant, QueryCheckResponse as QueryInvariantCheckResponse } from "./generated/gridledger/invariants/v1/query.js";
export { BridgeDirection, Neighbour, type BridgeCapacity, type BridgeUsage, type DenomPair, type Link, type Peer } from "./generated/gridledger/interchain/v1/types.js";
export type { BridgePeriodUsage, NeighbourLink, QueryBridgeCapacitiesResponse, QueryBridgeUsageResponse, QueryNeighbourhoodResponse } from "./generated/gridledger/interchain/v1/query.js";
export type { QueryPurchasesByBuyerResponse } from "./generated/gridledger/interchain/v1/query.js";
export type { Params as InterchainParams } from "./generated/gridledger/interchain/v1/params.js";
export { EnergyPacketData, Hello as EnergyHello } from "./generated/gridledger/interchain/v1/packet.js";
export { CancelStage, PurchaseState, type LinkFee, type PurchaseHop, type PurchasePacket } from "./generated/gridledger/interchain/v1/purchase.js";
export {
  aggregatedTokenIdFromTx,
  disaggregatedTokenIdsFromTx,
  eventAttribute,
  mergedTokenIdFromTx,
  paidFromTx,
  type Procured,
  procuredFromTx,
  proposalIdFromTx,
  redemptionIdFromTx,
  redispatchCompensationFromTx,
  splitTokenIdsFromTx,
  tokenIdFromTx,
} from "./txresult.js";

// Enums with their JSON-name helpers (e.g. roleToJSON for display), and record types.
export {
  EnergyCategory,
  energyCategoryFromJSON,
  energyCategoryToJSON,
  KeyAlgorithm,
  keyAlgorithmFromJSON,
  keyAlgorithmToJSON,
  Location,
  Meter,
  MeteringPointKind,
  meteringPointKindFromJSON,
  meteringPointKindToJSON,
  MeterKind,
  meterKindFromJSON,
  meterKindToJSON,
  Participant,
  ParticipantStatus,
  participantStatusFromJSON,
  participantStatusToJSON,
  MeterStatus,
  meterStatusFromJSON,
  meterStatusToJSON,
  Role,
  roleFromJSON,
  roleToJSON,
} from "./generated/gridledger/balancing/v1/types.js";
export { Params as DeliveryParams } from "./generated/gridledger/delivery/v1/params.js";
export {
  CategoryImbalance,
  CategoryWh,
  ImbalanceEntry,
  ImbalancePricing,
  imbalancePricingFromJSON,
  imbalancePricingToJSON,
  PeriodReconciliation,
  PeriodTotals,
  PriceSource,
  priceSourceFromJSON,
  priceSourceToJSON,
  Reading,
  ReadingOutcome,
  ReconciliationPhase,
  reconciliationPhaseFromJSON,
  reconciliationPhaseToJSON,
  ReconciliationProgress,
  ReconciliationStage,
  reconciliationStageFromJSON,
  reconciliationStageToJSON,
  ReferencePrice,
  SignedReading,
} from "./generated/gridledger/delivery/v1/types.js";
export { MsgPublishReferencePrice, MsgSubmitReadings, MsgSubmitReadingsResponse } from "./generated/gridledger/delivery/v1/tx.js";
export type {
  QueryPeriodReadingsResponse,
  QueryReconciliationProgressResponse,
  QueryReconciliationResponse,
  QueryReferencePricesResponse,
  QueryStatementResponse,
} from "./generated/gridledger/delivery/v1/query.js";
export {
  EventImbalanceSettled,
  EventPeriodReconciled,
  EventReadingMissing,
  EventReadingRefused,
  EventReadingsSubmitted,
  EventReferencePricePublished,
} from "./generated/gridledger/delivery/v1/events.js";
export { Params as BalancingParams } from "./generated/gridledger/balancing/v1/params.js";
export { Params as EnergyParams } from "./generated/gridledger/energy/v1/params.js";
export {
  Ask,
  Backing,
  BalancingCapabilities,
  Capability,
  ContractTerms,
  ImbalanceCase,
  imbalanceCaseFromJSON,
  imbalanceCaseToJSON,
  GridFee,
  Money,
  PriceBand,
  ProcurementTotal,
  Side,
  sideFromJSON,
  sideToJSON,
  Token,
  TokenPhase,
  tokenPhaseFromJSON,
  tokenPhaseToJSON,
  TokenSide,
  TokenStatus,
  tokenStatusFromJSON,
  tokenStatusToJSON,
  Trade,
  TradeKind,
  tradeKindFromJSON,
  tradeKindToJSON,
} from "./generated/gridledger/energy/v1/types.js";
export {
  MsgAggregateSides,
  MsgAggregateSidesResponse,
  MsgBuySide,
  MsgBuySideResponse,
  MsgCancelToken,
  MsgCancelTokenJointly,
  MsgDisaggregateSide,
  MsgDisaggregateSideResponse,
  MsgHandOverSide,
  MsgIssueToken,
  MsgIssueTokenResponse,
  MsgMergeTokens,
  MsgMergeTokensResponse,
  MsgProcure,
  MsgProcureResponse,
  MsgRedispatch,
  MsgRedispatchResponse,
  MsgSetAsk,
  MsgSetPriceBand,
  MsgSplitToken,
  MsgSplitTokenResponse,
} from "./generated/gridledger/energy/v1/tx.js";
export type {
  PeriodPosition,
  QueryAveragePriceResponse,
  QueryOffersResponse,
  QueryOperatorStatementResponse,
  QueryPeriodPhaseResponse,
  QueryPriceBandResponse,
  QueryTokensByOwnerResponse,
  QueryTradesResponse,
} from "./generated/gridledger/energy/v1/query.js";
export {
  OriginBucket,
  QueryTraceabilityRequest,
  QueryTraceabilityResponse,
  TraceIntermediary,
} from "./generated/gridledger/energy/v1/trace.js";
export {
  EventAskChanged,
  EventPriceBandSet,
  EventProcured,
  EventRedispatched,
  EventSideDisaggregated,
  EventSidesAggregated,
  EventSideTraded,
  EventTokenCancelled,
  EventTokenIssued,
  EventTokensMerged,
  EventTokenSplit,
} from "./generated/gridledger/energy/v1/events.js";
export {
  MsgAdmitParticipant,
  MsgAdmitParticipantResponse,
  MsgExcludeParticipant,
  MsgRegisterMeter,
  MsgReinstateParticipant,
  MsgRetireMeter,
  MsgRotateMeterKey,
  MsgSuspendParticipant,
  MsgUpdateParams,
  MsgUpdateParticipant,
  MsgUpdateParticipantResponse,
} from "./generated/gridledger/balancing/v1/tx.js";
export type {
  QueryMetersResponse,
  QueryParticipantsResponse,
} from "./generated/gridledger/balancing/v1/query.js";
export {
  AuditEntry,
  AuditKind,
  auditKindFromJSON,
  auditKindToJSON,
  BankEntity,
  BankEntityStatus,
  bankEntityStatusFromJSON,
  bankEntityStatusToJSON,
  FeeKind,
  feeKindFromJSON,
  feeKindToJSON,
  FeeModel,
  Redemption,
  RedemptionStatus,
  redemptionStatusFromJSON,
  redemptionStatusToJSON,
  SettlementAccount,
} from "./generated/gridledger/fiat/v1/types.js";
export {
  MsgApproveBank,
  MsgAttestReserve,
  MsgDeposit,
  MsgLockCollateral,
  MsgMarkRedemptionPaid,
  MsgMint,
  MsgMintResponse,
  MsgRedeem,
  MsgRedeemResponse,
  MsgUnlockCollateral,
  MsgUpdateBank,
  MsgWithdraw,
} from "./generated/gridledger/fiat/v1/tx.js";
export type {
  QueryAuditTrailResponse,
  QueryBanksResponse,
  QueryRedemptionsResponse,
  QuerySettlementAccountsResponse,
} from "./generated/gridledger/fiat/v1/query.js";
export { Params as SettlementParams } from "./generated/gridledger/settlement/v1/params.js";
export {
  Amounts,
  ChargeKind,
  chargeKindFromJSON,
  chargeKindToJSON,
  Claim,
  CollateralRequirement,
  Debt,
  DenomRun,
  NetPosition,
  RunStage,
  runStageFromJSON,
  runStageToJSON,
  SecurityFeeMethod,
  securityFeeMethodFromJSON,
  securityFeeMethodToJSON,
  SecurityFeeRule,
  SettlementRun,
  StatementLine,
  TransmissionCost,
} from "./generated/gridledger/settlement/v1/types.js";
export {
  MsgDeclareTransmissionCost,
  MsgSeizeCollateral,
  MsgSeizeCollateralResponse,
  MsgSetCollateralRequirement,
  MsgSetSecurityFeeRule,
} from "./generated/gridledger/settlement/v1/tx.js";
export type {
  QueryClaimsResponse,
  QueryDebtsResponse,
  QueryProgressResponse as QuerySettlementProgressResponse,
  QueryRunsResponse as QuerySettlementRunsResponse,
  QueryStatementResponse as QuerySettlementStatementResponse,
  QueryParticipantStatementResponse,
  ParticipantPeriod,
  PeriodEnergy,
  PeriodMoney,
  ChargeAmounts,
} from "./generated/gridledger/settlement/v1/query.js";
// gov v1 enums, for vote() and for reading proposals.
export { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";

export * as generated from "./proto/index.js";
export {
  Co2Ask,
  Co2Intensity,
  Co2IntensityBasis,
  co2IntensityBasisFromJSON,
  co2IntensityBasisToJSON,
  Co2PeriodTotal,
  Co2Rate,
  Co2Token,
  StandardCo2Intensity,
} from "./generated/gridledger/energy/v1/co2.js";
