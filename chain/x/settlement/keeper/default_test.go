package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	bt "github.com/gridledger/gridledger/chain/x/balancing/types"
	et "github.com/gridledger/gridledger/chain/x/energy/types"
	"github.com/gridledger/gridledger/chain/x/settlement/keeper"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

const (
	eventPostponed   = "gridledger.settlement.v1.EventPostponed"
	eventDefaulted   = "gridledger.settlement.v1.EventDefaulted"
	eventHandedOver  = "gridledger.settlement.v1.EventSideHandedOver"
	lateFeeFirst     = faceValue / 100                    // 1 % of the face value
	debtAfterFirst   = faceValue + lateFeeFirst           // 80.8 francs
	lateFeeSecond    = debtAfterFirst / 100               // 1 % of the whole debt
	debtAfterSecond  = debtAfterFirst + lateFeeSecond     // 81.608 francs
	lockedCollateral = 30_000_000                         // newDflt locks 30 francs
	shortfall        = debtAfterSecond - lockedCollateral // what the collateral leaves unpaid
)

// A consumer who cannot pay its net payable is postponed with a late fee: its debt is the
// payable plus the fee, the producer it did not pay has a claim for the payable and the
// operator one for the fee. Funded, it pays at the next try: its debt is gone and the
// claims are paid in full.
func TestPostponedThenPaid(t *testing.T) {
	d := newDflt(t)
	p := d.firstOpen(1)
	d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p, p, 0, 0))
	d.deliver(t, p, mwh, map[string]uint64{dLoad: mwh})

	run, events := d.settleThrough(t, p)
	require.EqualValues(t, 1, run.Postponed)
	require.Equal(t, 1, events[eventPostponed])
	debt := d.debt(t, d.defaulter)
	require.Equal(t, sdkmath.NewInt(debtAfterFirst), debt.Amount)
	require.Equal(t, sdkmath.NewInt(lateFeeFirst), debt.LateFees)
	require.EqualValues(t, 1, debt.Postponements)
	require.EqualValues(t, p+1, debt.RetryPeriod)
	require.Zero(t, debt.DefaultedPeriod)
	require.Equal(t, sdkmath.NewInt(faceValue), d.claim(t, d.producer))
	require.Equal(t, sdkmath.NewInt(lateFeeFirst), d.claim(t, d.operator))

	// The defaulter's statement shows the net it did not pay and its debt.
	st, err := d.q.Statement(d.c.Ctx(), &types.QueryStatementRequest{Owner: d.defaulter.String(), FromPeriod: p, ToPeriod: p})
	require.NoError(t, err)
	require.Len(t, st.Nets, 1)
	require.Equal(t, sdkmath.NewInt(faceValue), st.Nets[0].Postponed)
	require.Len(t, st.Debts, 1)
	require.Empty(t, st.Defaults)

	producerBefore, operatorBefore, defaulterBefore := d.balance(t, d.producer), d.balance(t, d.operator), d.balance(t, d.defaulter)
	d.c.Fund(d.c.Ctx(), d.bank, dChf, d.defaulter, sdkmath.NewInt(100_000_000), sdkmath.NewInt(100_000_000))
	run, events = d.settleThrough(t, p+1)
	require.Zero(t, run.Postponed)
	require.Zero(t, events[eventPostponed])
	require.True(t, d.debt(t, d.defaulter).Amount.IsZero(), "the debt is paid")
	require.True(t, d.claim(t, d.producer).IsZero())
	require.True(t, d.claim(t, d.operator).IsZero())
	require.Equal(t, producerBefore.AddRaw(faceValue), d.balance(t, d.producer))
	require.Equal(t, operatorBefore.AddRaw(lateFeeFirst), d.balance(t, d.operator))
	require.Equal(t, defaulterBefore.AddRaw(100_000_000-debtAfterFirst), d.balance(t, d.defaulter))
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, d.status(t, d.defaulter))
}

// A consumer who never pays defaults after max_postponements: its locked collateral is
// seized and shared among the claims, it is suspended, its open sides past the contract's
// default delay go to the balancing authority with their default fees charged to it (the
// others stay), the shortfall is visible in its statement and the Defaults listing, and it
// is excluded exclusion_periods later. Debts equal claims after every block (check).
func TestDefaultSeizesHandsOverAndExcludes(t *testing.T) {
	d := newDflt(t)
	p := d.firstOpen(1)
	d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p, p, 0, 0))
	far := d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p+60, p+60, 10, 5_000_000))  // handed over: 5 francs fee
	near := d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p+20, p+20, 40, 7_000_000)) // within its 40-period delay: stays
	// Its own token: both sides go, each with its side's fee (producer 3, consumer 2 francs).
	ownMsg := d.issueMsg(p+70, p+70, 0, 2_000_000)
	ownMsg.Issuer, ownMsg.ProducerMeterId, ownMsg.ConsumerMeterId = d.defaulter.String(), dGen, dLoad
	ownRes, err := d.energy.IssueToken(d.c.Ctx(), ownMsg)
	require.NoError(t, err)
	own := ownRes.TokenId
	d.deliver(t, p, mwh, map[string]uint64{dLoad: mwh})

	d.settleThrough(t, p)
	run, _ := d.settleThrough(t, p+1)
	require.EqualValues(t, 1, run.Postponed)
	require.Equal(t, sdkmath.NewInt(debtAfterSecond), d.debt(t, d.defaulter).Amount)
	require.EqualValues(t, 2, d.debt(t, d.defaulter).Postponements)

	producerBefore, operatorBefore := d.balance(t, d.producer), d.balance(t, d.operator)
	run, events := d.settleThrough(t, p+2)
	require.EqualValues(t, 1, run.Defaults)
	require.Equal(t, 1, events[eventDefaulted])
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED, d.status(t, d.defaulter))
	locked, err := d.c.App.FiatKeeper.LockedCollateral(d.c.Ctx(), d.defaulter, dChf)
	require.NoError(t, err)
	require.True(t, locked.IsZero(), "the collateral is seized")
	// The seized collateral was shared among the claims in the same run's claims stage.
	paid := d.balance(t, d.producer).Sub(producerBefore).Add(d.balance(t, d.operator).Sub(operatorBefore))
	require.Equal(t, sdkmath.NewInt(lockedCollateral), paid)
	require.True(t, d.balance(t, d.producer).GT(producerBefore))

	// The hand-over runs at the end of blocks; a few blocks finish it.
	for i := 0; i < 3; i++ {
		d.c.NextBlock(5 * time.Second)
		d.check(t)
	}
	ho, err := d.q.Handover(d.c.Ctx(), &types.QueryHandoverRequest{Owner: d.defaulter.String()})
	require.NoError(t, err)
	require.True(t, ho.Handover.Done)
	require.EqualValues(t, 5, ho.Handover.Walked)
	require.EqualValues(t, 3, ho.Handover.HandedOver)
	require.EqualValues(t, 2, ho.Handover.Kept) // the delivered token and the one within its delay
	require.Equal(t, d.operator.String(), d.owner(t, far, et.Side_SIDE_CONSUMER))
	require.Equal(t, d.defaulter.String(), d.owner(t, near, et.Side_SIDE_CONSUMER))
	require.Equal(t, d.operator.String(), d.owner(t, own, et.Side_SIDE_PRODUCER))
	require.Equal(t, d.operator.String(), d.owner(t, own, et.Side_SIDE_CONSUMER))
	fee := sdkmath.NewInt(5_000_000 + 3_000_000 + 2_000_000)
	debt := d.debt(t, d.defaulter)
	require.Equal(t, sdkmath.NewInt(shortfall).Add(fee), debt.Amount, "the default fee is added to the shortfall")
	require.EqualValues(t, p+2, debt.DefaultedPeriod)

	// The shortfall is visible: Defaults and the statement.
	defaults, err := d.q.Defaults(d.c.Ctx(), &types.QueryDefaultsRequest{})
	require.NoError(t, err)
	require.Len(t, defaults.Defaults, 1)
	rec := defaults.Defaults[0]
	require.Equal(t, d.defaulter.String(), rec.Owner)
	require.EqualValues(t, p+2, rec.Period)
	require.Equal(t, sdkmath.NewInt(debtAfterSecond), rec.Debt)
	require.Equal(t, sdkmath.NewInt(lockedCollateral), rec.CollateralSeized)
	require.Equal(t, sdkmath.NewInt(shortfall), rec.Shortfall)
	require.Equal(t, fee, rec.DefaultFees)
	require.Equal(t, debt.Amount, rec.Outstanding)
	st, err := d.q.Statement(d.c.Ctx(), &types.QueryStatementRequest{Owner: d.defaulter.String(), FromPeriod: p, ToPeriod: p + 2})
	require.NoError(t, err)
	require.Equal(t, []types.DefaultRecord{rec}, st.Defaults)

	// Excluded exclusion_periods (2) runs after the default.
	d.settleThrough(t, p+3)
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED, d.status(t, d.defaulter))
	d.settleThrough(t, p+4)
	require.Equal(t, bt.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED, d.status(t, d.defaulter))
}

// owner is the owner of side s of token id.
func (d *dflt) owner(t *testing.T, id uint64, s et.Side) string {
	t.Helper()
	tok, err := d.c.App.EnergyKeeper.GetToken(d.c.Ctx(), id)
	require.NoError(t, err)
	side, err := tok.SideOf(s)
	require.NoError(t, err)
	return side.Owner
}

// A defaulter's sides are handed over a few per block within max_settle_per_block, with
// the progress visible in the Handover query; an exported and reimported chain carries
// the default records and the hand-over on.
func TestHandoverIsPaged(t *testing.T) {
	d := newDflt(t)
	p := d.firstOpen(1)
	d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p, p, 0, 0))
	var far []uint64
	for i := uint64(0); i < 9; i++ {
		far = append(far, d.issueTo(t, d.defaulter, dLoad, d.issueMsg(p+60+i, p+60+i, 0, 1_000_000)))
	}
	d.deliver(t, p, mwh, map[string]uint64{dLoad: mwh})
	d.settleThrough(t, p)
	d.settleThrough(t, p+1)
	params, err := d.k.Params.Get(d.c.Ctx())
	require.NoError(t, err)
	params.MaxSettlePerBlock = 4 // a quarter, 1, for hand-overs before the runs
	require.NoError(t, d.k.Params.Set(d.c.Ctx(), params))
	d.settleThrough(t, p+2)

	var walked []uint64
	for i := 0; i < 20; i++ {
		ho, err := d.q.Handover(d.c.Ctx(), &types.QueryHandoverRequest{Owner: d.defaulter.String()})
		require.NoError(t, err)
		walked = append(walked, ho.Handover.Walked)
		if ho.Handover.Done {
			require.EqualValues(t, 10, ho.Handover.Walked)
			require.EqualValues(t, 9, ho.Handover.HandedOver)
			require.EqualValues(t, 1, ho.Handover.Kept)
			break
		}
		d.c.NextBlock(5 * time.Second) // within the period: no new run takes the budget
		d.check(t)
	}
	require.Greater(t, len(walked), 3, "the hand-over took several blocks: %v", walked)
	for i := 1; i < len(walked); i++ {
		require.LessOrEqual(t, walked[i]-walked[i-1], uint64(4), "at most the budget per block: %v", walked)
	}
	for _, id := range far {
		require.Equal(t, d.operator.String(), d.owner(t, id, et.Side_SIDE_CONSUMER))
	}
	fees := sdkmath.NewInt(9 * 1_000_000)
	require.Equal(t, sdkmath.NewInt(shortfall).Add(fees), d.debt(t, d.defaulter).Amount)

	defaults, err := d.q.Defaults(d.c.Ctx(), &types.QueryDefaultsRequest{})
	require.NoError(t, err)
	ho, err := d.q.Handover(d.c.Ctx(), &types.QueryHandoverRequest{Owner: d.defaulter.String()})
	require.NoError(t, err)
	c2 := d.c.Reimport()
	q2 := keeper.NewQueryServerImpl(c2.App.SettlementKeeper)
	defaults2, err := q2.Defaults(c2.Ctx(), &types.QueryDefaultsRequest{})
	require.NoError(t, err)
	require.Equal(t, defaults.Defaults, defaults2.Defaults)
	ho2, err := q2.Handover(c2.Ctx(), &types.QueryHandoverRequest{Owner: d.defaulter.String()})
	require.NoError(t, err)
	require.Equal(t, ho.Handover, ho2.Handover)
	open, err := c2.App.EnergyKeeper.OpenFaceValue(c2.Ctx(), d.operator, dChf)
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(9*faceValue), open, "the reimported open face values are rebuilt from the tokens")
}
