package keeper

import (
	"context"
	"math/bits"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// DivideCo2Token replaces a CO2 token by parts whose grams add up to its own, exactly,
// so a holder can sell or merge part of its CO2 (ADR 014, dividing). The signer must be
// an active participant holding the token, and the token must not be offered: a buyer
// who saw the whole token at a price must not find a part of it, or nothing, instead.
// Each part keeps what settlement and traceability read (due period, denom, category,
// origin, split_from) and names the divided token in divided_from; the divided token is
// retired and names its parts in divided_into.
func (m msgServer) DivideCo2Token(ctx context.Context, msg *types.MsgDivideCo2Token) (*types.MsgDivideCo2TokenResponse, error) {
	if _, _, err := m.activeParticipant(ctx, "owner", msg.Owner); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if len(msg.GramsParts) < 2 {
		return nil, errorsmod.Wrapf(types.ErrInvalidCo2Amount, "grams_parts lists %d part(s): a division needs at least two", len(msg.GramsParts))
	}
	// Checked before the token is read, so an oversized division costs one params read.
	if uint64(len(msg.GramsParts)) > params.MaxSplitParts {
		return nil, errorsmod.Wrapf(types.ErrTooManyParts, "grams_parts has %d parts, more than max_split_parts %d: divide in several transactions, dividing a part again",
			len(msg.GramsParts), params.MaxSplitParts)
	}
	c, err := m.GetCo2Token(ctx, msg.Co2TokenId)
	if err != nil {
		return nil, err
	}
	if err := co2Live(c); err != nil {
		return nil, err
	}
	if c.Owner != msg.Owner {
		return nil, errorsmod.Wrapf(types.ErrNotCo2Holder, "%s does not hold CO2 token %d", msg.Owner, c.Id)
	}
	if c.Ask.ForSale {
		return nil, errorsmod.Wrapf(types.ErrCo2TokenOffered, "CO2 token %d is offered at %d %s per tonne: void its ask before dividing it",
			c.Id, c.Ask.PricePerTonne, c.Ask.Denom)
	}
	var sum uint64
	for i, g := range msg.GramsParts {
		if g == 0 {
			return nil, errorsmod.Wrapf(types.ErrInvalidCo2Amount, "grams_parts[%d] is zero: every part carries at least 1 g", i)
		}
		var carry uint64
		if sum, carry = bits.Add64(sum, g, 0); carry != 0 {
			return nil, errorsmod.Wrap(types.ErrInvalidCo2Amount, "grams_parts add up past 2^64 g")
		}
	}
	if sum != c.Grams {
		return nil, errorsmod.Wrapf(types.ErrInvalidCo2Amount, "grams_parts add up to %d g, CO2 token %d carries %d g: the parts must add up to it exactly",
			sum, c.Id, c.Grams)
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	ids := make([]uint64, len(msg.GramsParts))
	for i, g := range msg.GramsParts {
		if ids[i], err = m.Co2TokenSeq.Next(ctx); err != nil {
			return nil, err
		}
		part := c
		part.Id, part.Grams, part.DividedFrom, part.DividedInto, part.CreatedHeight = ids[i], g, c.Id, nil, height
		if err := m.setCo2Token(ctx, nil, part); err != nil {
			return nil, err
		}
	}
	old := c
	c.Status, c.DividedInto = types.TokenStatus_TOKEN_STATUS_RETIRED, ids
	if err := m.setCo2Token(ctx, &old, c); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCo2TokenDivided{
		Co2TokenId: c.Id, Parts: ids, GramsParts: msg.GramsParts,
	}); err != nil {
		return nil, err
	}
	return &types.MsgDivideCo2TokenResponse{Co2TokenIds: ids}, nil
}
