package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// maxFeePerMwh bounds a link fee rate (10^24 base units per MWh).
var maxFeePerMwh = math.NewIntWithDecimal(1, 24)

// SetLinkFee records (or with zero removes) a child link's fee estimate in one currency.
func (k Keeper) SetLinkFee(ctx context.Context, msg *types.MsgSetLinkFee) error {
	if _, err := k.Children.Get(ctx, msg.ChannelId); errors.Is(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrUnknownChannel, "%s is not the energy channel of a child link: the parent's operator sets the fee of a link", msg.ChannelId)
	} else if err != nil {
		return err
	}
	if err := transfertypes.NewDenom(msg.BaseDenom).Validate(); err != nil || msg.BaseDenom == "" {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "base_denom %q is not a denom", msg.BaseDenom)
	}
	if msg.FeePerMwh.IsNil() || msg.FeePerMwh.IsNegative() || msg.FeePerMwh.GT(maxFeePerMwh) {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "fee_per_mwh must be 0 to 10^24, not %s", msg.FeePerMwh)
	}
	key := collections.Join(msg.ChannelId, msg.BaseDenom)
	if msg.FeePerMwh.IsZero() {
		return k.LinkFeeRates.Remove(ctx, key)
	}
	return k.LinkFeeRates.Set(ctx, key, msg.FeePerMwh)
}

// chargeLinkFee checks that this chain's current estimate for crossing link l with p's energy
// is at most what the buyer was quoted, and returns the quoted amount: a purchase is charged
// its quote (seed §4.4).
func (k Keeper) chargeLinkFee(ctx context.Context, l types.Link, p types.PurchasePacket, linkIndex int) (math.Int, error) {
	base, err := k.baseDenom(ctx, p.ValueDenom)
	if err != nil {
		return math.Int{}, err
	}
	rate, err := k.LinkFeeRates.Get(ctx, collections.Join(l.EnergyChannelId, base))
	if errors.Is(err, collections.ErrNotFound) {
		return math.Int{}, errorsmod.Wrapf(types.ErrNoLinkFee, "%s sets no fee for %s on the link to %s",
			sdk.UnwrapSDKContext(ctx).ChainID(), base, l.CounterpartyChainId)
	} else if err != nil {
		return math.Int{}, err
	}
	due := types.LinkFeeFor(rate, p.TotalWh())
	quoted := p.LinkFees[linkIndex]
	if due.GT(quoted) {
		return math.Int{}, errorsmod.Wrapf(types.ErrQuoteMismatch, "the fee for the link to %s is %s%s now, quoted %s",
			l.CounterpartyChainId, due, base, quoted)
	}
	return quoted, nil
}

// heldFees adds up the fees this chain charges at route index i: one per adjacent link it
// is the parent of. in is the link the purchase arrived by (nil on the origin), out the one
// it leaves by (nil on the token's chain).
func (k Keeper) heldFees(ctx context.Context, p types.PurchasePacket, i int, in, out *types.Link) (math.Int, error) {
	held := math.ZeroInt()
	if in != nil && isParentOf(*in) {
		f, err := k.chargeLinkFee(ctx, *in, p, i-1)
		if err != nil {
			return held, err
		}
		held = held.Add(f)
	}
	if out != nil && isParentOf(*out) {
		f, err := k.chargeLinkFee(ctx, *out, p, i)
		if err != nil {
			return held, err
		}
		held = held.Add(f)
	}
	return held, nil
}
