package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Every price per MWh the market stores or matches lies in its denom's price band: the
// volume-weighted average price prices every imbalance (seed §3.5.1), so one tiny trade
// at an absurd price must not be able to move it. The grid operator sets a band per
// denom (MsgSetPriceBand); without one the default band applies, the harmonised
// European intraday bounds in the denom's display unit (types.DefaultPriceBand).

// bandOf is the band in force for denom, with the denom's decimals and display unit for
// error messages. A denom that is not an approved bank's fiat has no band: ErrUnknownCurrency.
func (k Keeper) bandOf(ctx context.Context, field, denom string) (band types.PriceBand, exponent uint32, display string, isDefault bool, err error) {
	if denom == "" {
		return band, 0, "", false, errorsmod.Wrapf(types.ErrUnknownCurrency, "%s has no denom", field)
	}
	bank, err := k.fiat.GetBank(ctx, denom)
	if err != nil {
		return band, 0, "", false, errorsmod.Wrapf(types.ErrUnknownCurrency, "%s %s is not the fiat of an approved bank", field, denom)
	}
	display = bank.Currency
	band, err = k.PriceBands.Get(ctx, denom)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return types.DefaultPriceBand(denom, bank.Exponent), bank.Exponent, display, true, nil
	case err != nil:
		return band, 0, "", false, err
	}
	return band, bank.Exponent, display, false, nil
}

// checkPrices refuses any of prices (named by fields) outside denom's band. The denom
// must be an approved bank's fiat, so this check also stands for requireFiat.
func (k Keeper) checkPrices(ctx context.Context, denomField, denom string, fields []string, prices []int64) error {
	band, exponent, display, _, err := k.bandOf(ctx, denomField, denom)
	if err != nil {
		return err
	}
	for i, p := range prices {
		if err := band.Check(fields[i], p, exponent, display); err != nil {
			return err
		}
	}
	return nil
}

// requireOperator refuses any signer but the grid operator, before anything else is read.
func (k Keeper) requireOperator(ctx context.Context, signer, what string) error {
	op, err := k.registry.GridOperator(ctx)
	if err != nil {
		return err
	}
	if op == "" || signer != op {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the grid operator: only the grid operator may %s", signer, what)
	}
	return nil
}

// SetPriceBand sets the band of an approved bank's denom. Asks already outside the new
// band stay stored, but BuySide refuses them until their owners re-price.
func (m msgServer) SetPriceBand(ctx context.Context, msg *types.MsgSetPriceBand) (*types.MsgSetPriceBandResponse, error) {
	if err := m.requireOperator(ctx, msg.Operator, "set price bands"); err != nil {
		return nil, err
	}
	band := types.PriceBand{Denom: msg.Denom, MinPerMwh: msg.MinPerMwh, MaxPerMwh: msg.MaxPerMwh}
	if err := band.Validate(); err != nil {
		return nil, err
	}
	if err := m.requireFiat(ctx, "denom", msg.Denom); err != nil {
		return nil, err
	}
	if err := m.PriceBands.Set(ctx, msg.Denom, band); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPriceBandSet{Operator: msg.Operator, Band: &band}); err != nil {
		return nil, err
	}
	return &types.MsgSetPriceBandResponse{}, nil
}

// PriceBand returns the band in force for a denom.
func (q queryServer) PriceBand(ctx context.Context, req *types.QueryPriceBandRequest) (*types.QueryPriceBandResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	band, _, _, isDefault, err := q.k.bandOf(ctx, "denom", req.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryPriceBandResponse{Band: band, IsDefault: isDefault}, nil
}
