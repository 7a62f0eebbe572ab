package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// Keeper settles delivered tokens and grid fees with netting, postpones and defaults
// (seed §3.5.2, §3.6, docs/adr/013).
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	registry     BalancingKeeper
	energy       EnergyKeeper
	delivery     DeliveryKeeper
	fiat         FiatKeeper
	co2          CO2Keeper
	// authority is the x/gov module account: the only signer of MsgUpdateParams.
	authority string
	// clearing is the module's address: its settlement account in x/fiat holds a run's
	// collected money until it is disbursed, and is empty between runs.
	clearing sdk.AccAddress

	Schema collections.Schema
	Params collections.Item[types.Params]
	// NextPeriod is the next period to settle; absent before the first block.
	NextPeriod collections.Item[uint64]
	// Runs are the settlement runs by period; at most one is not done.
	Runs collections.Map[uint64, types.SettlementRun]
	// Lines are statement lines by (owner, period, kind, denom): a statement is one prefix.
	Lines collections.Map[collections.Quad[sdk.AccAddress, uint64, int32, string], types.StatementLine]
	// Nets are net positions by (period, owner, denom): a run walks one prefix.
	Nets collections.Map[collections.Triple[uint64, sdk.AccAddress, string], types.NetPosition]
	// NetsByOwner indexes Nets by (owner, period, denom) for statements.
	NetsByOwner collections.KeySet[collections.Triple[sdk.AccAddress, uint64, string]]
	// Debts and Claims are by (owner, denom); their totals per denom are kept equal.
	Debts       collections.Map[collections.Pair[sdk.AccAddress, string], types.Debt]
	Claims      collections.Map[collections.Pair[sdk.AccAddress, string], types.Claim]
	DebtTotals  collections.Map[string, math.Int]
	ClaimTotals collections.Map[string, math.Int]
	// PendingRecovered is debt paid back between runs (collateral the operator seized),
	// waiting in the clearing account for the next run's claims stage.
	PendingRecovered collections.Map[string, math.Int]
	// Grid fees (seed §3.5.2).
	TransmissionCosts collections.Map[uint64, types.TransmissionCost]
	SecurityFeeRule   collections.Item[types.SecurityFeeRule]
	// Usages are by (interval's first period, owner); SecurityIntervals by first period.
	Usages                 collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Usage]
	SecurityIntervals      collections.Map[uint64, types.SecurityInterval]
	CollateralRequirements collections.Map[sdk.AccAddress, types.CollateralRequirement]
	// Defaults are the default records by (owner, denom) (seed §3.6.2).
	Defaults collections.Map[collections.Pair[sdk.AccAddress, string], types.DefaultRecord]
	// Handovers are the hand-overs of defaulters' open sides to the balancing authority;
	// HandoverQueue lists those not done, walked at the end of blocks (handover.go).
	Handovers     collections.Map[sdk.AccAddress, types.Handover]
	HandoverQueue collections.KeySet[sdk.AccAddress]
	// PruneProgress is where the pruning of old periods' records stands (prune.go).
	PruneProgress collections.Item[types.PruneProgress]
}

// NewKeeper builds the keeper. co2 may be nil: CO2 is then not charged.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, addressCodec address.Codec, authority string,
	registry BalancingKeeper, energy EnergyKeeper, delivery DeliveryKeeper, fiat FiatKeeper, co2 CO2Keeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("settlement: invalid authority address %q: %v", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	ownerPeriodDenom := collections.TripleKeyCodec(sdk.AccAddressKey, collections.Uint64Key, collections.StringKey)
	ownerDenom := collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, registry: registry, energy: energy, delivery: delivery, fiat: fiat, co2: co2,
		authority: authority, clearing: authtypes.NewModuleAddress(types.ModuleName),
		Params:     collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextPeriod: collections.NewItem(sb, types.NextPeriodKey, "next_period", collections.Uint64Value),
		Runs:       collections.NewMap(sb, types.RunsKey, "runs", collections.Uint64Key, codec.CollValue[types.SettlementRun](cdc)),
		Lines: collections.NewMap(sb, types.LinesKey, "lines",
			collections.QuadKeyCodec(sdk.AccAddressKey, collections.Uint64Key, collections.Int32Key, collections.StringKey),
			codec.CollValue[types.StatementLine](cdc)),
		Nets: collections.NewMap(sb, types.NetsKey, "nets",
			collections.TripleKeyCodec(collections.Uint64Key, sdk.AccAddressKey, collections.StringKey), codec.CollValue[types.NetPosition](cdc)),
		NetsByOwner:      collections.NewKeySet(sb, types.NetsByOwnerKey, "nets_by_owner", ownerPeriodDenom),
		Debts:            collections.NewMap(sb, types.DebtsKey, "debts", ownerDenom, codec.CollValue[types.Debt](cdc)),
		Claims:           collections.NewMap(sb, types.ClaimsKey, "claims", ownerDenom, codec.CollValue[types.Claim](cdc)),
		DebtTotals:       collections.NewMap(sb, types.DebtTotalsKey, "debt_totals", collections.StringKey, sdk.IntValue),
		ClaimTotals:      collections.NewMap(sb, types.ClaimTotalsKey, "claim_totals", collections.StringKey, sdk.IntValue),
		PendingRecovered: collections.NewMap(sb, types.PendingRecoveredKey, "pending_recovered", collections.StringKey, sdk.IntValue),
		TransmissionCosts: collections.NewMap(sb, types.TransmissionCostsKey, "transmission_costs",
			collections.Uint64Key, codec.CollValue[types.TransmissionCost](cdc)),
		SecurityFeeRule: collections.NewItem(sb, types.SecurityFeeRuleKey, "security_fee_rule", codec.CollValue[types.SecurityFeeRule](cdc)),
		Usages: collections.NewMap(sb, types.UsagesKey, "usages",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Usage](cdc)),
		SecurityIntervals: collections.NewMap(sb, types.SecurityIntervalsKey, "security_intervals",
			collections.Uint64Key, codec.CollValue[types.SecurityInterval](cdc)),
		CollateralRequirements: collections.NewMap(sb, types.CollateralRequirementsKey, "collateral_requirements",
			sdk.AccAddressKey, codec.CollValue[types.CollateralRequirement](cdc)),
		Defaults:      collections.NewMap(sb, types.DefaultsKey, "defaults", ownerDenom, codec.CollValue[types.DefaultRecord](cdc)),
		Handovers:     collections.NewMap(sb, types.HandoversKey, "handovers", sdk.AccAddressKey, codec.CollValue[types.Handover](cdc)),
		HandoverQueue: collections.NewKeySet(sb, types.HandoverQueueKey, "handover_queue", sdk.AccAddressKey),
		PruneProgress: collections.NewItem(sb, types.PruneProgressKey, "prune_progress", codec.CollValue[types.PruneProgress](cdc)),
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

// Clearing is the address of the clearing settlement account.
func (k Keeper) Clearing() sdk.AccAddress { return k.clearing }

// parseAddress decodes a bech32 account address, naming the field on failure.
func (k Keeper) parseAddress(field, addr string) (sdk.AccAddress, error) {
	return moduleutil.ParseAddress(k.addressCodec, types.ErrInvalidAddress, field, addr)
}

// total reads a per-denom total; zero when none was booked.
func total(ctx context.Context, m collections.Map[string, math.Int], denom string) (math.Int, error) {
	v, err := m.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// addTotal adds delta (any sign) to a per-denom total, removing it when it reaches zero.
func addTotal(ctx context.Context, m collections.Map[string, math.Int], denom string, delta math.Int) error {
	v, err := total(ctx, m, denom)
	if err != nil {
		return err
	}
	v = v.Add(delta)
	if v.IsNegative() {
		return fmt.Errorf("settlement total of %s would go negative (%s)", denom, v)
	}
	if v.IsZero() {
		return m.Remove(ctx, denom)
	}
	return m.Set(ctx, denom, v)
}
