package types

import (
	"fmt"
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"

	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// maxAmount bounds every amount a purchase carries (10^36 base units): x/fiat's amounts stay
// below 2^128, so sums of a handful of them cannot overflow anywhere on the path.
var maxAmount = math.NewIntWithDecimal(1, 36)

// NewPurchasePacket wraps a purchase as packet data.
func NewPurchasePacket(p PurchasePacket) EnergyPacketData {
	return EnergyPacketData{Packet: &EnergyPacketData_Purchase{Purchase: &p}}
}

// PurchaseID names a purchase in the whole tree: its origin chain and that chain's sequence.
func PurchaseID(originChainID string, seq uint64) string {
	return originChainID + "/" + strconv.FormatUint(seq, 10)
}

// TotalWh is the energy bought.
func (p PurchasePacket) TotalWh() uint64 {
	return (p.LastPeriod - p.FirstPeriod + 1) * p.WhPerPeriod
}

// FaceValue is the token's face value for the energy bought, prepaid with the purchase.
func (p PurchasePacket) FaceValue() math.Int {
	return p.FaceValuePerMwh.Mul(math.NewIntFromUint64(p.TotalWh())).Quo(math.NewInt(energytypes.WhPerMWh))
}

// GoodsValue is what the token's chain spends: the ask and the prepaid face value for the
// energy, and the bank's fees on both (quoted).
func (p PurchasePacket) GoodsValue() math.Int {
	return energytypes.PriceFor(p.PricePerMwh, p.TotalWh()).Add(p.FaceValue()).Add(p.BankFees)
}

// FeeHolder is the interface account holding the fees a pending purchase keeps on this chain:
// the outbound link's on the buyer's chain, the inbound link's elsewhere (where the value lands).
func (h PurchaseHop) FeeHolder() sdk.AccAddress {
	if h.InChannel == "" {
		return InterfaceAccount(h.OutChannel)
	}
	return InterfaceAccount(h.InChannel)
}

// LinkFeeFor is the grid-fee estimate of a rate per MWh for energy wh, rounded up: an
// estimate is conservative (seed §4.4).
func LinkFeeFor(ratePerMwh math.Int, wh uint64) math.Int {
	n := ratePerMwh.Mul(math.NewIntFromUint64(wh))
	q := n.Quo(math.NewInt(energytypes.WhPerMWh))
	if !n.Mod(math.NewInt(energytypes.WhPerMWh)).IsZero() {
		q = q.AddRaw(1)
	}
	return q
}

func checkAmount(field string, a math.Int) error {
	if a.IsNil() || a.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidPacket, "%s is missing or negative", field)
	}
	if a.GT(maxAmount) {
		return errorsmod.Wrapf(ErrInvalidPacket, "%s %s is above 10^36", field, a)
	}
	return nil
}

// Validate checks what a purchase packet says about itself; each chain checks the rest
// against its own state.
func (p PurchasePacket) Validate() error {
	if err := ValidateRoute(p.Route); err != nil {
		return errorsmod.Wrap(ErrInvalidPacket, err.Error())
	}
	if p.Hop == 0 || int(p.Hop) >= len(p.Route) {
		return errorsmod.Wrapf(ErrInvalidPacket, "hop %d is outside the route of %d chains", p.Hop, len(p.Route))
	}
	if id := strings.SplitN(p.PurchaseId, "/", 2); len(id) != 2 || id[0] != p.Route[0] {
		return errorsmod.Wrapf(ErrInvalidPacket, "purchase id %q does not start with the route's first chain", p.PurchaseId)
	}
	if p.TokenId == 0 || p.Side != energytypes.Side_SIDE_CONSUMER {
		return errorsmod.Wrap(ErrInvalidPacket, "a purchase names a token and its consumer side")
	}
	if p.PricePerMwh < 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "a cross-grid purchase pays a positive or zero ask")
	}
	if p.WhPerPeriod == 0 || p.LastPeriod < p.FirstPeriod || p.LastPeriod-p.FirstPeriod >= 100_000 ||
		p.WhPerPeriod > energytypes.MaxWhPerPeriod {
		return errorsmod.Wrap(ErrInvalidPacket, "the purchase's delivery is empty or too long")
	}
	if len(p.LinkFees) != len(p.Route)-1 {
		return errorsmod.Wrapf(ErrInvalidPacket, "%d link fees for %d links", len(p.LinkFees), len(p.Route)-1)
	}
	for i, f := range p.LinkFees {
		if err := checkAmount(fmt.Sprintf("link_fees[%d]", i), f); err != nil {
			return err
		}
	}
	for field, a := range map[string]math.Int{"face_value_per_mwh": p.FaceValuePerMwh, "bank_fees": p.BankFees, "value_amount": p.ValueAmount} {
		if err := checkAmount(field, a); err != nil {
			return err
		}
	}
	if err := transfertypes.ExtractDenomFromPath(p.ValueDenom).Validate(); err != nil || p.AskDenom == "" {
		return errorsmod.Wrapf(ErrInvalidPacket, "value denom %q or ask denom %q is not valid", p.ValueDenom, p.AskDenom)
	}
	if p.Buyer == "" || len(p.Buyer) > 128 || p.TimeoutTimestamp == 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "a purchase names its buyer and its timeout")
	}
	return nil
}

// ValidateRoute checks a full route: 2 to MaxRouteChains chain-ids, none twice.
func ValidateRoute(route []string) error {
	if len(route) < 2 || len(route) > MaxRouteChains {
		return errorsmod.Wrapf(ErrInvalidRoute, "a route lists 2 to %d chains, not %d", MaxRouteChains, len(route))
	}
	seen := make(map[string]bool, len(route))
	for _, c := range route {
		if c == "" || len(c) > 64 {
			return errorsmod.Wrapf(ErrInvalidRoute, "chain-id %q is empty or too long", c)
		}
		if seen[c] {
			return errorsmod.Wrapf(ErrInvalidRoute, "chain %s appears twice: a path goes up, then down", c)
		}
		seen[c] = true
	}
	return nil
}
