package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

func TestUpdateParams(t *testing.T) {
	newOp := testutil.Addr("operator-2")

	t.Run("governance replaces the grid operator", func(t *testing.T) {
		f := keepertest.Balancing(t)
		old := f.Operator
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{GridOperator: newOp}})
		require.NoError(t, err)

		res, err := f.Queries.Params(f.Ctx, &types.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, types.Params{GridOperator: newOp}, res.Params)
		f.RequireEvent(t, &types.EventGridOperatorChanged{Previous: old, Current: newOp})
		require.Equal(t, []string{evOperator}, f.EventTypes())

		m := admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader))
		m.Operator = old
		requireRejected(t, f, types.ErrUnauthorized, func() error {
			_, err := f.Msgs.AdmitParticipant(f.Ctx, &m)
			return err
		})
		m.Operator = newOp
		_, err = f.Msgs.AdmitParticipant(f.Ctx, &m)
		require.NoError(t, err)
	})

	t.Run("governance confirming the current operator emits no event", func(t *testing.T) {
		f := keepertest.Balancing(t)
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{GridOperator: f.Operator}})
		require.NoError(t, err)
		require.Empty(t, f.Events())
	})

	t.Run("governance names the first operator of a chain that had none", func(t *testing.T) {
		f := keepertest.BalancingWithGenesis(t, *types.DefaultGenesis())
		_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{GridOperator: newOp}})
		require.NoError(t, err)
		f.RequireEvent(t, &types.EventGridOperatorChanged{Previous: "", Current: newOp})
	})

	rejections := []struct {
		name      string
		authority func(f *keepertest.BalancingFixture) string
		operator  string
		want      error
	}{
		{"grid operator is not the governance authority", func(f *keepertest.BalancingFixture) string { return f.Operator }, newOp, types.ErrInvalidAuthority},
		{"arbitrary signer", func(*keepertest.BalancingFixture) string { return testutil.Addr("mallory") }, newOp, types.ErrInvalidAuthority},
		{"empty authority", func(*keepertest.BalancingFixture) string { return "" }, newOp, types.ErrInvalidAuthority},
		{"non-gov signer is refused before the params are looked at", func(*keepertest.BalancingFixture) string { return testutil.Addr("mallory") }, "", types.ErrInvalidAuthority},
		{"empty operator", func(f *keepertest.BalancingFixture) string { return f.Authority }, "", types.ErrInvalidAddress},
		{"malformed operator", func(f *keepertest.BalancingFixture) string { return f.Authority }, "grid1notanaddress", types.ErrInvalidAddress},
		{"operator with a bad checksum", func(f *keepertest.BalancingFixture) string { return f.Authority }, badChecksumAddr("operator-2"), types.ErrInvalidAddress},
		{"operator with another chain's prefix", func(f *keepertest.BalancingFixture) string { return f.Authority }, otherPrefixAddr(t, "operator-2"), types.ErrInvalidAddress},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f := keepertest.Balancing(t)
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: tc.authority(f), Params: types.Params{GridOperator: tc.operator}})
				return err
			})
		})
	}
}

// TestOperatorMessagesRequireTheOperator sends every operator message, otherwise
// valid, from every kind of wrong signer.
func TestOperatorMessagesRequireTheOperator(t *testing.T) {
	alpha, bravo := testutil.Addr("alpha"), testutil.Addr("bravo")
	setup := func(t *testing.T) *keepertest.BalancingFixture {
		f := keepertest.Balancing(t)
		f.Admit(t, admitMsg("alpha", "12X-ALPHA-PROD-1", roles(producer)))
		f.Admit(t, admitMsg("bravo", "12X-BRAVO-PROD-1", roles(producer)))
		f.Suspend(t, bravo)
		f.ResetEvents()
		return f
	}
	messages := map[string]func(f *keepertest.BalancingFixture, signer string) error{
		"AdmitParticipant": func(f *keepertest.BalancingFixture, signer string) error {
			m := admitMsg("charlie", "12X-CHARLIE-PROD", roles(producer))
			m.Operator = signer
			_, err := f.Msgs.AdmitParticipant(f.Ctx, &m)
			return err
		},
		"UpdateParticipant": func(f *keepertest.BalancingFixture, signer string) error {
			_, err := f.Msgs.UpdateParticipant(f.Ctx, &types.MsgUpdateParticipant{Operator: signer, Address: alpha, DisplayName: "Alpha", Roles: roles(producer)})
			return err
		},
		"SuspendParticipant": func(f *keepertest.BalancingFixture, signer string) error {
			_, err := f.Msgs.SuspendParticipant(f.Ctx, &types.MsgSuspendParticipant{Operator: signer, Address: alpha})
			return err
		},
		"ReinstateParticipant": func(f *keepertest.BalancingFixture, signer string) error {
			_, err := f.Msgs.ReinstateParticipant(f.Ctx, &types.MsgReinstateParticipant{Operator: signer, Address: bravo})
			return err
		},
		"ExcludeParticipant": func(f *keepertest.BalancingFixture, signer string) error {
			_, err := f.Msgs.ExcludeParticipant(f.Ctx, &types.MsgExcludeParticipant{Operator: signer, Address: alpha})
			return err
		},
		"RegisterMeter": func(f *keepertest.BalancingFixture, signer string) error {
			_, err := f.Msgs.RegisterMeter(f.Ctx, &types.MsgRegisterMeter{
				PointKind: types.MeteringPointKind_METERING_POINT_KIND_COMPANY,
				Operator:  signer, Id: "M-1", Owner: alpha, Kind: production, Category: solar,
				Location: types.Location{Area: "CH-ZH"}, KeyAlgorithm: algEd25519, PublicKey: edKey("M-1"),
			})
			return err
		},
	}
	signers := []struct {
		name   string
		signer func(f *keepertest.BalancingFixture) string
	}{
		{"governance authority", func(f *keepertest.BalancingFixture) string { return f.Authority }},
		{"the participant itself", func(*keepertest.BalancingFixture) string { return alpha }},
		{"a stranger", func(*keepertest.BalancingFixture) string { return testutil.Addr("mallory") }},
		{"empty signer", func(*keepertest.BalancingFixture) string { return "" }},
		{"operator address with another prefix", func(*keepertest.BalancingFixture) string { return otherPrefixAddr(t, "operator") }},
		{"former operator after governance replaced it", func(f *keepertest.BalancingFixture) string {
			old := f.Operator
			_, err := f.Msgs.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{GridOperator: testutil.Addr("operator-2")}})
			require.NoError(t, err)
			f.Operator = testutil.Addr("operator-2")
			return old
		}},
	}
	for name, send := range messages {
		for _, s := range signers {
			t.Run(name+" from "+s.name, func(t *testing.T) {
				f := setup(t)
				signer := s.signer(f)
				requireRejected(t, f, types.ErrUnauthorized, func() error { return send(f, signer) })
			})
		}
		t.Run(name+" from the operator succeeds", func(t *testing.T) {
			f := setup(t)
			require.NoError(t, send(f, f.Operator))
			require.NotEmpty(t, f.Events())
			require.True(t, strings.HasPrefix(f.EventTypes()[0], "gridledger.balancing.v1.Event"))
		})
	}
}
