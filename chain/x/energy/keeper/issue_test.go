package keeper_test

import (
	"math"
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/app/apptest"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

func TestIssueTokenStoresEveryCharacteristic(t *testing.T) {
	m := newMarket(t)
	ctx := withEvents(m.branch(t))
	msg := m.issueMsg()
	res, err := m.msgs.IssueToken(ctx, msg)
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.TokenId, "serials start at 1")

	got := m.token(t, ctx, res.TokenId)
	m.requireSame(t, &types.Token{
		Id: 1, Issuer: m.producer.String(), FirstPeriod: m.now + 4, LastPeriod: m.now + 7, WhPerPeriod: 1000,
		Category: solar, Co2Grams: 120, FaceValuePerMwh: msg.FaceValuePerMwh, Terms: msg.Terms, Capabilities: msg.Capabilities,
		Producer:    types.TokenSide{Owner: m.producer.String(), MeterId: solarMeter},
		Consumer:    types.TokenSide{Owner: m.producer.String(), MeterId: producerLoad},
		Status:      types.TokenStatus_TOKEN_STATUS_ACTIVE,
		OriginShard: apptest.ChainID, IssuedHeight: ctx.BlockHeight(),
	}, &got)
	require.Equal(t, uint64(4), got.Periods())
	require.Equal(t, uint64(4000), got.TotalWh())

	require.Equal(t, []*types.EventTokenIssued{{TokenId: 1, Issuer: m.producer.String(), FirstPeriod: m.now + 4, LastPeriod: m.now + 7, WhPerPeriod: 1000}},
		eventsOf[*types.EventTokenIssued](t, ctx))

	// The issuer holds both sides: it is listed once per side, and its position nets to zero.
	owned, err := m.q.TokensByOwner(ctx, &types.QueryTokensByOwnerRequest{Owner: m.producer.String()})
	require.NoError(t, err)
	require.Len(t, owned.Tokens, 2)
	pos, err := m.q.Position(ctx, &types.QueryPositionRequest{Owner: m.producer.String(), FromPeriod: m.now + 4, ToPeriod: m.now + 4})
	require.NoError(t, err)
	require.Equal(t, []types.PeriodPosition{{Period: m.now + 4, ProducerWh: 1000, ConsumerWh: 1000}}, pos.Periods)

	second, err := m.msgs.IssueToken(ctx, m.issueMsg())
	require.NoError(t, err)
	require.Equal(t, uint64(2), second.TokenId, "serials are consecutive")
}

func TestIssueTokenTakesCategoryFromProducerMeter(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name             string
		msg              func() *types.MsgIssueToken
		wantCategory     balancingtypes.EnergyCategory
		wantProducer     string
		wantConsumer     string
		wantIssuerString string
	}{
		{"solar plant", m.issueMsg, solar, solarMeter, producerLoad, m.producer.String()},
		{"wind park", func() *types.MsgIssueToken {
			msg := m.issueMsg()
			msg.ProducerMeterId = windMeter
			return msg
		}, wind, windMeter, producerLoad, m.producer.String()},
		{"trader's virtual meters, consumer meter left empty", m.traderIssueMsg, solar,
			m.virtual(m.trader, solar), m.virtual(m.trader, solar), m.trader.String()},
		{"trader's wind virtual meters named on both sides", func() *types.MsgIssueToken {
			msg := m.traderIssueMsg()
			msg.ProducerMeterId, msg.ConsumerMeterId = m.virtual(m.trader, wind), m.virtual(m.trader, wind)
			return msg
		}, wind, m.virtual(m.trader, wind), m.virtual(m.trader, wind), m.trader.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			res, err := m.msgs.IssueToken(ctx, tc.msg())
			require.NoError(t, err)
			got := m.token(t, ctx, res.TokenId)
			require.Equal(t, tc.wantCategory, got.Category)
			require.Equal(t, tc.wantProducer, got.Producer.MeterId)
			require.Equal(t, tc.wantConsumer, got.Consumer.MeterId)
			require.Equal(t, tc.wantIssuerString, got.Producer.Owner)
			require.Equal(t, tc.wantIssuerString, got.Consumer.Owner)
		})
	}
}

func TestIssueTokenRejections(t *testing.T) {
	m := newMarket(t)
	for _, tc := range []struct {
		name string
		edit func(*types.MsgIssueToken)
		want error
	}{
		{"issuer not admitted", func(msg *types.MsgIssueToken) { msg.Issuer = m.stranger.String() }, types.ErrNotAdmitted},
		{"issuer suspended", func(msg *types.MsgIssueToken) {
			msg.Issuer, msg.ProducerMeterId, msg.ConsumerMeterId = m.suspended.String(), suspendedLoad, suspendedLoad
		}, types.ErrNotAdmitted},
		{"issuer address malformed", func(msg *types.MsgIssueToken) { msg.Issuer = "cosmos1notanaddress" }, types.ErrInvalidAddress},
		{"issuer without a producing, consuming or trading role", func(msg *types.MsgIssueToken) { msg.Issuer = m.co2.String() }, types.ErrInvalidRole},
		{"producer meter the issuer does not own", func(msg *types.MsgIssueToken) {
			msg.Issuer, msg.ConsumerMeterId = m.trader.String(), ""
		}, types.ErrInvalidMeter},
		{"consumer meter the issuer does not own", func(msg *types.MsgIssueToken) { msg.ConsumerMeterId = consumerLoad }, types.ErrInvalidMeter},
		{"another participant's virtual meter", func(msg *types.MsgIssueToken) {
			msg.ProducerMeterId = m.virtual(m.trader, solar)
		}, types.ErrInvalidMeter},
		{"unregistered producer meter", func(msg *types.MsgIssueToken) { msg.ProducerMeterId = "CH-NOWHERE" }, types.ErrInvalidMeter},
		{"empty producer meter and no category", func(msg *types.MsgIssueToken) { msg.ProducerMeterId = "" }, types.ErrInvalidCategory},
		{"empty producer meter: the issuer has no virtual meter", func(msg *types.MsgIssueToken) {
			msg.ProducerMeterId, msg.Category = "", solar
		}, types.ErrInvalidMeter},
		{"a consumption meter implies no category and none is set", func(msg *types.MsgIssueToken) {
			msg.ProducerMeterId = producerLoad
		}, types.ErrInvalidCategory},
		{"category contradicts the production meter", func(msg *types.MsgIssueToken) { msg.Category = wind }, types.ErrInvalidMeter},
		{"category contradicts the virtual meter", func(msg *types.MsgIssueToken) {
			*msg = *m.traderIssueMsg()
			msg.Category = hydro
		}, types.ErrInvalidMeter},
		{"production meter of another category on the consumer side", func(msg *types.MsgIssueToken) { msg.ConsumerMeterId = windMeter }, types.ErrInvalidMeter},
		{"void producer ask with a price", func(msg *types.MsgIssueToken) { msg.ProducerAsk = types.Ask{PricePerMwh: 5} }, types.ErrInvalidAsk},
		{"consumer ask in an unknown currency", func(msg *types.MsgIssueToken) {
			msg.ConsumerAsk = types.Ask{ForSale: true, PricePerMwh: 5, Denom: "uchf.nobank"}
		}, types.ErrUnknownCurrency},
		{"producer ask outside the price band", func(msg *types.MsgIssueToken) {
			msg.ProducerAsk = types.Ask{ForSale: true, PricePerMwh: -10_000_000_000, Denom: chf}
		}, types.ErrPriceOutOfBand},
		{"producer without a virtual meter leaves the consumer meter empty", func(msg *types.MsgIssueToken) { msg.ConsumerMeterId = "" }, types.ErrInvalidMeter},
		{"virtual consumer meter of another category", func(msg *types.MsgIssueToken) {
			*msg = *m.traderIssueMsg()
			msg.ConsumerMeterId = m.virtual(m.trader, wind)
		}, types.ErrInvalidMeter},
		{"first period is the current one", func(msg *types.MsgIssueToken) { msg.FirstPeriod = m.now }, types.ErrInvalidPeriods},
		{"first period in the past", func(msg *types.MsgIssueToken) { msg.FirstPeriod = m.now - 10 }, types.ErrInvalidPeriods},
		{"periods reversed", func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = m.now+7, m.now+4 }, types.ErrInvalidPeriods},
		{"longer than max_token_periods", func(msg *types.MsgIssueToken) { msg.LastPeriod = msg.FirstPeriod + types.DefaultMaxTokenPeriods }, types.ErrInvalidPeriods},
		{"zero volume", func(msg *types.MsgIssueToken) { msg.WhPerPeriod = 0 }, types.ErrInvalidVolume},
		{"total energy overflows", func(msg *types.MsgIssueToken) { msg.WhPerPeriod = math.MaxUint64 / 2 }, types.ErrInvalidVolume},
		{"periods spanning all of uint64", func(msg *types.MsgIssueToken) { msg.FirstPeriod, msg.LastPeriod = 0, math.MaxUint64 }, types.ErrInvalidVolume},
		{"unknown currency", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Denom = "uchf.nobank" }, types.ErrUnknownCurrency},
		{"staking token as currency", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Denom = sdk.DefaultBondDenom }, types.ErrUnknownCurrency},
		{"no currency", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Denom = "" }, types.ErrUnknownCurrency},
		{"face value unset", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = sdkmath.Int{} }, types.ErrInvalidTerms},
		{"negative face value", func(msg *types.MsgIssueToken) { msg.FaceValuePerMwh.Amount = ints(-1) }, types.ErrInvalidTerms},
		{"negative cancellation fee", func(msg *types.MsgIssueToken) { msg.Terms.CancellationFee = ints(-1) }, types.ErrInvalidTerms},
		{"default fee unset", func(msg *types.MsgIssueToken) { msg.Terms.ConsumerDefaultFee = sdkmath.Int{} }, types.ErrInvalidTerms},
		{"legal framework too long", func(msg *types.MsgIssueToken) { msg.Terms.LegalFramework = strings.Repeat("X", 65) }, types.ErrInvalidTerms},
		{"capability with values but not offered", func(msg *types.MsgIssueToken) {
			msg.Capabilities.Tertiary = types.Capability{MobilisationSeconds: 600}
		}, types.ErrInvalidTerms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := m.branch(t)
			msg := m.issueMsg()
			tc.edit(msg)
			m.refused(t, ctx, tc.want, func(ctx sdk.Context) error {
				_, err := m.msgs.IssueToken(ctx, msg)
				return err
			})
		})
	}
}

// TestTokenCoreIsImmutable walks a token through a price change, a sale and a
// hand-over: only its sides change; the rest stays exactly as issued.
func TestTokenCoreIsImmutable(t *testing.T) {
	m := newMarket(t)
	ctx := m.branch(t)
	id := m.issue(t, ctx, nil)
	issued := m.token(t, ctx, id)

	m.setAsk(t, ctx, m.producer, id, consumerSide, 80_000_000, chf)
	m.buy(t, ctx, m.consumer, id, consumerSide, 80_000_000, chf, consumerLoad)
	m.handOver(t, ctx, m.producer, m.trader, id, producerSide, "")
	m.setAsk(t, ctx, m.trader, id, producerSide, -5, eur)

	now := m.token(t, ctx, id)
	issuedCore, nowCore := coreOf(issued), coreOf(now)
	m.requireSame(t, &issuedCore, &nowCore)
	require.Equal(t, m.trader.String(), now.Producer.Owner)
	require.Equal(t, m.consumer.String(), now.Consumer.Owner)
	require.Equal(t, issued.Issuer, now.Issuer, "the issuer is history, not the owner")
}
