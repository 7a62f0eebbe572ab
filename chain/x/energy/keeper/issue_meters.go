package keeper

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// issueMeters resolves the category and the two meters of a new token. Seed §3.1: "market
// players will enter their own address both as the generation and consumption location",
// so any player may issue: a pure producer holds the consumer side at its production
// meter until it sells that side, a pure consumer holds the producer side at its
// consumption meter until a producer buys it (its bid), a trader or retailer uses its
// virtual meters. The issuer owns both sides, so its net position is zero whatever the
// meters; a buyer later names a meter of its own that fits the side (resolveMeter).
//
// The category is what the producer meter produces (a production or virtual meter) and
// must be stated otherwise; a stated category must agree with the meter, so a token never
// claims energy its meter does not make.
func (m msgServer) issueMeters(ctx context.Context, issuer string, msg *types.MsgIssueToken) (balancingtypes.EnergyCategory, balancingtypes.Meter, balancingtypes.Meter, error) {
	var none balancingtypes.Meter
	category := msg.Category
	if msg.ProducerMeterId != "" {
		meter, err := m.ownMeter(ctx, issuer, "producer_meter_id", msg.ProducerMeterId)
		if err != nil {
			return 0, none, none, err
		}
		if meter.Kind != balancingtypes.MeterKind_METER_KIND_CONSUMPTION { // production and virtual meters have a category
			if category != balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED && category != meter.Category {
				return 0, none, none, errorsmod.Wrapf(types.ErrInvalidMeter, "category %s differs from producer meter %s's %s: leave category unset or name a meter of that category",
					category, meter.Id, meter.Category)
			}
			category = meter.Category
		}
	}
	if category == balancingtypes.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		return 0, none, none, errorsmod.Wrap(types.ErrInvalidCategory,
			"set category: only a production or virtual producer meter implies it, and this token names neither")
	}
	producer, err := m.resolveIssueMeter(ctx, issuer, types.Side_SIDE_PRODUCER, category, msg.ProducerMeterId)
	if err != nil {
		return 0, none, none, err
	}
	consumer, err := m.resolveIssueMeter(ctx, issuer, types.Side_SIDE_CONSUMER, category, msg.ConsumerMeterId)
	if err != nil {
		return 0, none, none, err
	}
	for _, a := range []struct {
		side types.Side
		ask  types.Ask
		kept balancingtypes.Meter
	}{{types.Side_SIDE_PRODUCER, msg.ProducerAsk, consumer}, {types.Side_SIDE_CONSUMER, msg.ConsumerAsk, producer}} {
		if a.ask.ForSale && offKind(otherSide(a.side), a.kept) {
			return 0, none, none, errorsmod.Wrapf(types.ErrInvalidMeter,
				"the %s side is offered but the %s side sits at %s meter %s, where it cannot be delivered: a bid offers its producer side, an offer its consumer side",
				a.side, otherSide(a.side), a.kept.Kind, a.kept.Id)
		}
	}
	return category, producer, consumer, nil
}

// resolveIssueMeter is resolveMeter for the issuer of a new token, which may also hold a
// side at its own meter of the other kind: a consumption meter for the producer side, a
// production meter (of the token's category) for the consumer side.
func (m msgServer) resolveIssueMeter(ctx context.Context, issuer string, side types.Side, category balancingtypes.EnergyCategory, meterID string) (balancingtypes.Meter, error) {
	if meterID != "" {
		field := "producer_meter_id"
		if side == types.Side_SIDE_CONSUMER {
			field = "consumer_meter_id"
		}
		meter, err := m.ownMeter(ctx, issuer, field, meterID)
		if err != nil {
			return meter, err
		}
		switch {
		case side == types.Side_SIDE_PRODUCER && meter.Kind == balancingtypes.MeterKind_METER_KIND_CONSUMPTION:
			return meter, nil
		case side == types.Side_SIDE_CONSUMER && meter.Kind == balancingtypes.MeterKind_METER_KIND_PRODUCTION:
			if meter.Category != category {
				return meter, errorsmod.Wrapf(types.ErrInvalidMeter, "production meter %s produces %s, the token is %s", meterID, meter.Category, category)
			}
			return meter, nil
		}
	}
	return m.resolveMeter(ctx, issuer, side, category, meterID)
}

// ownMeter loads a registered meter of owner's, naming the field on failure.
func (m msgServer) ownMeter(ctx context.Context, owner, field, id string) (balancingtypes.Meter, error) {
	meter, ok, err := m.registry.GetMeter(ctx, id)
	if err != nil {
		return meter, err
	}
	if !ok {
		return meter, errorsmod.Wrapf(types.ErrInvalidMeter, "%s %q is not registered: name one of your meters", field, id)
	}
	if meter.Owner != owner {
		return meter, errorsmod.Wrapf(types.ErrInvalidMeter, "%s %s belongs to %s, not %s", field, id, meter.Owner, owner)
	}
	if meter.Status == balancingtypes.MeterStatus_METER_STATUS_RETIRED {
		return meter, errorsmod.Wrapf(types.ErrInvalidMeter, "%s %s is retired: it carries no new sides; name an active meter", field, id)
	}
	return meter, nil
}

// checkIssueAsks validates the asks a new token is issued with, as SetAsk does.
func (m msgServer) checkIssueAsks(ctx context.Context, msg *types.MsgIssueToken) error {
	if err := m.checkAsk(ctx, "producer_ask", msg.ProducerAsk); err != nil {
		return err
	}
	return m.checkAsk(ctx, "consumer_ask", msg.ConsumerAsk)
}

// checkAsk validates an ask: a void one (for_sale false) has no price or denom, an
// offered one is priced within its denom's band.
func (m msgServer) checkAsk(ctx context.Context, field string, ask types.Ask) error {
	if !ask.ForSale {
		if ask.PricePerMwh != 0 || ask.Denom != "" {
			return errorsmod.Wrapf(types.ErrInvalidAsk, "%s is void (for_sale false) and takes no price or denom", field)
		}
		return nil
	}
	return m.checkPrices(ctx, field+".denom", ask.Denom, []string{field + ".price_per_mwh"}, []int64{ask.PricePerMwh})
}

// offKind says whether a side held at meter could not be delivered there: a producer
// side at a consumption meter, a consumer side at a production meter. Only an issuer
// holding both sides may hold one so (issueMeters).
func offKind(s types.Side, meter balancingtypes.Meter) bool {
	return (s == types.Side_SIDE_PRODUCER && meter.Kind == balancingtypes.MeterKind_METER_KIND_CONSUMPTION) ||
		(s == types.Side_SIDE_CONSUMER && meter.Kind == balancingtypes.MeterKind_METER_KIND_PRODUCTION)
}

// checkNotStranded refuses to move side s of t away from an owner who also holds the
// other side at a meter of the wrong kind: a pure consumer's bid sells its producer side,
// never its consumer side, which would leave it to deliver at its own connection.
func (k Keeper) checkNotStranded(ctx context.Context, t types.Token, s types.Side) error {
	moving, err := t.SideOf(s)
	if err != nil {
		return err
	}
	kept, _ := t.SideOf(otherSide(s))
	// A virtual meter holds either side, and physical meters may not use its prefix: a
	// trader's or issuer's kept side there costs no registry read (the common sale).
	if kept.Owner != moving.Owner || strings.HasPrefix(kept.MeterId, balancingtypes.VirtualMeterPrefix) {
		return nil
	}
	meter, ok, err := k.registry.GetMeter(ctx, kept.MeterId)
	if err != nil || !ok || !offKind(otherSide(s), meter) {
		return err
	}
	return errorsmod.Wrapf(types.ErrInvalidMeter,
		"moving the %s side of token %d would leave %s its %s side at %s meter %s, where it cannot be delivered: a bid sells its producer side, an offer its consumer side",
		s, t.Id, kept.Owner, otherSide(s), meter.Kind, meter.Id)
}

// checkCO2Fits refuses a producer side moving to a production meter whose audited CO2
// intensity (seed §2.4) gives the token's energy more CO2 than the token states: a bid for
// low-carbon energy is not filled from a plant that emits more.
func checkCO2Fits(t types.Token, s types.Side, meter balancingtypes.Meter) error {
	if s != types.Side_SIDE_PRODUCER || meter.Kind != balancingtypes.MeterKind_METER_KIND_PRODUCTION || meter.Co2GramsPerMwh == 0 {
		return nil
	}
	implied := sdkmath.NewIntFromUint64(t.TotalWh()).MulRaw(int64(meter.Co2GramsPerMwh)).QuoRaw(types.WhPerMWh)
	if implied.LTE(sdkmath.NewIntFromUint64(t.Co2Grams)) {
		return nil
	}
	return errorsmod.Wrapf(types.ErrInvalidCO2, "token %d states %d g CO2; meter %s's audited %d g/MWh gives its energy %s g: deliver it from a meter that emits less",
		t.Id, t.Co2Grams, meter.Id, meter.Co2GramsPerMwh, implied)
}
