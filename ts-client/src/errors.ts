/**
 * Chain errors as sentences that say what to do. The codes mirror chain/x/balancing/types/errors.go,
 * chain/x/fiat/types/errors.go, chain/x/energy/types/errors.go, chain/x/delivery/types/errors.go,
 * chain/x/settlement/types/errors.go, chain/x/interchain/types/errors.go,
 * chain/x/invariants/types/errors.go
 * and the SDK's types/errors;
 * registered codes never change once released, so matching on (codespace, code) is stable. Unknown
 * codes fall back to the raw log.
 */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { BroadcastTxError } from "@cosmjs/stargate";

/** TxPhase is where a transaction failed: gas simulation, mempool admission, or block execution. */
export type TxPhase = "simulate" | "checkTx" | "deliverTx";

interface KnownError {
  /** description is the registered error text, used to recognise errors whose code got lost. */
  readonly description: string;
  readonly sentence: string;
  /**
   * generic descriptions are shared with other codespaces; they recognise an error only when the
   * failing message belongs to this codespace (see codespaceHint).
   */
  readonly generic?: true;
}

const knownErrors: Readonly<Record<string, KnownError>> = {
  "balancing:2": {
    description: "signer is not the grid operator",
    sentence:
      "Only the grid operator may do this; sign with the operator account from the balancing params.",
  },
  "balancing:3": {
    description: "invalid address",
    generic: true,
    sentence:
      "An address is malformed; use a grid1... account address.",
  },
  "balancing:4": {
    description: "invalid legal identifier",
    sentence:
      "The legal identifier is invalid; check its format (e.g. a 16-character EIC code).",
  },
  "balancing:5": {
    description: "invalid display name",
    sentence:
      "The display name is invalid; check that it is not empty and not too long.",
  },
  "balancing:6": {
    description: "invalid role",
    sentence:
      "A role is missing or unknown; grant at least one valid market role.",
  },
  "balancing:7": {
    description: "invalid energy category",
    sentence:
      "An energy category is unknown or does not fit the meter or roles; pick a valid category.",
  },
  "balancing:8": {
    description: "participant already admitted",
    sentence:
      "This account is already a participant; update it instead of admitting it again.",
  },
  "balancing:9": {
    description: "legal identifier already admitted",
    sentence:
      "Another participant already uses this legal identifier; check the identifier.",
  },
  "balancing:10": {
    description: "participant not admitted",
    sentence:
      "This account is not an admitted participant; admit it first.",
  },
  "balancing:11": {
    description: "invalid status transition",
    sentence:
      "The participant's status does not allow this (e.g. reinstating an active or excluded one); check its status first.",
  },
  "balancing:12": {
    description: "invalid meter identifier",
    sentence:
      "The meter id is invalid; use 1-128 characters of A-Z a-z 0-9 . _ : -, starting with a letter or digit (virtual: is reserved).",
  },
  "balancing:13": {
    description: "meter already registered",
    sentence:
      "A meter with this id already exists; choose another id.",
  },
  "balancing:14": {
    description: "meter not registered",
    sentence:
      "No meter has this id; register it first.",
  },
  "balancing:15": {
    description: "invalid meter kind",
    sentence:
      "The meter kind is invalid; register production or consumption meters (virtual ones come from admission).",
  },
  "balancing:16": {
    description: "invalid meter public key",
    sentence:
      "The meter's public key does not fit its algorithm (33-byte secp256k1 or 32-byte ed25519); check the key.",
  },
  "balancing:17": {
    description: "invalid location",
    sentence:
      "The location is invalid; give a grid node or area, and coordinates within range.",
  },
  "balancing:18": {
    description: "invalid reason code",
    sentence:
      "The reason code is invalid; use a short code such as \"collateral\", no free text.",
  },
  "balancing:19": {
    description: "signer is not the governance authority",
    sentence:
      "Parameters change only through a governance proposal.",
  },
  "balancing:21": {
    description: "invalid request",
    generic: true,
    sentence:
      "The request is incomplete or malformed; check the fields.",
  },
  "balancing:22": {
    description: "relayer already registered",
    sentence:
      "This account is already a registered relayer; nothing to do.",
  },
  "balancing:23": {
    description: "relayer not registered",
    sentence:
      "This account is not a registered relayer; check the address against `gridd query balancing relayers`.",
  },
  "balancing:24": {
    description: "account not admitted on this chain",
    sentence:
      "This account is not admitted on this chain; ask the grid operator to admit it before sending transactions.",
  },
  "balancing:25": {
    description: "participant is suspended or excluded",
    sentence:
      "This participant is suspended or excluded and may send no transactions; a suspended one can ask the grid operator to reinstate it.",
  },
  "balancing:26": {
    description: "message not allowed for this account",
    sentence:
      "This account may not send this kind of message (relayers send IBC messages only; validators staking and governance ones); use a participant account.",
  },
  "balancing:27": {
    description: "transaction exceeds the chain's limits",
    sentence:
      "The transaction asks for more gas or carries more messages than the chain allows; split it into several transactions.",
  },
  "balancing:28": {
    description: "sender has too much gas pending in the mempool",
    sentence:
      "This account already has many transactions waiting; wait for the next block and send again.",
  },
  "balancing:29": {
    description: "fiat may not move this way",
    sentence:
      "Fiat stays with admitted participants and moves only through gridledger's messages (buying, deposits, withdrawals); admit the recipient, and do not send fiat by a bank send.",
  },
  "balancing:30": {
    description: "invalid parameters",
    sentence:
      "The parameters are inconsistent; check the transaction limits.",
  },
  "balancing:31": {
    description: "invalid metering point kind",
    sentence:
      "State the metering point kind: company, aggregation point or household opt-in; a household that opted in needs the 32-byte hash of its consent record, and no other kind takes one.",
  },
  "balancing:32": {
    description: "meter is retired",
    sentence:
      "The meter was retired; register a new meter instead of rotating or retiring this one.",
  },
  "balancing:33": {
    description: "no CO2 authority has been appointed",
    sentence:
      "No CO2 authority has been appointed yet; governance appoints one by a proposal (MsgAppointCo2Authority).",
  },
  "delivery:2": {
    description: "invalid parameters",
    generic: true,
    sentence:
      "The delivery parameters are out of range (reading window 1-8928 periods, 1-1800 readings per transaction, signature gas 1-1,000,000, imbalance margin at most 10,000 basis points, imbalance pricing dual or single, at most 20,000 items reconciled per block); fix them in the proposal.",
  },
  "delivery:3": {
    description: "invalid address",
    generic: true,
    sentence: "An address is malformed; use a grid1... account address.",
  },
  "delivery:4": {
    description: "submitter is not an active participant or the grid operator",
    sentence:
      "Only active participants (data hubs, aggregators) and the grid operator submit readings; ask the grid operator to admit or reinstate the submitting account.",
  },
  "delivery:5": {
    description: "batch carries no readings",
    sentence: "The batch is empty; send at least one signed reading.",
  },
  "delivery:6": {
    description: "batch carries more readings than max_readings_per_tx",
    sentence:
      "The batch has more readings than the chain's max_readings_per_tx (see the delivery params); split it, as submitReadings does.",
  },
  "delivery:7": {
    description: "signer is not the governance authority",
    generic: true,
    sentence: "Only governance changes the delivery parameters; submit the change as a proposal.",
  },
  "delivery:8": {
    description: "invalid genesis state",
    generic: true,
    sentence:
      "The delivery genesis is inconsistent; check its readings, period totals, reference prices and reconciliation records.",
  },
  "delivery:9": {
    description: "invalid request",
    generic: true,
    sentence:
      "The query is incomplete or inconsistent: name a meter id and a period; for a statement, a to_period not before from_period (0: no bound), paged by key only.",
  },
  "delivery:10": {
    description: "reading signature does not verify with the meter's key",
    sentence:
      "The reading's signature does not verify: sign the ADR 010 bytes (with this chain's id) with the meter's current key; after a key rotation, re-sign with the new key.",
  },
  "delivery:11": {
    description: "meter not registered",
    sentence: "The meter is not registered on this chain; check the meter id, or ask the grid operator to register the meter.",
  },
  "delivery:12": {
    description: "virtual meters measure nothing",
    sentence: "This is a trader's virtual meter; only physical meters send readings.",
  },
  "delivery:13": {
    description: "meter is retired",
    sentence: "The meter was retired; its readings are no longer accepted.",
  },
  "delivery:14": {
    description: "period has not ended yet",
    sentence: "The reading's period has not ended yet; send it once the period is over.",
  },
  "delivery:15": {
    description: "reading window of the period is closed",
    sentence:
      "The period's reading window has closed (see reading_window_periods in the delivery params); the reading can no longer be submitted and counts as missing.",
  },
  "delivery:16": {
    description: "meter already has a reading for the period",
    sentence: "The meter already has a reading for this period; a reading is never replaced, so drop the duplicate.",
  },
  "delivery:17": {
    description: "malformed household commitment",
    sentence:
      "An aggregation point's reading needs the 32-byte commitment of its households (gridd delivery commitment, householdCommitment); every other meter's reading carries none.",
  },
  "delivery:18": {
    description: "malformed reading",
    sentence:
      "The reading is malformed: the meter id must be 1-128 characters of A-Z a-z 0-9 . _ : -, Wh at most 10^12 and the signature 64 bytes.",
  },
  "delivery:19": {
    description: "no reading for the meter and period",
    sentence: "There is no reading for this meter and period (yet, or it was refused or pruned).",
  },
  "delivery:20": {
    description: "only the grid operator may do this",
    sentence:
      "Only the grid operator publishes reference prices; sign with the operator account from the balancing params.",
  },
  "delivery:21": {
    description: "invalid reference price",
    sentence:
      "The reference price is invalid: from_period must still trade, its gate not yet closed (see query.energy.periodPhase), the category an energy category (or unspecified for all), the denom an approved fiat denom and the price within its price band (query.energy.priceBand).",
  },
  "sdk:4": {
    description: "unauthorized",
    generic: true,
    sentence:
      "The signature was rejected; check the chain id, the signing account and, for Ledger/amino signing, that the client is up to date.",
  },
  "sdk:5": {
    description: "insufficient funds",
    sentence:
      "The account cannot pay; fund it and retry.",
  },
  "sdk:9": {
    description: "unknown address",
    sentence:
      "The signing account does not exist on chain yet; send it some ugrid first.",
  },
  "sdk:11": {
    description: "out of gas",
    sentence:
      "The transaction ran out of gas; retry with fee \"auto\" or a higher gas limit.",
  },
  "sdk:13": {
    description: "insufficient fee",
    sentence:
      "The fee is below the node's minimum gas price; raise the gas price.",
  },
  "sdk:19": {
    description: "tx already in mempool",
    sentence:
      "This transaction is already pending; wait for it to be included.",
  },
  "sdk:32": {
    description: "incorrect account sequence",
    sentence:
      "Another transaction from this account got in first; retry.",
  },
  // Listed after the SDK and balancing: where the text is shared, they win unless the
  // transaction's message points at x/fiat (see codespaceHint).
  "fiat:2": {
    description: "signer is not the governance authority",
    sentence:
      "Bank entities are approved and changed only by governance; submit the message in a proposal (authority: the gov module account).",
  },
  "fiat:3": {
    description: "invalid address",
    generic: true,
    sentence:
      "An address is malformed; use a grid1... account address.",
  },
  "fiat:4": {
    description: "invalid denom",
    generic: true,
    sentence:
      "The denom is invalid; bank denoms are 3-64 characters of a-z 0-9 . - starting with a letter (e.g. uchf.alpine), the display denom differs from it, and the exponent is 1-18.",
  },
  "fiat:5": {
    description: "denom already exists",
    sentence:
      "This denom already exists on the chain; choose a new denom for the bank.",
  },
  "fiat:6": {
    description: "no approved bank issues this denom",
    sentence:
      "No approved bank issues this denom; use the denom of an approved bank (see the fiat banks query).",
  },
  "fiat:7": {
    description: "invalid currency",
    sentence:
      "The currency must be an ISO 4217 code of three upper-case letters, e.g. CHF.",
  },
  "fiat:8": {
    description: "invalid fee model",
    sentence:
      "The fee model is invalid; kind none takes no parameters, basis points must be 1-1000, a fixed fee must be positive.",
  },
  "fiat:9": {
    description: "signer is not the denom's bank",
    sentence:
      "Only the bank that issues this denom may do this; sign with the bank's account.",
  },
  "fiat:10": {
    description: "bank entity is revoked",
    sentence:
      "Governance revoked this bank: it may no longer mint, though holders can still redeem its fiat.",
  },
  "fiat:11": {
    description: "invalid amount",
    generic: true,
    sentence:
      "The amount is invalid; give a positive whole number of base units (a reserve may be 0), at most 2^128.",
  },
  "fiat:12": {
    description: "issuance would exceed the attested reserve",
    sentence:
      "This would take the bank's outstanding issuance above its attested reserve (or the reserve below what is outstanding); attest a sufficient reserve first.",
  },
  "fiat:13": {
    description: "invalid statement hash",
    sentence:
      "The statement hash must be the 32-byte SHA-256 of the audit or account statement.",
  },
  "fiat:14": {
    description: "invalid reference",
    sentence:
      "The reference is invalid; use the bank's own reference, 1-64 characters of A-Z a-z 0-9 . _ : / - and never personal data.",
  },
  "fiat:15": {
    description: "recipient is not an admitted participant",
    sentence:
      "The account is not an admitted participant (or it was excluded); the grid operator must admit it first.",
  },
  "fiat:16": {
    description: "insufficient funds",
    sentence:
      "Not enough of this fiat is available (spendable balance, settlement balance or unlocked collateral); check the balances and use a smaller amount.",
  },
  "fiat:17": {
    description: "fiat redeems only on the chain of its bank",
    sentence:
      "This is an IBC voucher; transfer it back to the chain of its bank and redeem it there.",
  },
  "fiat:18": {
    description: "unknown redemption",
    sentence:
      "No redemption has this id; check the id (see the fiat redemptions query).",
  },
  "fiat:19": {
    description: "redemption already marked paid",
    sentence:
      "This redemption is already marked paid; nothing more to do.",
  },
  "fiat:20": {
    description: "funds are locked as collateral",
    sentence:
      "Part of the settlement account is locked as collateral; withdraw at most the unlocked amount, or ask the grid operator to unlock it.",
  },
  "fiat:21": {
    description: "signer is not the grid operator",
    sentence:
      "Only the grid operator may lock or unlock collateral; sign with the operator account from the balancing params.",
  },
  "fiat:22": {
    description: "invalid genesis state",
    sentence:
      "The fiat genesis state is invalid; check banks, totals and settlement accounts.",
  },
  "fiat:23": {
    description: "invalid request",
    generic: true,
    sentence:
      "The request is incomplete or malformed; check the fields.",
  },
  "fiat:24": {
    description: "invalid bank status",
    sentence:
      "A bank's status can only be set to active or revoked.",
  },
  // x/energy. Its purchases and cancellations pay through x/fiat, whose errors (e.g. fiat 16,
  // insufficient funds) reach clients unchanged.
  "energy:2": {
    description: "invalid parameters",
    sentence:
      "The energy parameters are invalid: the period length must divide a day, a token may span 1-8928 periods, and max_split_parts and max_merge_inputs must be 2-256.",
  },
  "energy:3": {
    description: "invalid address",
    generic: true,
    sentence:
      "An address is malformed; use a grid1... account address.",
  },
  "energy:4": {
    description: "not an admitted, active participant",
    sentence:
      "The account is not an admitted, active participant (it may be suspended or excluded); the grid operator must admit or reinstate it first.",
  },
  "energy:5": {
    description: "invalid delivery periods",
    sentence:
      "The delivery periods are invalid: the first must lie in the future (see currentPeriod), the last not before it, the span within max_token_periods, a position query within 672 periods, and an offers window's to_period not before its from_period.",
  },
  "energy:6": {
    description: "invalid volume",
    sentence:
      "The volume is invalid: Wh per period must be positive, split parts positive and adding up to the token's, and totals within 64 bits.",
  },
  "energy:7": {
    description: "invalid meter",
    sentence:
      "The meter does not fit: name one of your own meters (production for the producer side, consumption for the consumer side, of the token's category; when issuing, also your consumption meter for the producer side or your production meter for the consumer side), state no category other than a production or virtual producer meter's, or leave the meter empty for your virtual meter once the grid operator has added the category to your traded categories.",
  },
  "energy:8": {
    description: "unknown currency",
    sentence:
      "The denom is not the fiat of an approved bank; price and pay in an approved bank's denom (see the fiat banks query).",
  },
  "energy:9": {
    description: "invalid contract terms",
    sentence:
      "The contract terms are invalid: amounts must be set and not negative, the legal framework at most 64 characters, and services not offered carry no values.",
  },
  "energy:10": {
    description: "unknown token",
    sentence:
      "No token has this id; check the id (see the energy tokens-by-owner and offers queries).",
  },
  "energy:11": {
    description: "token is not active",
    sentence:
      "The token was cancelled, or replaced by its children in a split or merge, and can no longer be traded or changed; use its children if it has any.",
  },
  "energy:12": {
    description: "signer does not own the side",
    sentence:
      "The signer does not own this side of the token (any more); check the token's current side owners.",
  },
  "energy:13": {
    description: "invalid side",
    sentence:
      "The side must be producer or consumer.",
  },
  "energy:14": {
    description: "invalid ask",
    sentence:
      "The ask is invalid: a price needs an approved denom, a void ask carries no price, a purchase must name the ask's denom, and a side must not be offered when you aggregate or disaggregate it (void its ask first).",
  },
  "energy:15": {
    description: "side is not for sale",
    sentence:
      "This side is not offered (its price is void); wait until its owner sets an ask.",
  },
  "energy:16": {
    description: "buyer already owns the side",
    sentence:
      "You already own this side; there is nothing to buy or hand over.",
  },
  "energy:17": {
    description: "ask is above the buyer's maximum price",
    sentence:
      "The ask is above your maximum price; raise the maximum price per MWh or pick a cheaper offer.",
  },
  "energy:18": {
    description: "position limit exceeded",
    sentence:
      "This would take a participant's net position (yours, or the other party's: a seller, a giver, the other owner of a cancelled token) beyond its position limit in some period; the error names whom and which period. That participant must first take an opposite side there, or ask the grid operator for a higher limit.",
  },
  "energy:19": {
    description: "token has no cancellation fee: both owners must sign",
    sentence:
      "The token has no cancellation fee, so only both side owners together can cancel it (cancelTokenJointly).",
  },
  "energy:20": {
    description: "participant's roles do not allow this",
    sentence:
      "The participant's roles do not allow this: issuing, aggregating and disaggregating need a producer, consumer, prosumer, trader or retailer role.",
  },
  "energy:21": {
    description: "invalid genesis state",
    generic: true,
    sentence:
      "The energy genesis state is invalid; check the parameters and tokens.",
  },
  "energy:22": {
    description: "invalid request",
    generic: true,
    sentence:
      "The request is incomplete or malformed; check the fields (split or disaggregate by volume or at a period, not both; merge at least two distinct, alike tokens; aggregate at least two distinct sources of one category and origin shard).",
  },
  "energy:23": {
    description: "CO2 content differs from the producer meter's audited intensity",
    sentence:
      "The producer meter has an audited CO2 intensity, so the token's CO2 is computed from it: leave co2Grams at 0 or state exactly that value.",
  },
  "energy:24": {
    description: "signer is not the grid operator",
    sentence:
      "Only the grid operator may do this (set price bands, procure as balancing authority, redispatch); sign with the operator account from the balancing params.",
  },
  "energy:25": {
    description: "price is outside the denom's price band",
    sentence:
      "A price is outside its currency's price band (by default -9,999 to +9,999 per MWh; see the energy priceBand query): quote a price within it, or ask the grid operator to change the band. An ask set before the band changed must be re-priced by its owner.",
  },
  "energy:26": {
    description: "contract amount is above the maximum",
    sentence:
      "A face value or fee is above the largest contract amount (10^27 base units); state a smaller amount. A merge whose cancellation fees add up beyond it is refused too.",
  },
  "energy:27": {
    description: "split has more parts than max_split_parts",
    sentence:
      "The split or disaggregation has more parts than max_split_parts (see the energy params); split in several steps, splitting a child again.",
  },
  "energy:28": {
    description: "merge has more tokens than max_merge_inputs",
    sentence:
      "The merge or aggregation lists more tokens than max_merge_inputs (see the energy params); merge or aggregate in several steps, combining the results again.",
  },
  "energy:29": {
    description: "side backs an aggregation or disaggregation",
    sentence:
      "A side of this token backs tokens emitted against it by an aggregation or disaggregation (see the token's backs): that side cannot be offered, handed over or bought, and the token cannot be cancelled, split, merged or used for another emission, until every token it backs is cancelled, which releases it.",
  },
  "energy:30": {
    description: "token was emitted by an aggregation or disaggregation",
    sentence:
      "This token was emitted by an aggregation or disaggregation (see its backedBy), so it cannot be split or merged; keep one of its sides and disaggregate or aggregate that side instead (disaggregateSide, aggregateSides).",
  },
  "energy:31": {
    description: "energy category missing or contradicted",
    sentence:
      "The token needs an energy category: set category when the producer meter is a consumption meter or left empty (your virtual meter); a production or virtual producer meter implies it.",
  },
  "energy:32": {
    description: "token is frozen: its gate has closed",
    sentence:
      "This token's first period is past gate closure (see the energy periodPhase query): participants can no longer offer, buy, hand over, split, merge or cancel it; only the grid operator procures or redispatches it. Trade tokens whose gate is still open.",
  },
  "energy:33": {
    description: "token is a bridge token of a cross-grid purchase",
    sentence:
      "This token mirrors a cross-grid purchase on this chain (see its bridge field): it cannot be offered, bought, handed over, split, merged, aggregated, cancelled or redispatched by a message; it changes only with its purchase.",
  },
  "energy:34": {
    description: "token is no bridge token",
    sentence:
      "Only a cross-grid purchase's bridge tokens are removed with the purchase; this token is an ordinary token.",
  },
  "energy:35": {
    description: "bridge token's delivery has begun",
    sentence:
      "Reconciliation has reached this bridge token's first period, so the cross-grid purchase can no longer be undone: the token is delivered.",
  },
  "energy:36": {
    description: "ask differs from the price quoted for the purchase",
    sentence:
      "The side's ask changed after the cross-grid purchase was quoted; quote the purchase again at the current ask.",
  },
  "energy:37": {
    description: "invalid bridge token",
    sentence:
      "The cross-grid purchase's bridge token is malformed: it needs a purchase id, the buyer's and the token's chain-ids (the token on another chain) and the bought token's volume, denom and terms.",
  },
  "energy:60": {
    description: "signer is not the CO2 authority",
    sentence:
      "Only the CO2 authority governance appointed may publish standard intensities or set the CO2 rate; sign with its account (see the balancing co2Authority query), or ask governance to appoint one.",
  },
  "energy:61": {
    description: "CO2 amount would not be conserved",
    sentence:
      "The CO2 amount does not fit: split at least 1 g and at most the CO2 the token carries, merge no CO2 tokens that would take it past 2^64 g, and divide a CO2 token into at least two parts of 1 g or more that add up exactly to its grams.",
  },
  "energy:62": {
    description: "unknown CO2 token",
    sentence:
      "No CO2 token has this id; check the id in your CO2 tokens.",
  },
  "energy:63": {
    description: "CO2 token was merged",
    sentence:
      "This CO2 token was merged into an energy token already; it can no longer be offered, bought or merged.",
  },
  "energy:64": {
    description: "signer does not hold the CO2 token",
    sentence:
      "You do not hold this CO2 token; only its holder may offer, divide or merge it into a token.",
  },
  "energy:65": {
    description: "invalid CO2 rate",
    sentence:
      "The CO2 rate must be zero or more, in base units of an approved fiat denom per gram.",
  },
  "energy:66": {
    description: "CO2 token was consumed at settlement",
    sentence:
      "This CO2 token was settled: its holder was charged its grams at the CO2 rate, so its CO2 is consumed and it can no longer be offered, bought, divided or merged.",
  },
  "energy:67": {
    description: "CO2 token is offered for sale",
    sentence:
      "This CO2 token is offered for sale, so it cannot be divided: withdraw its ask first (set no price), divide it, then offer the part you want to sell.",
  },
  "energy:68": {
    description: "CO2 token was divided",
    sentence:
      "This CO2 token was divided into smaller CO2 tokens already; offer, buy, divide or merge its parts instead (see divided into).",
  },
  "energy:50": {
    description: "period range is longer than a traceability query may cover",
    sentence:
      "The period range is too long for one origin query (at most 2,976 periods, 31 days of 15 minutes): ask for a shorter range, e.g. month by month, and add the results up.",
  },
  "energy:51": {
    description: "one consumed token's lineage is larger than a traceability query may read",
    sentence:
      "One token you consumed passed through more aggregations, splits and trades than one origin query may read: ask for a shorter period range, or follow its sources token by token (the energy token query).",
  },
  // x/settlement (chain/x/settlement/types/errors.go): generic texts recognise a failure only
  // when the transaction's message is x/settlement's (see codespaceHint).
  "settlement:2": {
    description: "invalid parameters",
    generic: true,
    sentence:
      "The settlement parameters are invalid (late_fee_bps is at most 10000); correct the proposal.",
  },
  "settlement:3": {
    description: "invalid address",
    generic: true,
    sentence:
      "An address is malformed or not an admitted participant; use the grid1... address of a participant the grid operator admitted.",
  },
  "settlement:4": {
    description: "signer is not the governance authority",
    generic: true,
    sentence:
      "The settlement parameters change only by governance; submit the message in a proposal (authority: the gov module account).",
  },
  "settlement:5": {
    description: "only the grid operator may do this",
    sentence:
      "Only the grid operator declares transmission costs, sets the security-of-supply fee rule and collateral requirements, and seizes collateral; sign with the operator account from the balancing params.",
  },
  "settlement:6": {
    description: "invalid genesis state",
    generic: true,
    sentence:
      "The settlement genesis is invalid; the node cannot start with it.",
  },
  "settlement:7": {
    description: "invalid request",
    generic: true,
    sentence:
      "The request is incomplete or out of range (a note over 140 characters, an interval of 0 or over a year of periods, a method not fixed, consumption or peak, more than 100000 basis points); correct it and retry.",
  },
  "settlement:8": {
    description: "invalid amount",
    generic: true,
    sentence:
      "The amount is invalid: it must be zero or more, below 2^128 base units, in the denom of an approved bank.",
  },
  "settlement:9": {
    description: "the period's settlement run has started",
    sentence:
      "This period is settled or settling, so its transmission cost can no longer be declared or changed; declare costs before fee_window_periods have passed after the period's reconciliation.",
  },
  "settlement:10": {
    description: "the period has not been delivered yet",
    sentence:
      "The period has not ended yet; declare the transmission cost of a period that was delivered.",
  },
  "settlement:11": {
    description: "the participant has no debt in that denom",
    sentence:
      "The participant owes nothing in this currency, so there is no collateral to seize; see the list of debts.",
  },
  "settlement:12": {
    description: "not found",
    generic: true,
    sentence:
      "Nothing is recorded there: the period had nothing to settle, is not settled yet, or has no declared cost.",
  },
  "settlement:13": {
    description: "period range too long",
    sentence:
      "A statement covers at most 2976 periods (31 days of 15-minute periods); ask for several shorter ranges.",
  },
  "settlement:14": {
    description: "collateral requirement not met",
    sentence:
      "The account's locked collateral is below what the grid operator requires before it trades; deposit fiat into its settlement account and lock it as collateral (Fiat view), or ask the operator to lower the requirement.",
  },
  "settlement:40": {
    description: "the period's settlement records are pruned",
    sentence:
      "Settlement keeps only the last keep_periods periods of runs and statements (35 days by default); the period asked for is older and its records were pruned. Ask for a period from the progress query's pruned_before on.",
  },
  // x/interchain (chain/x/interchain/types/errors.go): generic texts recognise a failure only
  // when the transaction's message is x/interchain's (see codespaceHint).
  "interchain:2": {
    description: "signer is not the grid operator",
    generic: true,
    sentence:
      "Only the grid operator may link this chain or send a Hello; sign with the operator account from the balancing params.",
  },
  "interchain:3": {
    description: "invalid request",
    generic: true,
    sentence:
      "The link or Hello is malformed: name the neighbour (parent or child), valid channel ids (channel-N), a timeout of at most a week, and map each local denom once.",
  },
  "interchain:4": {
    description: "channel not found",
    sentence:
      "There is no such channel on this chain: use this chain's end of the link's energy channel (port energy) and transfer channel (port transfer), as `gridnet status` lists them.",
  },
  "interchain:5": {
    description: "channel is not an open energy or transfer channel of this link",
    sentence:
      "The channel is not usable for the link: the energy channel must be open, unordered and of version gridledger-energy-1, and the transfer channel open on the same connection.",
  },
  "interchain:6": {
    description: "link already recorded",
    sentence:
      "This link is recorded already (or the chain already has its parent, or the other chain is already a neighbour); check `query interchain neighbourhood`.",
  },
  "interchain:7": {
    description: "counterparty facts unknown: no Hello was exchanged on the energy channel",
    sentence:
      "Send a Hello on the energy channel (either side) and let the relayer deliver it and its acknowledgement, then link again.",
  },
  "interchain:8": {
    description: "counterparty period length differs from this chain's",
    sentence:
      "The two chains have different period lengths; linked grids must share one (energy params period_seconds).",
  },
  "interchain:9": {
    description: "settlement currencies differ and no denom mapping covers them",
    sentence:
      "The two chains settle in different currencies: give a denom map pairing one of this chain's bank denoms with one the other chain named in its Hello.",
  },
  "interchain:10": {
    description: "invalid energy channel version",
    sentence:
      "The energy channel must use version gridledger-energy-1.",
  },
  "interchain:11": {
    description: "energy channels are unordered",
    sentence:
      "Open the energy channel as an unordered channel.",
  },
  "interchain:12": {
    description: "invalid energy packet",
    sentence:
      "The energy packet could not be read; the sending chain runs an incompatible version.",
  },
  "interchain:13": {
    description: "invalid genesis state",
    generic: true,
    sentence:
      "The interchain genesis state is invalid; check the links and peer records.",
  },
  "interchain:14": {
    description: "energy channels may not be closed",
    sentence:
      "A link's energy channel stays open; it cannot be closed by a transaction.",
  },
  "interchain:30": {
    description: "only an active participant with a consuming role buys from another grid",
    sentence:
      "Only consumers and prosumers in good standing buy energy from another grid (the grid fees along the path are theirs to see and pay); ask the grid operator about your roles.",
  },
  "interchain:31": {
    description: "invalid route",
    sentence:
      "The route must go from neighbour to neighbour, up to the common parent and down again, naming each chain once (2 to 8 chains); quote the purchase again to get the route.",
  },
  "interchain:32": {
    description: "the purchase's quote no longer holds",
    sentence:
      "Something changed since the quote (the side's ask, the token, a link's fee estimate or the bank's fee); quote the purchase again and sign the new quote.",
  },
  "interchain:33": {
    description: "the purchase costs more than max_total",
    sentence:
      "The purchase costs more than the most you allowed (max_total, fees included); raise it or choose another token.",
  },
  "interchain:34": {
    description: "the link has no grid-fee estimate for the purchase's currency",
    sentence:
      "A grid on the path charges no fee in this currency yet, so it cannot be crossed; its grid operator must set one (set-link-fee).",
  },
  "interchain:35": {
    description: "the value carried does not match the quote",
    sentence:
      "The payment does not match the quote: pay in the side's currency (its voucher on your chain) and hold enough of it for the price, the face value, the bank's fees and every link's fee.",
  },
  "interchain:36": {
    description: "purchase not found",
    sentence:
      "This chain has no record of that purchase: it has not reached this chain (yet), or the id is wrong (origin chain-id/number).",
  },
  "interchain:37": {
    description: "the purchase is not pending",
    sentence:
      "The purchase is already done or refunded on this chain; nothing is left to answer.",
  },
  "interchain:38": {
    description: "too little time left to carry the purchase further",
    sentence:
      "The purchase had too little time left to reach the next grid; buy again with a longer timeout.",
  },
  "interchain:39": {
    description: "a chain further on the route refused the purchase or it timed out there",
    sentence:
      "A grid further on the path refused the purchase or it timed out there; everything was refunded. Follow the purchase on each chain to see where and why.",
  },
  "interchain:50": {
    description: "the purchase is not done on this chain: only a done purchase's chain of tokens is cancelled",
    sentence:
      "Only a done cross-grid purchase can be cancelled, and only once; follow the purchase to see whether it is pending, refunded or already cancelled.",
  },
  "interchain:51": {
    description: "the purchase's tokens offer no redispatch at a price, so their chain cannot be cancelled",
    sentence:
      "The purchase's tokens offer no redispatch, so their chain across the grids cannot be cancelled; redispatch other tokens.",
  },
  "interchain:52": {
    description: "the grid operator cannot pay the compensation the tokens' redispatch price sets",
    sentence:
      "The grid operator must hold the compensation (the tokens' redispatch price for the energy) in the purchase's currency on this chain; bring it there first, e.g. by ICS-20.",
  },
  "interchain:53": {
    description: "a chain further on the route refused the cancel or it timed out there",
    sentence:
      "A grid on the path refused the cancel or it timed out there; nothing was cancelled and every amount was returned. Follow the purchase on each chain to see where and why.",
  },
  "interchain:54": {
    description: "this chain's token of the purchase can no longer be cancelled",
    sentence:
      "A token of the purchase can no longer be cancelled (its delivery has begun or it backs other tokens); the chain of tokens stays and is delivered.",
  },
  // x/invariants (chain/x/invariants/types/errors.go): query errors of the live check.
  "invariants:2": {
    description: "invalid request",
    generic: true,
    sentence:
      "The invariant check was asked wrongly; use a limit of at most 1000 and a cursor from the previous page, or start again with an empty cursor.",
  },
  "invariants:3": {
    description: "no invariant of that name: the Invariants query lists them",
    sentence:
      "No invariant has that name; `gridd query invariants list` lists the ones the node checks.",
  },
  "interchain:15": {
    description: "bridge capacities are kept by the parent's side of a link",
    sentence:
      "This channel links the chain to its parent: that link's capacity is set by the parent chain's grid operator, on the parent chain.",
  },
  "interchain:16": {
    description: "invalid bridge capacity",
    sentence:
      "A bridge capacity is 1 to 10^15 Wh per period and may not be set below the flow already reserved in any recorded period of that direction; wait until purchases release it or the period is pruned.",
  },
  "interchain:17": {
    description: "bridge capacity exhausted",
    sentence:
      "A link on the purchase's path has too little free capacity in one of its periods; buy less, other periods, or ask the parent's grid operator for a higher capacity.",
  },
  "interchain:18": {
    description: "release exceeds the flow reserved",
    sentence:
      "More bridge capacity was to be released than is reserved; nothing was released.",
  },
  "interchain:19": {
    description: "interface account cannot be registered",
    sentence:
      "The link's interface account could not be registered in this chain's registry (its legal id IFACE-<CHANNEL> or its address is taken); nothing was linked.",
  },
  "interchain:55": {
    description: "the purchase's record is pruned",
    sentence:
      "This chain no longer keeps the purchase: finished purchases are pruned some time after their last delivery period (purchase_keep_periods). Its tokens and payments are unaffected; ask an archive node for its history.",
  },
  "interchain:56": {
    description: "invalid fee refund",
    sentence:
      "A grid-fee refund arrived for a purchase this chain did not complete that way, or passed already; it was sent back and the grid that sent it keeps it on record.",
  },
  "interchain:57": {
    description: "signer is not the governance authority",
    generic: true,
    sentence:
      "The interchain parameters (purchase retention, fee true-up) change only by governance; submit the message in a proposal (authority: the gov module account).",
  },
  "interchain:58": {
    description: "invalid interchain parameters",
    sentence:
      "These interchain parameters are out of bounds: the per-block budgets are at most 10,000, the periods at most 1,000,000, and purchases must be kept at least as long as the fee true-up waits (purchase_keep_periods ≥ trueup_delay_periods).",
  },
  "interchain:20": {
    description: "interchain invariant broken",
    sentence:
      "An x/interchain invariant is broken (a bridge reserved over its capacity, or fiat left on an interface account); report it to the grid operator.",
  },
};

/** explainError returns a sentence for a chain error, or undefined when the code is not known. */
export function explainError(codespace: string, code: number): string | undefined {
  return knownErrors[`${codespace}:${code}`]?.sentence;
}

// Modules whose handlers return other modules' errors unchanged: x/energy pays through x/fiat.
const calledModules: Readonly<Record<string, readonly string[]>> = { energy: ["fiat"] };

/**
 * recogniseError finds a registered error by its text when only a log is left, as for failed
 * simulations: the node wraps the real error into a gRPC status and reports its own code. The
 * longest matching description wins, so "legal identifier already admitted" beats its suffix.
 * Some modules register the same text ("signer is not the grid operator" is balancing 2 and fiat
 * 21); `preferredCodespace` (see codespaceHint) decides such ties, else the first listed wins, and
 * admits the generic texts of that codespace ("invalid address"). The modules a preferred module
 * calls come next (an x/energy purchase fails with x/fiat's "insufficient funds", not the SDK's).
 */
export function recogniseError(
  log: string,
  preferredCodespace?: string,
): { codespace: string; code: number } | undefined {
  const preferred =
    preferredCodespace === undefined ? [] : [preferredCodespace, ...(calledModules[preferredCodespace] ?? [])];
  let best: { key: string; length: number; rank: number } | undefined;
  for (const [key, known] of Object.entries(knownErrors)) {
    const rank = preferred.indexOf(key.slice(0, key.indexOf(":")));
    if ((known.generic === true && rank < 0) || !log.includes(known.description)) continue;
    const length = known.description.length;
    const outranks = rank >= 0 && (best === undefined || best.rank < 0 || rank < best.rank);
    if (best === undefined || length > best.length || (length === best.length && outranks)) {
      best = { key, length, rank };
    }
  }
  if (best === undefined) return undefined;
  const [codespace = "", code = "0"] = best.key.split(":");
  return { codespace, code: Number(code) };
}

/**
 * codespaceHint guesses the codespace of a failure from the message it names: SDK logs say
 * "message index: N", and a gridledger message "/gridledger.<module>.v1.Msg..." fails with its
 * module's errors. Undefined when the log names no message or it is not gridledger's.
 */
export function codespaceHint(log: string, messages: readonly EncodeObject[] = []): string | undefined {
  const index = /message index: (\d+)/.exec(log);
  const message = messages[index === null ? 0 : Number(index[1])];
  if (message === undefined || (index === null && messages.length !== 1)) return undefined;
  return /^\/gridledger\.([a-z0-9_]+)\./.exec(message.typeUrl)?.[1];
}

export interface GridledgerTxErrorInit {
  readonly phase: TxPhase;
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
  readonly transactionHash?: string;
  readonly height?: number;
}

/**
 * GridledgerTxError is thrown by GridledgerClient's transaction methods when the chain refuses a
 * transaction. `explanation` is a sentence for people; `codespace`/`code` are for programs.
 */
export class GridledgerTxError extends Error {
  override readonly name = "GridledgerTxError";
  readonly phase: TxPhase;
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
  readonly explanation: string;
  readonly transactionHash: string | undefined;
  readonly height: number | undefined;

  constructor(init: GridledgerTxErrorInit) {
    const explanation =
      explainError(init.codespace, init.code) ??
      "The chain rejected the transaction; see the log for details.";
    const where = `${init.phase} failed, ${init.codespace || "?"} code ${String(init.code)}`;
    super(`${explanation} (${where}: ${init.rawLog})`);
    this.phase = init.phase;
    this.code = init.code;
    this.codespace = init.codespace;
    this.rawLog = init.rawLog;
    this.explanation = explanation;
    this.transactionHash = init.transactionHash;
    this.height = init.height;
  }
}

/**
 * txErrorFromThrown turns what CosmJS throws while signing and broadcasting into a
 * GridledgerTxError when it is a chain refusal: a failed gas simulation ("Query failed with
 * (code): log") or a CheckTx failure (BroadcastTxError). Anything else (network, unknown
 * account, timeouts) is returned unchanged. `messages` are the transaction's, to tell apart modules
 * that register the same error text.
 */
export function txErrorFromThrown(error: unknown, messages: readonly EncodeObject[] = []): unknown {
  if (error instanceof BroadcastTxError) {
    return new GridledgerTxError({
      phase: "checkTx",
      code: error.code,
      codespace: error.codespace,
      rawLog: error.log ?? "",
    });
  }
  if (error instanceof Error) {
    const match = /^Query failed with \((\d+)\): ([\s\S]*)$/.exec(error.message);
    if (match !== null) {
      const rawLog = match[2] ?? "";
      // The query's own code is the gRPC wrapper's (sdk 6 "unknown request"); the message's
      // real error survives only as text.
      const found = recogniseError(rawLog, codespaceHint(rawLog, messages)) ?? {
        codespace: "sdk",
        code: Number(match[1]),
      };
      return new GridledgerTxError({ phase: "simulate", ...found, rawLog });
    }
  }
  return error;
}
