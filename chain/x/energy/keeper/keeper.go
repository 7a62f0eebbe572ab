package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// Keeper holds energy tokens and their market. Indexes (owner, offers) are KeySets kept
// in step by setToken, so queries walk prefixes and never scan.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	registry     BalancingKeeper
	fiat         FiatKeeper
	// gate is x/settlement's collateral requirement, set after construction
	// (SetCollateralGate); shared by every copy of the keeper.
	gate *collateralGateRef

	Schema   collections.Schema
	Params   collections.Item[types.Params]
	Tokens   collections.Map[uint64, types.Token]
	TokenSeq collections.Sequence
	// TokensByOwner maps (owner, side, id) of live tokens to the token's span (first and
	// last period, Wh per period, see encodeSpan): the owner's tokens, side by side.
	TokensByOwner collections.Map[collections.Triple[sdk.AccAddress, int32, uint64], []byte]
	// Positions maps (owner, index day) to the Wh the owner's live sides deliver and take
	// in each period of the day (position.go), so a position check reads one record per
	// day of the token instead of every side the owner holds.
	Positions collections.Map[collections.Pair[sdk.AccAddress, uint64], []byte]
	// Offers maps (market, day, price per MWh, id) to the offered token's delivery window
	// (encodeWindow). A market is (side×category, denom); day is a delivery day, longSpans
	// or anyDay (days.go). Each bucket is sorted by price, because Int64Key keeps signed
	// order, so a page of offers is a merge of the buckets of its delivery window.
	Offers collections.Map[offerKey, []byte]
	// Trades is keyed (token id, trade id): a token's history is one prefix, oldest first.
	Trades   collections.Map[tradeKey, types.Trade]
	TradeSeq collections.Sequence
	// MarketDays maps (category, denom, index day) to what the market traded in each
	// period of the day (market.go): AveragePrice reads one record.
	MarketDays collections.Map[marketKey, []byte]
	// PriceBands maps a fiat denom to the price band the grid operator set for it
	// (bands.go); a denom without one uses the default band.
	PriceBands collections.Map[string, types.PriceBand]
	// OfferGates lists every offered side of a live token by (first period, token id,
	// side), so the end of a block finds the offers whose gate has closed in first-period
	// order and closes them (gate.go), without scanning the market. An offer that ends
	// before its gate (sold, withdrawn) leaves its entry until then (ADR 030): the set is
	// every live offer plus such stale entries, each dropped when its gate closes.
	OfferGates collections.KeySet[collections.Triple[uint64, uint64, int32]]
	// DayHolders lists, per index day, the participants holding a live side in it: the
	// (day, owner) mirror of Positions, so the operator lists a period's open positions
	// without scanning every participant (OpenPositions, seed §3.3.1).
	DayHolders collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// OperatorActs lists the grid operator's procurements and redispatches, newest first:
	// (MaxUint64 − trade id, token id), each naming its record in Trades.
	OperatorActs collections.KeySet[collections.Pair[uint64, uint64]]
	// ProcurementTotals adds up the procurements per (kind, denom): the operator's statement.
	ProcurementTotals collections.Map[collections.Pair[int32, string], types.ProcurementTotal]
	// DeliveryQueue lists every token created, by (first period, id), until reconciliation
	// reaches its first period and moves it to Delivering (reconcile.go).
	DeliveryQueue collections.KeySet[collections.Pair[uint64, uint64]]
	// Delivering lists the tokens reconciliation has reached and not finished, by (last
	// period, id): the tokens delivering in the period being reconciled, and no others.
	Delivering collections.KeySet[collections.Pair[uint64, uint64]]

	// Co2Tokens holds every CO2 token, any status (co2.go).
	Co2Tokens   collections.Map[uint64, types.Co2Token]
	Co2TokenSeq collections.Sequence
	// Co2TokensByOwner lists the live CO2 tokens by (owner, id).
	Co2TokensByOwner collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// Co2Offers lists the offered CO2 tokens by (denom, price per tonne, id): cheapest first.
	Co2Offers collections.KeySet[collections.Triple[string, int64, uint64]]
	// Co2Intensities maps (category, from period) to the standard intensity the CO2
	// authority published, in g/MWh; the one in force is the latest at or before a period.
	Co2Intensities collections.Map[collections.Pair[int32, uint64], uint64]
	// Co2Rates maps a fiat denom to the payment per gram of consumed CO2.
	Co2Rates collections.Map[string, math.Int]
	// Co2Totals maps (category, period) to the energy and CO2 delivering in the period,
	// added up as reconciliation reaches each token: the default standard intensity.
	Co2Totals collections.Map[collections.Pair[int32, uint64], types.Co2PeriodTotal]
	// Co2Due holds (due period, id) of the live CO2 tokens; settlement consumes them at
	// their due period (co2_due.go). Rebuilt from the CO2 tokens on import.
	Co2Due collections.KeySet[collections.Pair[uint64, uint64]]
	// SettlementDue holds (due period, token id) of delivered tokens x/settlement has yet to
	// settle (due.go).
	SettlementDue collections.Map[collections.Pair[uint64, uint64], types.DueToken]
	// OpenFaceValues maps (owner, denom, index day of the token's last period) to the face
	// value of the owner's live consumer sides ending that day (open.go): what a
	// participant holds open is the sum from today's day on, a few records, never a walk
	// over its tokens.
	OpenFaceValues collections.Map[collections.Triple[sdk.AccAddress, string, uint64], math.Int]
}

// tradeKey is (token id, trade id).
type tradeKey = collections.Pair[uint64, uint64]

// NewKeeper builds the keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, addressCodec address.Codec, registry BalancingKeeper, fiat FiatKeeper) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, storeService: storeService, addressCodec: addressCodec, registry: registry, fiat: fiat, gate: &collateralGateRef{},
		Params:   collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Tokens:   collections.NewMap(sb, types.TokensKey, "tokens", collections.Uint64Key, codec.CollValue[types.Token](cdc)),
		TokenSeq: collections.NewSequence(sb, types.TokenSeqKey, "token_seq"),
		TokensByOwner: collections.NewMap(sb, types.TokensByOwnerKey, "tokens_by_owner",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.Int32Key, collections.Uint64Key), collections.BytesValue),
		Positions: collections.NewMap(sb, types.PositionsKey, "positions",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.BytesValue),
		Offers: collections.NewMap(sb, types.OffersKey, "offers",
			collections.QuadKeyCodec(collections.PairKeyCodec(collections.Int32Key, collections.StringKey), collections.Uint64Key, collections.Int64Key, collections.Uint64Key),
			collections.BytesValue),
		Trades: collections.NewMap(sb, types.TradesKey, "trades",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.Trade](cdc)),
		TradeSeq: collections.NewSequence(sb, types.TradeSeqKey, "trade_seq"),
		MarketDays: collections.NewMap(sb, types.MarketDaysKey, "market_days",
			collections.TripleKeyCodec(collections.Int32Key, collections.StringKey, collections.Uint64Key), collections.BytesValue),
		PriceBands: collections.NewMap(sb, types.PriceBandsKey, "price_bands", collections.StringKey, codec.CollValue[types.PriceBand](cdc)),
		OfferGates: collections.NewKeySet(sb, types.OfferGatesKey, "offer_gates",
			collections.TripleKeyCodec(collections.Uint64Key, collections.Uint64Key, collections.Int32Key)),
		DayHolders: collections.NewKeySet(sb, types.DayHoldersKey, "day_holders",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		OperatorActs: collections.NewKeySet(sb, types.OperatorActsKey, "operator_acts",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		ProcurementTotals: collections.NewMap(sb, types.ProcurementTotalsKey, "procurement_totals",
			collections.PairKeyCodec(collections.Int32Key, collections.StringKey), codec.CollValue[types.ProcurementTotal](cdc)),
		DeliveryQueue: collections.NewKeySet(sb, types.DeliveryQueueKey, "delivery_queue",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Delivering: collections.NewKeySet(sb, types.DeliveringKey, "delivering",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Co2Tokens:   collections.NewMap(sb, types.Co2TokensKey, "co2_tokens", collections.Uint64Key, codec.CollValue[types.Co2Token](cdc)),
		Co2TokenSeq: collections.NewSequence(sb, types.Co2TokenSeqKey, "co2_token_seq"),
		Co2TokensByOwner: collections.NewKeySet(sb, types.Co2TokensByOwnerKey, "co2_tokens_by_owner",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		Co2Offers: collections.NewKeySet(sb, types.Co2OffersKey, "co2_offers",
			collections.TripleKeyCodec(collections.StringKey, collections.Int64Key, collections.Uint64Key)),
		Co2Intensities: collections.NewMap(sb, types.Co2IntensitiesKey, "co2_intensities",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key), collections.Uint64Value),
		Co2Rates: collections.NewMap(sb, types.Co2RatesKey, "co2_rates", collections.StringKey, sdk.IntValue),
		Co2Totals: collections.NewMap(sb, types.Co2TotalsKey, "co2_totals",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key), codec.CollValue[types.Co2PeriodTotal](cdc)),
		Co2Due: collections.NewKeySet(sb, types.Co2DueKey, "co2_due",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		SettlementDue: collections.NewMap(sb, types.SettlementDueKey, "settlement_due",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.DueToken](cdc)),
		OpenFaceValues: collections.NewMap(sb, types.OpenFaceValuesKey, "open_face_values",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.StringKey, collections.Uint64Key), sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetToken returns a token or ErrUnknownToken.
func (k Keeper) GetToken(ctx context.Context, id uint64) (types.Token, error) {
	t, err := k.Tokens.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return t, errorsmod.Wrapf(types.ErrUnknownToken, "token %d", id)
	}
	return t, err
}

// activeToken returns a live token, whatever its phase: the grid operator's paths act on
// frozen tokens too. Participants' paths use tradableToken.
func (k Keeper) activeToken(ctx context.Context, id uint64) (types.Token, error) {
	t, err := k.GetToken(ctx, id)
	if err != nil {
		return t, err
	}
	if t.Status != types.TokenStatus_TOKEN_STATUS_ACTIVE {
		return t, errorsmod.Wrapf(types.ErrTokenNotActive, "token %d is %s", id, t.Status)
	}
	return t, nil
}

// parseAddress decodes a bech32 account address, naming the field on failure.
func (k Keeper) parseAddress(field, addr string) (sdk.AccAddress, error) {
	return moduleutil.ParseAddress(k.addressCodec, types.ErrInvalidAddress, field, addr)
}
