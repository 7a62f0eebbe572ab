package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// lifecycleFixture has one active ed25519 production meter, one retired consumption
// meter and a trader's virtual meter.
func lifecycleFixture(t *testing.T) (*keepertest.BalancingFixture, string) {
	f := keepertest.Balancing(t)
	prod, cons := testutil.Addr("prod"), testutil.Addr("cons")
	f.Admit(t, admitMsg("prod", "12X-PROD-0000001", roles(producer)))
	f.Admit(t, admitMsg("cons", "12X-CONS-0000001", roles(consumer)))
	f.Admit(t, admitMsg("trad", "12X-TRAD-0000001", roles(trader), solar))
	f.RegisterMeter(t, types.MsgRegisterMeter{
		Id: "CH-PROD-1", Owner: prod, Kind: production, Category: solar,
		Location: types.Location{Area: "CH-ZH"}, KeyAlgorithm: algEd25519, PublicKey: edKey("old"),
	})
	f.RegisterMeter(t, types.MsgRegisterMeter{
		Id: "CH-CONS-1", Owner: cons, Kind: consumption,
		Location: types.Location{Area: "CH-ZH"}, KeyAlgorithm: algEd25519, PublicKey: edKey("cons"),
	})
	_, err := f.Msgs.RetireMeter(f.Ctx, &types.MsgRetireMeter{Operator: f.Operator, Id: "CH-CONS-1", ReasonCode: "replaced"})
	require.NoError(t, err)
	f.ResetEvents()
	return f, types.VirtualMeterID(testutil.Addr("trad"), solar)
}

func meterOf(t *testing.T, f *keepertest.BalancingFixture, id string) types.Meter {
	t.Helper()
	res, err := f.Queries.Meter(f.Ctx, &types.QueryMeterRequest{Id: id})
	require.NoError(t, err)
	return res.Meter
}

func TestRotateMeterKey(t *testing.T) {
	t.Run("the operator replaces an ed25519 key by a secp256k1 key", func(t *testing.T) {
		f, _ := lifecycleFixture(t)
		before := meterOf(t, f, "CH-PROD-1")
		_, err := f.Msgs.RotateMeterKey(f.Ctx, &types.MsgRotateMeterKey{
			Operator: f.Operator, Id: "CH-PROD-1", KeyAlgorithm: algSecp, PublicKey: secpKey("new"),
		})
		require.NoError(t, err)
		after := meterOf(t, f, "CH-PROD-1")
		want := before
		want.KeyAlgorithm, want.PublicKey, want.KeyRotatedHeight = algSecp, secpKey("new"), keepertest.FixtureHeight
		require.Equal(t, want, after)
		require.NoError(t, after.Validate())
		f.RequireEvent(t, &types.EventMeterKeyRotated{Id: "CH-PROD-1", KeyAlgorithm: algSecp, PublicKey: secpKey("new")})
		f.RequireIndexesConsistent(t)
	})
	_, virtualID := lifecycleFixture(t)
	rejections := []struct {
		name string
		msg  types.MsgRotateMeterKey
		want error
	}{
		{"signer is not the operator", types.MsgRotateMeterKey{Operator: testutil.Addr("prod"), Id: "CH-PROD-1", KeyAlgorithm: algEd25519, PublicKey: edKey("new")}, types.ErrUnauthorized},
		{"unknown meter", types.MsgRotateMeterKey{Id: "CH-NONE", KeyAlgorithm: algEd25519, PublicKey: edKey("new")}, types.ErrMeterUnknown},
		{"virtual meter", types.MsgRotateMeterKey{Id: virtualID, KeyAlgorithm: algEd25519, PublicKey: edKey("new")}, types.ErrInvalidMeterKind},
		{"retired meter", types.MsgRotateMeterKey{Id: "CH-CONS-1", KeyAlgorithm: algEd25519, PublicKey: edKey("new")}, types.ErrMeterRetired},
		{"same key again", types.MsgRotateMeterKey{Id: "CH-PROD-1", KeyAlgorithm: algEd25519, PublicKey: edKey("old")}, types.ErrInvalidPublicKey},
		{"malformed key", types.MsgRotateMeterKey{Id: "CH-PROD-1", KeyAlgorithm: algEd25519, PublicKey: edKey("new")[:31]}, types.ErrInvalidPublicKey},
		{"unspecified algorithm", types.MsgRotateMeterKey{Id: "CH-PROD-1", PublicKey: edKey("new")}, types.ErrInvalidPublicKey},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := lifecycleFixture(t)
			msg := tc.msg
			if msg.Operator == "" {
				msg.Operator = f.Operator
			}
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.RotateMeterKey(f.Ctx, &msg)
				return err
			})
		})
	}
}

func TestRetireMeter(t *testing.T) {
	t.Run("the operator retires an active meter; it keeps its record and indexes", func(t *testing.T) {
		f, _ := lifecycleFixture(t)
		before := meterOf(t, f, "CH-PROD-1")
		_, err := f.Msgs.RetireMeter(f.Ctx, &types.MsgRetireMeter{Operator: f.Operator, Id: "CH-PROD-1", ReasonCode: "decommissioned"})
		require.NoError(t, err)
		after := meterOf(t, f, "CH-PROD-1")
		want := before
		want.Status, want.RetiredHeight = types.MeterStatus_METER_STATUS_RETIRED, keepertest.FixtureHeight
		require.Equal(t, want, after)
		require.NoError(t, after.Validate())
		f.RequireEvent(t, &types.EventMeterRetired{Id: "CH-PROD-1", ReasonCode: "decommissioned"})
		require.Contains(t, meterIDs(t, f, types.QueryMetersRequest{Owner: testutil.Addr("prod")}), "CH-PROD-1")
		f.RequireIndexesConsistent(t)
		// A retired meter survives an export and import.
		require.NoError(t, f.Export(t).Validate())
	})
	_, virtualID := lifecycleFixture(t)
	rejections := []struct {
		name string
		msg  types.MsgRetireMeter
		want error
	}{
		{"signer is not the operator", types.MsgRetireMeter{Operator: testutil.Addr("prod"), Id: "CH-PROD-1"}, types.ErrUnauthorized},
		{"unknown meter", types.MsgRetireMeter{Id: "CH-NONE"}, types.ErrMeterUnknown},
		{"virtual meter", types.MsgRetireMeter{Id: virtualID}, types.ErrInvalidMeterKind},
		{"already retired", types.MsgRetireMeter{Id: "CH-CONS-1"}, types.ErrMeterRetired},
		{"reason code in prose", types.MsgRetireMeter{Id: "CH-PROD-1", ReasonCode: "Owner moved to Bern"}, types.ErrInvalidReasonCode},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := lifecycleFixture(t)
			msg := tc.msg
			if msg.Operator == "" {
				msg.Operator = f.Operator
			}
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.RetireMeter(f.Ctx, &msg)
				return err
			})
		})
	}
}
