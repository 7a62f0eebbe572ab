package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// PublishReferencePrice records the price imbalances of a category are priced at, from a
// period on, when the period's market traded less than min_market_wh (seed §3.5.1). Only
// the grid operator publishes, and only for periods whose gate is still open: the operator
// is the counterparty of every imbalance, so it may not set the price once participants can
// no longer trade their way out of one.
func (m msgServer) PublishReferencePrice(ctx context.Context, msg *types.MsgPublishReferencePrice) (*types.MsgPublishReferencePriceResponse, error) {
	op, err := m.registry.GridOperator(ctx)
	if err != nil {
		return nil, err
	}
	if op == "" || msg.Operator != op {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the grid operator: only the grid operator publishes reference prices", msg.Operator)
	}
	if _, known := balancingtypes.EnergyCategory_name[int32(msg.Category)]; !known {
		return nil, errorsmod.Wrapf(types.ErrInvalidReferencePrice, "category %d is not an energy category", msg.Category)
	}
	open, err := m.energy.GateOpen(ctx, msg.FromPeriod)
	if err != nil {
		return nil, err
	}
	if !open {
		current, err := m.energy.CurrentPeriod(ctx)
		if err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrInvalidReferencePrice, "from_period %d is past its gate closure (the current period is %d): publish for a period that still trades", msg.FromPeriod, current)
	}
	if err := m.energy.CheckPricePerMwh(ctx, "denom", msg.Denom, "price_per_mwh", msg.PricePerMwh); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidReferencePrice, err.Error())
	}
	price := types.ReferencePrice{
		Category: msg.Category, FromPeriod: msg.FromPeriod, PricePerMwh: msg.PricePerMwh, Denom: msg.Denom,
		Height: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := m.ReferencePrices.Set(ctx, collections.Join(int32(msg.Category), msg.FromPeriod), price); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventReferencePricePublished{Price: price}); err != nil {
		return nil, err
	}
	return &types.MsgPublishReferencePriceResponse{}, nil
}
