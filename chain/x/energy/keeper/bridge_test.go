package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/keeper"
	"github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
)

const (
	upMeter   = "interface:channel-0" // the link towards the token's chain
	downMeter = "interface:channel-1" // the link towards the buyer's chain
	farChain  = "regional-west"       // where the bought token lives
	askPrice  = 80_000_000            // the consumer side's ask per MWh, in chf
)

// bridgeRef is the reference of a purchase started on origin.
func bridgeRef(origin string) types.BridgeRef {
	return types.BridgeRef{PurchaseId: "local-valley/7", OriginChainId: origin, TokenChainId: farChain, TokenId: 42}
}

// offeredConsumerSide issues the standard token (4 periods of 1000 Wh) with its consumer
// side offered at askPrice chf.
func (m *market) offeredConsumerSide(t testing.TB, ctx sdk.Context) uint64 {
	t.Helper()
	id := m.issue(t, ctx, nil)
	m.setAsk(t, ctx, m.producer, id, consumerSide, askPrice, chf)
	return id
}

// interfaceAccount is a purchase's inbound interface account holding fiat in its settlement
// account. x/fiat keeps settlement accounts for admitted accounts only, so the test admits
// it; BuySideForBridge reads nothing of its admission (how an interface account gets its
// settlement account is x/interchain's, ADR 022).
func (m *market) interfaceAccount(t testing.TB, ctx sdk.Context) sdk.AccAddress {
	t.Helper()
	acc := apptest.NewAccount()
	m.c.Admit(ctx, m.operator, acc, apptest.Admission{LegalID: "12X-INTERFACE-1", Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_TRADER},
		TradedCategories: []balancingtypes.EnergyCategory{wind}})
	m.c.Fund(ctx, m.bank, chf, acc, ints(2_000_000), ints(1_000_000))
	return acc
}

// bridgeToken issues a bridge token of the standard token on the buyer's chain: the
// producer side the uplink interface's, the consumer side the consumer's.
func (m *market) bridgeToken(t testing.TB, ctx sdk.Context) (uint64, sdk.AccAddress) {
	t.Helper()
	iface := apptest.NewAccount()
	template := m.token(t, ctx, m.issue(t, ctx, nil))
	id, err := m.c.App.EnergyKeeper.IssueBridgeToken(ctx, template, bridgeRef(ctx.ChainID()), iface.String(), upMeter, m.consumer.String(), consumerLoad)
	require.NoError(t, err)
	return id, iface
}

// TestBuySideForBridgePaysAndMoves: the token's chain side of a cross-grid purchase buys
// the consumer side at the quoted ask for the interface account, at its interface meter,
// through x/fiat with the bank's fee, and records the trade as BuySide does.
func TestBuySideForBridgePaysAndMoves(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.offeredConsumerSide(t, ctx)
	iface := m.interfaceAccount(t, ctx)
	buyerBefore, sellerBefore := m.settlement(ctx, iface, chf), m.settlement(ctx, m.producer, chf)
	before := m.token(t, ctx, id)

	ctx = withEvents(ctx)
	trade, err := m.c.App.EnergyKeeper.BuySideForBridge(ctx, iface, id, consumerSide, chf, askPrice, upMeter)
	require.NoError(t, err)

	paid := ints(320_000) // 80 CHF/MWh × 4 MWh·10⁻³
	require.Equal(t, paid.String(), trade.Paid.String())
	m.requireSame(t, &types.Trade{TokenId: id, Side: consumerSide, Seller: m.producer.String(), Buyer: iface.String(),
		PricePerMwh: askPrice, Denom: chf, Paid: paid, Compensation: ints(0), Height: ctx.BlockHeight()}, &trade)
	require.Equal(t, buyerBefore.Sub(paid).Sub(ints(320)).String(), m.settlement(ctx, iface, chf).String(), "the interface account pays the ask and the bank's fee")
	require.Equal(t, sellerBefore.Add(paid).String(), m.settlement(ctx, m.producer, chf).String())

	after := m.token(t, ctx, id)
	require.Equal(t, types.TokenSide{Owner: iface.String(), MeterId: upMeter}, after.Consumer)
	require.Nil(t, after.Bridge, "on its own chain the bought token stays an ordinary token")
	require.Equal(t, before.FaceValuePerMwh, after.FaceValuePerMwh)
	m.requireSame(t, &trade, &m.tradesOf(t, ctx, id)[0])

	offers, err := m.q.Offers(ctx, &types.QueryOffersRequest{Side: consumerSide, Category: solar, Denom: chf})
	require.NoError(t, err)
	require.Empty(t, offers.Tokens, "the side is no longer offered")
	has, err := m.c.App.EnergyKeeper.TokensByOwner.Has(ctx, collections.Join3(iface, int32(consumerSide), id))
	require.NoError(t, err)
	require.True(t, has, "the interface account's side is indexed")
	m.requirePosition(t, ctx, m.producer, m.now+4, 1000, 0)
	m.requirePosition(t, ctx, iface, m.now+4, 0, 1000)

	traded := 0
	for _, e := range ctx.EventManager().Events() {
		if e.Type == "gridledger.energy.v1.EventSideTraded" || strings.HasSuffix(e.Type, "side_traded") {
			traded++
		}
	}
	require.Equal(t, 1, traded, "the trade is announced: %v", ctx.EventManager().Events())
}

// TestBuySideForBridgeRefusals: every refusal is a registered error and changes nothing.
func TestBuySideForBridgeRefusals(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	id := m.offeredConsumerSide(t, setup)
	producerOffered := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, producerOffered, producerSide, askPrice, chf)
	notOffered := m.issue(t, setup, nil)
	eurOffered := m.issue(t, setup, nil)
	m.setAsk(t, setup, m.producer, eurOffered, consumerSide, askPrice, eur)
	bridge, _ := m.bridgeToken(t, setup)
	iface := m.interfaceAccount(t, setup)
	poor := apptest.NewAccount() // no settlement account at all
	for _, tc := range []struct {
		name  string
		buyer sdk.AccAddress
		id    uint64
		side  types.Side
		denom string
		price int64
		meter string
		want  error
	}{
		{"no buyer", nil, id, consumerSide, chf, askPrice, upMeter, types.ErrInvalidAddress},
		{"the producer side", iface, producerOffered, producerSide, chf, askPrice, upMeter, types.ErrInvalidSide},
		{"a physical meter", iface, id, consumerSide, chf, askPrice, consumerLoad, types.ErrInvalidMeter},
		{"a virtual meter", iface, id, consumerSide, chf, askPrice, m.virtual(iface, solar), types.ErrInvalidMeter},
		{"an unknown token", iface, 999, consumerSide, chf, askPrice, upMeter, types.ErrUnknownToken},
		{"a bridge token", iface, bridge, consumerSide, chf, 0, upMeter, types.ErrBridgeToken},
		{"the side is not offered (sold meanwhile)", iface, notOffered, consumerSide, chf, askPrice, upMeter, types.ErrNotForSale},
		{"the ask fell below the quote", iface, id, consumerSide, chf, askPrice + 1, upMeter, types.ErrAskChanged},
		{"the ask rose above the quote", iface, id, consumerSide, chf, askPrice - 1, upMeter, types.ErrAskChanged},
		{"another denom", iface, eurOffered, consumerSide, chf, askPrice, upMeter, types.ErrInvalidAsk},
		{"the interface account cannot pay", poor, id, consumerSide, chf, askPrice, upMeter, fiattypes.ErrInsufficientFunds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.c.App.EnergyKeeper.BuySideForBridge(ctx, tc.buyer, tc.id, tc.side, tc.denom, tc.price, tc.meter)
				return err
			})
		})
	}
	// Past the gate the purchase comes too late: the token is frozen.
	frozen := setup.WithBlockTime(setup.BlockTime().Add(3 * time.Duration(types.DefaultPeriodSeconds) * time.Second))
	m.refused(t, frozen, types.ErrTokenFrozen, func(ctx sdk.Context) error {
		_, err := m.c.App.EnergyKeeper.BuySideForBridge(ctx, iface, id, consumerSide, chf, askPrice, upMeter)
		return err
	})
}

// TestIssueBridgeTokenOnTheBuyersChain: the buyer's bridge token copies the bought token
// but its face value, is the buyer's at its consumption meter, and counts in its position.
func TestIssueBridgeTokenOnTheBuyersChain(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	template := m.token(t, ctx, m.issue(t, ctx, nil))
	iface := apptest.NewAccount()
	k := m.c.App.EnergyKeeper

	// The consumer's limit is 5000 Wh: 4500 more fit before the bridge token, not after.
	bigger := template
	bigger.WhPerPeriod = 4500
	require.NoError(t, k.CheckBridgeConsumer(ctx, bigger, m.consumer.String(), consumerLoad))

	ctx = withEvents(ctx)
	ref := bridgeRef(ctx.ChainID())
	id, err := k.IssueBridgeToken(ctx, template, ref, iface.String(), upMeter, m.consumer.String(), consumerLoad)
	require.NoError(t, err)
	got := m.token(t, ctx, id)

	want := template
	want.Id, want.Issuer, want.IssuedHeight = id, iface.String(), ctx.BlockHeight()
	want.FaceValuePerMwh = types.Money{Amount: ints(0), Denom: chf}
	want.Producer = types.TokenSide{Owner: iface.String(), MeterId: upMeter}
	want.Consumer = types.TokenSide{Owner: m.consumer.String(), MeterId: consumerLoad}
	want.Bridge = &ref
	m.requireSame(t, &want, &got)
	require.Len(t, eventsOf[*types.EventTokenIssued](t, ctx), 1)
	require.Empty(t, m.tradesOf(t, ctx, id))

	m.requirePosition(t, ctx, m.consumer, m.now+4, 0, 1000)
	m.requirePosition(t, ctx, iface, m.now+4, 1000, 0)
	open, err := k.OpenFaceValue(ctx, m.consumer, chf)
	require.NoError(t, err)
	require.True(t, open.IsZero(), "face value zero: nothing open to collateralise")
	err = k.CheckBridgeConsumer(ctx, bigger, m.consumer.String(), consumerLoad)
	require.ErrorIs(t, err, types.ErrPositionLimit, "the bridge token's consumer side counts in the buyer's position")
}

// TestIssueBridgeTokenBetween: on a chain between, both sides are interface accounts'.
func TestIssueBridgeTokenBetween(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	template := m.token(t, ctx, m.issue(t, ctx, nil))
	up, down := apptest.NewAccount(), apptest.NewAccount()
	ref := bridgeRef("local-valley")
	id, err := m.c.App.EnergyKeeper.IssueBridgeToken(ctx, template, ref, up.String(), upMeter, down.String(), downMeter)
	require.NoError(t, err)
	got := m.token(t, ctx, id)
	require.Equal(t, types.TokenSide{Owner: down.String(), MeterId: downMeter}, got.Consumer)
	require.Equal(t, types.TokenSide{Owner: up.String(), MeterId: upMeter}, got.Producer)
	require.Equal(t, &ref, got.Bridge)
	require.True(t, got.FaceValuePerMwh.Amount.IsZero())
}

// TestIssueBridgeTokenRefusals: malformed references, templates and sides are refused with
// registered errors, and change nothing.
func TestIssueBridgeTokenRefusals(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	template := m.token(t, setup, m.issue(t, setup, nil))
	iface, down := apptest.NewAccount().String(), apptest.NewAccount().String()
	here := setup.ChainID()
	edit := func(f func(*types.Token)) types.Token {
		t := template
		f(&t)
		return t
	}
	withRef := func(f func(*types.BridgeRef)) types.BridgeRef {
		r := bridgeRef(here)
		f(&r)
		return r
	}
	for _, tc := range []struct {
		name             string
		template         types.Token
		ref              types.BridgeRef
		producer, pMeter string
		consumer, cMeter string
		want             error
	}{
		{"no purchase id", template, withRef(func(r *types.BridgeRef) { r.PurchaseId = "" }), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidBridge},
		{"the token lives here", template, withRef(func(r *types.BridgeRef) { r.TokenChainId = here }), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidBridge},
		{"no energy", edit(func(t *types.Token) { t.WhPerPeriod = 0 }), bridgeRef(here), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidVolume},
		{"no denom", edit(func(t *types.Token) { t.FaceValuePerMwh.Denom = "" }), bridgeRef(here), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidBridge},
		{"terms unset", edit(func(t *types.Token) { t.Terms.CancellationFee = ints(0).Sub(ints(1)) }), bridgeRef(here), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidTerms},
		{"producer at a physical meter", template, bridgeRef(here), m.producer.String(), solarMeter, m.consumer.String(), consumerLoad, types.ErrInvalidMeter},
		{"no producer owner", template, bridgeRef(here), "", upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidAddress},
		{"the buyer's side at an interface", template, bridgeRef(here), iface, upMeter, down, downMeter, types.ErrInvalidBridge},
		{"a stranger buys", template, bridgeRef(here), iface, upMeter, m.stranger.String(), consumerLoad, types.ErrNotAdmitted},
		{"a suspended consumer", template, bridgeRef(here), iface, upMeter, m.suspended.String(), suspendedLoad, types.ErrNotAdmitted},
		{"a trader has no consuming role", template, bridgeRef(here), iface, upMeter, m.trader.String(), m.virtual(m.trader, solar), types.ErrInvalidRole},
		{"a pure producer has no consuming role", template, bridgeRef(here), iface, upMeter, m.pureProducer.String(), pureSolar, types.ErrInvalidRole},
		{"someone else's meter", template, bridgeRef(here), iface, upMeter, m.consumer.String(), producerLoad, types.ErrInvalidMeter},
		{"no meter", template, bridgeRef(here), iface, upMeter, m.consumer.String(), "", types.ErrInvalidMeter},
		{"a production meter", template, bridgeRef(here), iface, upMeter, m.producer.String(), solarMeter, types.ErrInvalidMeter},
		{"a physical meter between", template, bridgeRef("local-valley"), iface, upMeter, m.consumer.String(), consumerLoad, types.ErrInvalidMeter},
		{"one interface for both sides", template, bridgeRef("local-valley"), iface, upMeter, down, upMeter, types.ErrInvalidMeter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.c.App.EnergyKeeper.IssueBridgeToken(ctx, tc.template, tc.ref, tc.producer, tc.pMeter, tc.consumer, tc.cMeter)
				return err
			})
		})
	}
}

// TestBridgeTokensChangeOnlyWithThePurchase: every message that changes a token refuses a
// bridge token with one registered error, the operator's included.
func TestBridgeTokensChangeOnlyWithThePurchase(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	id, iface := m.bridgeToken(t, setup)
	other := m.issue(t, setup, func(msg *types.MsgIssueToken) { msg.ConsumerMeterId = producerLoad })
	consumer, op := m.consumer.String(), m.operator.String()
	for _, tc := range []struct {
		name string
		run  func(ctx sdk.Context) error
	}{
		{"offer it", func(ctx sdk.Context) error {
			_, err := m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: consumer, TokenId: id, Side: consumerSide, Ask: types.Ask{ForSale: true, PricePerMwh: 1, Denom: chf}})
			return err
		}},
		{"buy it", func(ctx sdk.Context) error {
			_, err := m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: m.trader.String(), TokenId: id, Side: consumerSide, MaxPricePerMwh: 1, Denom: chf})
			return err
		}},
		{"hand it over", func(ctx sdk.Context) error {
			_, err := m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: consumer, To: m.producer.String(), TokenId: id, Side: consumerSide, MeterId: producerLoad})
			return err
		}},
		{"cancel it", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: consumer, TokenId: id})
			return err
		}},
		{"cancel it jointly", func(ctx sdk.Context) error {
			_, err := m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: iface.String(), ConsumerOwner: consumer, TokenId: id})
			return err
		}},
		{"split it", func(ctx sdk.Context) error {
			_, err := m.msgs.SplitToken(ctx, &types.MsgSplitToken{ProducerOwner: iface.String(), ConsumerOwner: consumer, TokenId: id, WhParts: []uint64{500, 500}})
			return err
		}},
		{"merge it", func(ctx sdk.Context) error {
			_, err := m.msgs.MergeTokens(ctx, &types.MsgMergeTokens{ProducerOwner: iface.String(), ConsumerOwner: consumer, TokenIds: []uint64{id, other}})
			return err
		}},
		{"split its CO2", func(ctx sdk.Context) error {
			_, err := m.msgs.SplitCo2(ctx, &types.MsgSplitCo2{Owner: consumer, TokenId: id, Grams: 1})
			return err
		}},
		{"aggregate it", func(ctx sdk.Context) error {
			_, err := m.msgs.AggregateSides(ctx, &types.MsgAggregateSides{Owner: consumer, Side: consumerSide, SourceTokenIds: []uint64{id, other}})
			return err
		}},
		{"disaggregate it", func(ctx sdk.Context) error {
			_, err := m.msgs.DisaggregateSide(ctx, &types.MsgDisaggregateSide{Owner: consumer, Side: consumerSide, SourceTokenId: id, WhParts: []uint64{500, 500}})
			return err
		}},
		{"procure it", func(ctx sdk.Context) error {
			_, err := m.msgs.Procure(ctx, &types.MsgProcure{Operator: op, TokenId: id, Side: consumerSide, Kind: types.TradeKind_TRADE_KIND_GRID_LOSSES, MaxPricePerMwh: 1, Denom: chf})
			return err
		}},
		{"redispatch it", func(ctx sdk.Context) error {
			_, err := m.msgs.Redispatch(ctx, &types.MsgRedispatch{Operator: op, TokenId: id, Side: consumerSide, To: m.producer.String(), MeterId: producerLoad})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			m.refused(t, ctx, types.ErrBridgeToken, tc.run)
			err := tc.run(ctx)
			require.ErrorContains(t, err, "is a bridge token of cross-grid purchase local-valley/7; it changes only with the purchase")
		})
	}
}

// TestRemoveBridgeToken: a bridge token is removed with every index entry before its
// delivery, and only then; other tokens never.
func TestRemoveBridgeToken(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	k := m.c.App.EnergyKeeper
	seq := func(raw map[string]string) map[string]string { // the token sequence moves on
		out := map[string]string{}
		for key, v := range raw {
			if key != "energy/02" {
				out[key] = v
			}
		}
		return out
	}

	// Exactly as before the bridge token: compare with a branch that never issued it.
	plain, _ := setup.CacheContext()
	template := m.token(t, plain, m.issue(t, plain, nil))
	want := seq(m.c.StoreDump(t, plain, "energy"))
	ref := bridgeRef(plain.ChainID())
	bid, err := k.IssueBridgeToken(plain, template, ref, apptest.NewAccount().String(), upMeter, m.consumer.String(), consumerLoad)
	require.NoError(t, err)
	require.NotEqual(t, want, seq(m.c.StoreDump(t, plain, "energy")))
	require.NoError(t, k.RemoveBridgeToken(plain, bid))
	require.Equal(t, want, seq(m.c.StoreDump(t, plain, "energy")), "every index entry of the bridge token is gone")

	// Refusals change nothing.
	refusing, _ := setup.CacheContext()
	bridge, _ := m.bridgeToken(t, refusing)
	ordinary := m.issue(t, refusing, nil)
	m.refused(t, refusing, types.ErrNotBridgeToken, func(ctx sdk.Context) error { return k.RemoveBridgeToken(ctx, ordinary) })
	m.refused(t, refusing, types.ErrUnknownToken, func(ctx sdk.Context) error { return k.RemoveBridgeToken(ctx, 999) })

	// Once reconciliation has reached its first period, it stays and is delivered.
	first := m.token(t, refusing, bridge).FirstPeriod
	var seen []keeper.ScheduledSide
	_, _, done, err := k.ScheduleStep(refusing, first, keeper.ScheduleCursor{}, 100, func(s keeper.ScheduledSide) error {
		seen = append(seen, s)
		return nil
	})
	require.NoError(t, err)
	require.True(t, done)
	bridged := 0
	for _, s := range seen {
		if s.TokenID == bridge {
			require.True(t, s.Bridge, "the schedule says the side is a bridge token's")
			bridged++
		} else {
			require.False(t, s.Bridge)
		}
	}
	require.Equal(t, 2, bridged)
	m.refused(t, refusing, types.ErrBridgeDelivered, func(ctx sdk.Context) error { return k.RemoveBridgeToken(ctx, bridge) })
}

// TestBridgeTokenInvariants: an offered side or a face value on a bridge token is caught.
func TestBridgeTokenInvariants(t *testing.T) {
	m := newMarket(t)
	setup := m.branch(t)
	id, _ := m.bridgeToken(t, setup)
	k := m.c.App.EnergyKeeper
	for name, edit := range map[string]func(*types.Token){
		"offered":    func(t *types.Token) { t.Consumer.Ask = types.Ask{ForSale: true, Denom: chf} },
		"face value": func(t *types.Token) { t.FaceValuePerMwh.Amount = ints(1) },
		"split":      func(t *types.Token) { t.Children = []uint64{id + 1} },
	} {
		t.Run(name, func(t *testing.T) {
			ctx, _ := setup.CacheContext()
			tok, err := k.GetToken(ctx, id)
			require.NoError(t, err)
			edit(&tok)
			require.NoError(t, k.Tokens.Set(ctx, id, tok)) // behind the indexes' back, on purpose
			require.ErrorContains(t, k.CheckInvariants(ctx), "bridge token")
		})
	}
}
