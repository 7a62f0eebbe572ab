package keeper_test

import (
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingkeeper "github.com/gridledger/gridledger/chain/x/balancing/keeper"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// The participants and messages of TestPositionLimitsHoldOverRandomSequences: every
// message is otherwise valid (owners sign, meters fit, funds suffice, fees exist), so the
// only reason left to refuse it is a position limit.

// propParty is a participant of the property test and the meters it holds sides at
// ("-": it cannot hold that side; "": its virtual meter).
type propParty struct {
	name                         string
	addr                         sdk.AccAddress
	limit                        uint64
	producerMeter, consumerMeter string
	issues                       bool
}

// propParties gives the fixture's producer and consumer small limits and admits four
// funded traders with small limits (one of 1000 Wh, below most tokens).
func (m *market) propParties(t *testing.T, ctx sdk.Context) []propParty {
	m.setLimit(t, ctx, m.producer, 6000)
	parties := []propParty{
		{"producer", m.producer, 6000, solarMeter, producerLoad, true},
		{"consumer", m.consumer, consumerLimit, "-", consumerLoad, false},
	}
	for i, limit := range []uint64{1000, 3000, 5000, 8000} {
		who := apptest.NewAccount()
		m.c.Admit(ctx, m.operator, who, apptest.Admission{LegalID: fmt.Sprintf("12X-PROPTRADE-%02d", i), PositionLimitWh: limit,
			Roles: []balancingtypes.Role{balancingtypes.Role_ROLE_TRADER}, TradedCategories: []balancingtypes.EnergyCategory{solar}})
		m.c.Fund(ctx, m.bank, chf, who, sdkmath.NewInt(2*deposit), sdkmath.NewInt(deposit))
		parties = append(parties, propParty{fmt.Sprintf("trader %d", i), who, limit, "", "", true})
	}
	return parties
}

// pick draws the next message.
func (r *propRun) pick(live []types.Token) *propStep {
	roll := r.rng.Intn(100)
	if r.lowering && roll < 6 {
		return r.changeLimit()
	}
	if len(live) == 0 || roll < 20 {
		return r.issue()
	}
	tok := live[r.rng.Intn(len(live))]
	switch {
	case roll < 42:
		return r.buy(tok)
	case roll < 60:
		return r.handOver(tok)
	case roll < 70:
		return r.split(tok)
	case roll < 80:
		return r.merge(tok, live)
	default:
		// Mostly a token with two owners: cancelling one leg of a hedge is what moves a
		// position.
		var legs []types.Token
		for _, o := range live {
			if o.Producer.Owner != o.Consumer.Owner {
				legs = append(legs, o)
			}
		}
		if len(legs) > 0 && r.rng.Intn(5) > 0 {
			tok = legs[r.rng.Intn(len(legs))]
		}
		return r.cancel(tok)
	}
}

// meter is where p holds side s, and whether it can.
func (p propParty) meter(s types.Side) (string, bool) {
	m := p.producerMeter
	if s == consumerSide {
		m = p.consumerMeter
	}
	return m, m != "-"
}

// other picks a party other than owner that can hold side s.
func (r *propRun) other(owner string, s types.Side) propParty {
	for {
		p := r.parties[r.rng.Intn(len(r.parties))]
		if _, ok := p.meter(s); ok && p.addr.String() != owner {
			return p
		}
	}
}

var propWh = []uint64{500, 1000, 2000, 3000}

func (r *propRun) issue() *propStep {
	var issuers []propParty
	for _, p := range r.parties {
		if p.issues {
			issuers = append(issuers, p)
		}
	}
	p := issuers[r.rng.Intn(len(issuers))]
	msg := r.m.issueMsg()
	msg.Issuer = p.addr.String()
	msg.FirstPeriod = r.m.now + 4 + uint64(r.rng.Intn(8))
	msg.LastPeriod = min(msg.FirstPeriod+uint64(r.rng.Intn(3)), r.m.now+11)
	msg.WhPerPeriod = propWh[r.rng.Intn(len(propWh))]
	msg.Terms.CancellationFee = sdkmath.NewInt(1000)
	if p.producerMeter == "" {
		msg.ProducerMeterId, msg.ConsumerMeterId = r.m.virtual(p.addr, solar), ""
	}
	return &propStep{kind: "issue", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.IssueToken(ctx, msg)
		return err
	}}
}

func (r *propRun) buy(tok types.Token) *propStep {
	s := []types.Side{producerSide, consumerSide}[r.rng.Intn(2)]
	side, _ := tok.SideOf(s)
	buyer := r.other(side.Owner, s)
	meter, _ := buyer.meter(s)
	price := []int64{-1_000_000, 0, 2_000_000}[r.rng.Intn(3)]
	after := tok
	moved, _ := after.SideOf(s)
	moved.Owner = buyer.addr.String()
	return &propStep{kind: "buy", removed: []types.Token{tok}, added: []types.Token{after},
		roles: map[string]string{side.Owner: "seller", buyer.addr.String(): "buyer"},
		run: func(ctx sdk.Context) error {
			ask := types.Ask{ForSale: true, PricePerMwh: price, Denom: chf}
			if _, err := r.m.msgs.SetAsk(ctx, &types.MsgSetAsk{Owner: side.Owner, TokenId: tok.Id, Side: s, Ask: ask}); err != nil {
				return err
			}
			_, err := r.m.msgs.BuySide(ctx, &types.MsgBuySide{Buyer: buyer.addr.String(), TokenId: tok.Id, Side: s,
				MaxPricePerMwh: price, Denom: chf, MeterId: meter})
			return err
		}}
}

func (r *propRun) handOver(tok types.Token) *propStep {
	s := []types.Side{producerSide, consumerSide}[r.rng.Intn(2)]
	side, _ := tok.SideOf(s)
	from := side.Owner
	to := r.other(from, s)
	meter, _ := to.meter(s)
	after := tok
	moved, _ := after.SideOf(s)
	moved.Owner = to.addr.String()
	return &propStep{kind: "hand-over", removed: []types.Token{tok}, added: []types.Token{after},
		roles: map[string]string{from: "giver", to.addr.String(): "receiver"},
		run: func(ctx sdk.Context) error {
			_, err := r.m.msgs.HandOverSide(ctx, &types.MsgHandOverSide{From: from, To: to.addr.String(), TokenId: tok.Id, Side: s, MeterId: meter})
			return err
		}}
}

func (r *propRun) split(tok types.Token) *propStep {
	msg := &types.MsgSplitToken{ProducerOwner: tok.Producer.Owner, ConsumerOwner: tok.Consumer.Owner, TokenId: tok.Id}
	switch {
	case tok.Periods() > 1 && r.rng.Intn(2) == 0:
		msg.SplitAfterPeriod = tok.FirstPeriod + uint64(r.rng.Intn(int(tok.Periods()-1)))
	case tok.WhPerPeriod > 1:
		part := 1 + uint64(r.rng.Int63n(int64(tok.WhPerPeriod-1)))
		msg.WhParts = []uint64{part, tok.WhPerPeriod - part}
	default:
		return nil
	}
	return &propStep{kind: "split", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.SplitToken(ctx, msg)
		return err
	}}
}

// merge merges tok with a live token it can merge with, if there is one.
func (r *propRun) merge(tok types.Token, live []types.Token) *propStep {
	var mates []types.Token
	for _, o := range live {
		same := o.Id != tok.Id && o.Producer.Owner == tok.Producer.Owner && o.Consumer.Owner == tok.Consumer.Owner &&
			o.Producer.MeterId == tok.Producer.MeterId && o.Consumer.MeterId == tok.Consumer.MeterId
		periods := o.FirstPeriod == tok.FirstPeriod && o.LastPeriod == tok.LastPeriod
		adjacent := o.WhPerPeriod == tok.WhPerPeriod && (o.FirstPeriod == tok.LastPeriod+1 || tok.FirstPeriod == o.LastPeriod+1)
		if same && (periods || adjacent) {
			mates = append(mates, o)
		}
	}
	if len(mates) == 0 {
		return nil
	}
	mate := mates[r.rng.Intn(len(mates))]
	msg := &types.MsgMergeTokens{ProducerOwner: tok.Producer.Owner, ConsumerOwner: tok.Consumer.Owner, TokenIds: []uint64{tok.Id, mate.Id}}
	return &propStep{kind: "merge", run: func(ctx sdk.Context) error {
		_, err := r.m.msgs.MergeTokens(ctx, msg)
		return err
	}}
}

func (r *propRun) cancel(tok types.Token) *propStep {
	producer, consumer := tok.Producer.Owner, tok.Consumer.Owner
	s := &propStep{removed: []types.Token{tok}}
	switch mode := r.rng.Intn(3); {
	case mode == 2 || producer == consumer || !tok.Terms.CancellationFee.IsPositive(): // a split may leave a child no fee
		s.kind = "cancel jointly"
		s.roles = map[string]string{producer: "owner", consumer: "owner"}
		s.run = func(ctx sdk.Context) error {
			_, err := r.m.msgs.CancelTokenJointly(ctx, &types.MsgCancelTokenJointly{ProducerOwner: producer, ConsumerOwner: consumer, TokenId: tok.Id})
			return err
		}
	default:
		canceller, other := producer, consumer
		if mode == 1 {
			canceller, other = consumer, producer
		}
		s.kind = "cancel"
		s.roles = map[string]string{canceller: "canceller", other: "other owner"}
		s.run = func(ctx sdk.Context) error {
			_, err := r.m.msgs.CancelToken(ctx, &types.MsgCancelToken{Owner: canceller, TokenId: tok.Id})
			return err
		}
	}
	return s
}

// changeLimit has the operator give a party a new limit, often below its position.
func (r *propRun) changeLimit() *propStep {
	p := r.parties[r.rng.Intn(len(r.parties))]
	limit := []uint64{0, 1000, 2000, 4000, 8000}[r.rng.Intn(5)]
	return &propStep{kind: "limit change", run: func(ctx sdk.Context) error {
		cur, _, err := r.m.c.App.BalancingKeeper.GetParticipant(ctx, p.addr)
		if err != nil {
			return err
		}
		_, err = balancingkeeper.NewMsgServerImpl(r.m.c.App.BalancingKeeper).UpdateParticipant(ctx, &balancingtypes.MsgUpdateParticipant{
			Operator: r.m.operator.String(), Address: p.addr.String(), DisplayName: cur.DisplayName, Roles: cur.Roles,
			PositionLimitWh: limit, TradedCategories: cur.TradedCategories,
		})
		return err
	}}
}
