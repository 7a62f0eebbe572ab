package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Keeper holds this chain's place in the tree of grids: the parent link, the child links
// (keyed by this chain's end of their energy channel) and, per energy channel, what the
// Hello exchange taught about the chain at the other end.
type Keeper struct {
	balancing BalancingKeeper
	energy    EnergyKeeper
	fiat      FiatKeeper
	bank      BankKeeper
	channels  ChannelKeeper
	ics4      ICS4Wrapper
	transfer  TransferKeeper

	Schema   collections.Schema
	Parent   collections.Item[types.Link]
	Children collections.Map[string, types.Link]
	Peers    collections.Map[string, types.Peer]
	// Purchases holds this chain's record of every cross-grid purchase that passed, by id.
	Purchases collections.Map[string, types.PurchaseHop]
	// OutPackets finds a purchase from the energy packet that took it on (channel, sequence).
	OutPackets collections.Map[collections.Pair[string, uint64], string]
	// PurchaseSeq numbers the purchases this chain originates.
	PurchaseSeq collections.Sequence
	// LinkFees are the grid-fee estimates per child link (energy channel) and base denom.
	LinkFeeRates collections.Map[collections.Pair[string, string], math.Int]
	// Capacities: (child link's energy channel, direction) → Wh per period.
	Capacities collections.Map[collections.Pair[string, int32], uint64]
	// Usage: (child link's energy channel, direction, period) → Wh reserved; no
	// zero entries.
	Usage collections.Map[collections.Triple[string, int32, uint64], uint64]
	// UsageByPeriod indexes Usage by period first, for pruning from the front.
	UsageByPeriod collections.KeySet[collections.Triple[uint64, string, int32]]
	// Params are the retention and true-up parameters (docs/adr/029).
	Params collections.Item[types.Params]
	// PurchasesByEnd indexes Purchases by their last delivery period, for retention.
	PurchasesByEnd collections.KeySet[collections.Pair[uint64, string]]
	// TrueUpDue lists, by last delivery period, the purchases whose link fees this chain
	// charged and has yet to true up.
	TrueUpDue collections.KeySet[collections.Pair[uint64, string]]
	// PrunedPurchases: origin chain-id → the highest origin sequence pruned here.
	PrunedPurchases collections.Map[string, uint64]
	// RefundPackets finds the purchase a fee refund packet this chain sent belongs to.
	RefundPackets collections.Map[collections.Pair[string, uint64], string]
	// PurchasesByBuyer indexes the purchases this chain originated by (buyer, origin
	// sequence), kept in step with Purchases: filed when a purchase starts, dropped when
	// it is pruned.
	PurchasesByBuyer collections.KeySet[collections.Pair[string, uint64]]

	// authority is the x/gov module account: the only signer of MsgUpdateParams.
	authority string
}

// SetTransferKeeper gives the keeper ICS-20's keeper, whose own escrow and voucher rules carry
// a purchase's value on a link's transfer channel (it is built after this keeper).
func (k *Keeper) SetTransferKeeper(transfer TransferKeeper) {
	k.transfer = transfer
}

// NewKeeper builds the keeper. authority is the bech32 address allowed to change the
// parameters (the x/gov module account).
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, authority string, balancing BalancingKeeper,
	energy EnergyKeeper, fiat FiatKeeper, bank BankKeeper, channels ChannelKeeper, ics4 ICS4Wrapper,
) Keeper {
	if _, err := sdk.AccAddressFromBech32(authority); err != nil {
		panic(fmt.Sprintf("interchain: invalid authority address %q: %v", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		authority: authority, balancing: balancing, energy: energy, fiat: fiat, bank: bank, channels: channels, ics4: ics4,
		Parent: collections.NewItem(sb, types.ParentKey, "parent", codec.CollValue[types.Link](cdc)),
		Children: collections.NewMap(sb, types.ChildrenKey, "children",
			collections.StringKey, codec.CollValue[types.Link](cdc)),
		Peers: collections.NewMap(sb, types.PeersKey, "peers",
			collections.StringKey, codec.CollValue[types.Peer](cdc)),
		Purchases: collections.NewMap(sb, types.PurchasesKey, "purchases",
			collections.StringKey, codec.CollValue[types.PurchaseHop](cdc)),
		OutPackets: collections.NewMap(sb, types.OutPacketsKey, "out_packets",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), collections.StringValue),
		PurchaseSeq: collections.NewSequence(sb, types.PurchaseSeqKey, "purchase_seq"),
		LinkFeeRates: collections.NewMap(sb, types.LinkFeesKey, "link_fees",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), sdk.IntValue),
		Capacities: collections.NewMap(sb, types.BridgeCapacitiesKey, "bridge_capacities",
			collections.PairKeyCodec(collections.StringKey, collections.Int32Key), collections.Uint64Value),
		Usage: collections.NewMap(sb, types.BridgeUsageKey, "bridge_usage",
			collections.TripleKeyCodec(collections.StringKey, collections.Int32Key, collections.Uint64Key), collections.Uint64Value),
		UsageByPeriod: collections.NewKeySet(sb, types.BridgeUsageByPeriodKey, "bridge_usage_by_period",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, collections.Int32Key)),
		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		PurchasesByEnd: collections.NewKeySet(sb, types.PurchasesByEndKey, "purchases_by_end",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)),
		TrueUpDue: collections.NewKeySet(sb, types.TrueUpDueKey, "trueup_due",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)),
		PrunedPurchases: collections.NewMap(sb, types.PrunedPurchasesKey, "pruned_purchases",
			collections.StringKey, collections.Uint64Value),
		RefundPackets: collections.NewMap(sb, types.RefundPacketsKey, "refund_packets",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), collections.StringValue),
		PurchasesByBuyer: collections.NewKeySet(sb, types.PurchasesByBuyerKey, "purchases_by_buyer",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
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

// requireOperator refuses any signer but the grid operator; it runs first in every message.
func (k Keeper) requireOperator(ctx context.Context, signer string) error {
	op, err := k.balancing.GridOperator(ctx)
	if err != nil {
		return err
	}
	if op == "" || signer != op {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not act for the grid operator", signer)
	}
	return nil
}

// OwnFacts are what this chain tells a counterparty in a Hello: its period length and the
// denoms of its approved banks.
func (k Keeper) OwnFacts(ctx context.Context) (types.Hello, error) {
	period, err := k.energy.PeriodSeconds(ctx)
	if err != nil {
		return types.Hello{}, err
	}
	denoms, err := k.fiat.SettlementDenoms(ctx)
	if err != nil {
		return types.Hello{}, err
	}
	return types.Hello{PeriodSeconds: period, SettlementDenoms: denoms}, nil
}

// peer returns the channel's peer record, an empty one for a channel never heard of.
func (k Keeper) peer(ctx context.Context, channelID string) (types.Peer, error) {
	p, err := k.Peers.Get(ctx, channelID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Peer{ChannelId: channelID}, nil
	}
	return p, err
}

// updatePeer applies change to the channel's peer record and stores it.
func (k Keeper) updatePeer(ctx context.Context, channelID string, change func(*types.Peer)) error {
	p, err := k.peer(ctx, channelID)
	if err != nil {
		return err
	}
	change(&p)
	return k.Peers.Set(ctx, channelID, p)
}

func emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}
