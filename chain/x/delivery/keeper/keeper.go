package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// Keeper holds signed meter readings and their per-period totals (seed §3.4). Readings are
// keyed by (period, meter) so that a period's readings are one prefix, which is what
// reconciliation walks and pruning deletes; the totals outlive them.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	registry     BalancingKeeper
	energy       EnergyKeeper
	// authority is the x/gov module account: the only signer of MsgUpdateParams.
	authority string

	Schema       collections.Schema
	Params       collections.Item[types.Params]
	Readings     collections.Map[collections.Pair[uint64, string], types.Reading]
	PeriodTotals collections.Map[uint64, types.PeriodTotals]

	// Reconciliation (reconcile.go). ReferencePrices are keyed (category, from period), so
	// the price in force for a period is one reverse step from it.
	ReferencePrices collections.Map[collections.Pair[int32, uint64], types.ReferencePrice]
	Progress        collections.Item[types.ReconciliationProgress]
	// MeterBalances are the working records of the period being reconciled, by meter id.
	MeterBalances   collections.Map[string, types.MeterBalance]
	Reconciliations collections.Map[uint64, types.PeriodReconciliation]
	// Statements are (owner, period, token id): a participant's statement is one prefix.
	Statements collections.Map[collections.Triple[sdk.AccAddress, uint64, uint64], types.ImbalanceEntry]

	// PruneProgress is how far readings are pruned (prune.go); absent until pruning first
	// moves, which reads as the zero value: nothing pruned.
	PruneProgress collections.Item[types.PruneProgress]

	// Consumptions are what each participant's meters measured in a reconciled period,
	// by (period, owner): x/settlement walks a period's prefix to share grid fees.
	Consumptions collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Consumption]
	// ConsumptionTotals are each period's sum of net consumption over its participants.
	ConsumptionTotals collections.Map[uint64, uint64]
	// ConsumerTokens are the consumer sides at participants' consumption meters in a
	// reconciled period, imbalance tokens included, by (period, owner, token id), with
	// their Wh: x/settlement attaches each owner's transmission fee to them (ADR 015).
	ConsumerTokens collections.Map[collections.Triple[uint64, sdk.AccAddress, uint64], uint64]
}

// NewKeeper builds the keeper. authority is the bech32 address allowed to change params.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, addressCodec address.Codec, authority string,
	registry BalancingKeeper, energy EnergyKeeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("delivery: invalid authority address %q: %v", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, registry: registry, energy: energy, authority: authority,
		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Readings: collections.NewMap(sb, types.ReadingsKey, "readings",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), codec.CollValue[types.Reading](cdc)),
		PeriodTotals: collections.NewMap(sb, types.PeriodTotalsKey, "period_totals",
			collections.Uint64Key, codec.CollValue[types.PeriodTotals](cdc)),
		ReferencePrices: collections.NewMap(sb, types.ReferencePricesKey, "reference_prices",
			collections.PairKeyCodec(collections.Int32Key, collections.Uint64Key), codec.CollValue[types.ReferencePrice](cdc)),
		Progress: collections.NewItem(sb, types.ProgressKey, "progress", codec.CollValue[types.ReconciliationProgress](cdc)),
		MeterBalances: collections.NewMap(sb, types.MeterBalancesKey, "meter_balances",
			collections.StringKey, codec.CollValue[types.MeterBalance](cdc)),
		Reconciliations: collections.NewMap(sb, types.ReconciliationsKey, "reconciliations",
			collections.Uint64Key, codec.CollValue[types.PeriodReconciliation](cdc)),
		Statements: collections.NewMap(sb, types.StatementsKey, "statements",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.ImbalanceEntry](cdc)),
		PruneProgress: collections.NewItem(sb, types.PruneProgressKey, "prune_progress", codec.CollValue[types.PruneProgress](cdc)),
		Consumptions: collections.NewMap(sb, types.ConsumptionsKey, "consumptions",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Consumption](cdc)),
		ConsumptionTotals: collections.NewMap(sb, types.ConsumptionTotalsKey, "consumption_totals",
			collections.Uint64Key, collections.Uint64Value),
		ConsumerTokens: collections.NewMap(sb, types.ConsumerTokensKey, "consumer_tokens",
			collections.TripleKeyCodec(collections.Uint64Key, sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the governance address allowed to change the parameters.
func (k Keeper) Authority() string { return k.authority }

// parseAddress decodes a bech32 account address, naming the field on failure.
func (k Keeper) parseAddress(field, addr string) (sdk.AccAddress, error) {
	return moduleutil.ParseAddress(k.addressCodec, types.ErrInvalidAddress, field, addr)
}

// ReconciledBefore is the first period reconciliation has not finished: every period
// before it is reconciled, and settlement may pay its tokens (x/settlement).
func (k Keeper) ReconciledBefore(ctx context.Context) (uint64, error) {
	prog, err := k.Progress.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return prog.NextPeriod, err
}
