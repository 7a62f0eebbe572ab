package keeper_test

import (
	"bytes"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// notOnCurveKey is a compressed secp256k1 encoding whose x has no y on the curve
// (x³+7 is not a square mod p), found with big.Jacobi rather than the parser under test.
func notOnCurveKey(t *testing.T) []byte {
	t.Helper()
	p, ok := new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16)
	require.True(t, ok)
	for x := int64(1); ; x++ {
		bx := big.NewInt(x)
		rhs := new(big.Int).Exp(bx, big.NewInt(3), p)
		rhs.Add(rhs, big.NewInt(7)).Mod(rhs, p)
		if big.Jacobi(rhs, p) == -1 {
			key := make([]byte, 33)
			key[0] = 0x02
			bx.FillBytes(key[1:])
			return key
		}
	}
}

func TestRegisterMeter(t *testing.T) {
	prod, cons, pros := testutil.Addr("prod"), testutil.Addr("cons"), testutil.Addr("pros")
	retail, flex, trad := testutil.Addr("retail"), testutil.Addr("flex"), testutil.Addr("trad")
	bnk, excl, susp := testutil.Addr("bank"), testutil.Addr("excl"), testutil.Addr("susp")
	const existingID = "CH-EXISTING-1"
	setup := func(t *testing.T) *keepertest.BalancingFixture {
		f := keepertest.Balancing(t)
		f.Admit(t, admitMsg("prod", "12X-PROD-0000001", roles(producer)))
		f.Admit(t, admitMsg("cons", "12X-CONS-0000001", roles(consumer)))
		f.Admit(t, admitMsg("pros", "12X-PROS-0000001", roles(prosumer)))
		f.Admit(t, admitMsg("retail", "12X-RETAIL-00001", roles(retailer), solar))
		f.Admit(t, admitMsg("flex", "12X-FLEX-0000001", roles(types.Role_ROLE_FLEXIBILITY_PROVIDER)))
		f.Admit(t, admitMsg("trad", "12X-TRAD-0000001", roles(trader), solar))
		f.Admit(t, admitMsg("bank", "12X-BANK-0000001", roles(bank)))
		f.Admit(t, admitMsg("excl", "12X-EXCL-0000001", roles(producer)))
		f.Admit(t, admitMsg("susp", "12X-SUSP-0000001", roles(producer)))
		f.RegisterMeter(t, types.MsgRegisterMeter{
			Id: existingID, Owner: prod, Kind: production, Category: wind,
			Location: types.Location{Area: "CH-BE"}, KeyAlgorithm: algEd25519, PublicKey: edKey("existing"),
		})
		f.Exclude(t, excl)
		f.Suspend(t, susp)
		f.ResetEvents()
		return f
	}
	zurich := types.Location{GridNode: "ZH-SUB-7", Area: "CH-ZH", HasCoordinates: true, LatCenti: 4737, LonCenti: 854}
	// base is a valid solar production meter of prod (a 33-character Swiss metering point id).
	base := func() types.MsgRegisterMeter {
		return types.MsgRegisterMeter{
			PointKind: types.MeteringPointKind_METERING_POINT_KIND_COMPANY,
			Id:        "CH1012601234500000000000000000001", Owner: prod, Kind: production, Category: solar,
			Location: zurich, KeyAlgorithm: algSecp, PublicKey: secpKey("m1"),
		}
	}
	with := func(edit func(m *types.MsgRegisterMeter)) types.MsgRegisterMeter {
		m := base()
		edit(&m)
		return m
	}

	successes := []struct {
		name      string
		msg       types.MsgRegisterMeter
		wantOwner string
	}{
		{"production meter of a producer with a secp256k1 key and coordinates", base(), prod},
		{"consumption meter of a consumer with an ed25519 key and only a grid node", with(func(m *types.MsgRegisterMeter) {
			m.Owner, m.Kind, m.Category = cons, consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
			m.Location = types.Location{GridNode: "ZH-SUB-7"}
			m.KeyAlgorithm, m.PublicKey = algEd25519, edKey("m2")
		}), cons},
		{"production meter of a prosumer", with(func(m *types.MsgRegisterMeter) { m.Owner = pros }), pros},
		{"consumption meter of a prosumer", with(func(m *types.MsgRegisterMeter) {
			m.Owner, m.Kind, m.Category = pros, consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}), pros},
		{"consumption meter of a retailer", with(func(m *types.MsgRegisterMeter) {
			m.Owner, m.Kind, m.Category = retail, consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}), retail},
		{"production meter of a flexibility provider", with(func(m *types.MsgRegisterMeter) { m.Owner, m.Category = flex, hydro }), flex},
		{"meter of a suspended owner", with(func(m *types.MsgRegisterMeter) { m.Owner = susp }), susp},
		{"owner given in upper-case bech32 is stored canonically", with(func(m *types.MsgRegisterMeter) { m.Owner = strings.ToUpper(prod) }), prod},
		{"id using every allowed punctuation", with(func(m *types.MsgRegisterMeter) { m.Id = "Meter.01_A:b-2" }), prod},
		{"id of 128 characters", with(func(m *types.MsgRegisterMeter) { m.Id = strings.Repeat("M", 128) }), prod},
		{"single-character id", with(func(m *types.MsgRegisterMeter) { m.Id = "7" }), prod},
		{"coordinates at the range limits", with(func(m *types.MsgRegisterMeter) {
			m.Location = types.Location{Area: "NZ/AKL", HasCoordinates: true, LatCenti: -9000, LonCenti: 18000}
		}), prod},
		{"aggregation point of a retailer (its households' sum)", with(func(m *types.MsgRegisterMeter) {
			m.Owner, m.Kind, m.Category = retail, consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
			m.PointKind = types.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT
		}), retail},
		{"household that opted in, with its consent hash", with(func(m *types.MsgRegisterMeter) {
			m.PointKind, m.ConsentHash = types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN, edKey("consent")
		}), prod},
	}
	for _, tc := range successes {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			msg := tc.msg
			msg.Operator = f.Operator
			_, err := f.Msgs.RegisterMeter(f.Ctx, &msg)
			require.NoError(t, err)

			want := types.Meter{
				Id: msg.Id, Owner: tc.wantOwner, Kind: msg.Kind, Category: msg.Category, Location: msg.Location,
				KeyAlgorithm: msg.KeyAlgorithm, PublicKey: msg.PublicKey, RegisteredHeight: keepertest.FixtureHeight,
				PointKind: msg.PointKind, Status: types.MeterStatus_METER_STATUS_ACTIVE,
			}
			if msg.PointKind == types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN {
				want.ConsentHash, want.ConsentHeight = msg.ConsentHash, keepertest.FixtureHeight
			}
			res, err := f.Queries.Meter(f.Ctx, &types.QueryMeterRequest{Id: msg.Id})
			require.NoError(t, err)
			require.Equal(t, want, res.Meter)
			require.NoError(t, res.Meter.Validate())

			f.RequireEvent(t, &types.EventMeterRegistered{Id: msg.Id, Owner: tc.wantOwner, Kind: msg.Kind, Category: msg.Category, PointKind: msg.PointKind})
			require.Equal(t, []string{evMeter}, f.EventTypes())

			require.Contains(t, meterIDs(t, f, types.QueryMetersRequest{Owner: tc.wantOwner}), msg.Id)
			if msg.Category != types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
				require.Contains(t, meterIDs(t, f, types.QueryMetersRequest{Category: msg.Category}), msg.Id)
			}
			if msg.Location.Area != "" {
				require.Contains(t, meterIDs(t, f, types.QueryMetersRequest{Area: msg.Location.Area}), msg.Id)
			}
			f.RequireIndexesConsistent(t)
		})
	}

	uncompressed := func() []byte {
		// A 65-byte uncompressed encoding of a valid key: right curve point, wrong length.
		c := secpKey("m1")
		return append([]byte{0x04}, bytes.Repeat(c[1:], 2)...)
	}
	rejections := []struct {
		name string
		msg  func(f *keepertest.BalancingFixture) types.MsgRegisterMeter
		want error
	}{
		{"non-operator signer", func(*keepertest.BalancingFixture) types.MsgRegisterMeter {
			return with(func(m *types.MsgRegisterMeter) { m.Operator = prod })
		}, types.ErrUnauthorized},
		{"governance authority signer is not the operator", func(f *keepertest.BalancingFixture) types.MsgRegisterMeter {
			return with(func(m *types.MsgRegisterMeter) { m.Operator = f.Authority })
		}, types.ErrUnauthorized},
		{"empty id", edit(with, func(m *types.MsgRegisterMeter) { m.Id = "" }), types.ErrInvalidMeterID},
		{"id with a space", edit(with, func(m *types.MsgRegisterMeter) { m.Id = "CH 1012" }), types.ErrInvalidMeterID},
		{"id starting with a dot", edit(with, func(m *types.MsgRegisterMeter) { m.Id = ".CH1012" }), types.ErrInvalidMeterID},
		{"id with a slash", edit(with, func(m *types.MsgRegisterMeter) { m.Id = "CH/1012" }), types.ErrInvalidMeterID},
		{"id with a non-ASCII letter", edit(with, func(m *types.MsgRegisterMeter) { m.Id = "Zähler-1" }), types.ErrInvalidMeterID},
		{"id of 129 characters", edit(with, func(m *types.MsgRegisterMeter) { m.Id = strings.Repeat("M", 129) }), types.ErrInvalidMeterID},
		{"id with the reserved virtual: prefix", edit(with, func(m *types.MsgRegisterMeter) { m.Id = "virtual:CH1012" }), types.ErrInvalidMeterID},
		{"id of an existing virtual meter", edit(with, func(m *types.MsgRegisterMeter) {
			m.Id, m.Owner = types.VirtualMeterID(trad, solar), pros
		}), types.ErrInvalidMeterID},
		{"duplicate meter", edit(with, func(m *types.MsgRegisterMeter) { m.Id = existingID }), types.ErrMeterExists},
		{"duplicate meter registered for another owner", edit(with, func(m *types.MsgRegisterMeter) { m.Id, m.Owner = existingID, pros }), types.ErrMeterExists},
		{"empty owner", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = "" }), types.ErrInvalidAddress},
		{"malformed owner", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = badChecksumAddr("prod") }), types.ErrInvalidAddress},
		{"owner with another chain's prefix", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = otherPrefixAddr(t, "prod") }), types.ErrInvalidAddress},
		{"owner not admitted", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = testutil.Addr("nobody") }), types.ErrParticipantUnknown},
		{"excluded owner", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = excl }), types.ErrInvalidStatus},
		{"kind virtual", edit(with, func(m *types.MsgRegisterMeter) { m.Kind = virtual }), types.ErrInvalidMeterKind},
		{"kind unspecified", edit(with, func(m *types.MsgRegisterMeter) { m.Kind = types.MeterKind_METER_KIND_UNSPECIFIED }), types.ErrInvalidMeterKind},
		{"unknown kind", edit(with, func(m *types.MsgRegisterMeter) { m.Kind = types.MeterKind(7) }), types.ErrInvalidMeterKind},
		{"production meter of a consumer-only owner", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = cons }), types.ErrInvalidMeterKind},
		{"production meter of a retailer", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = retail }), types.ErrInvalidMeterKind},
		{"production meter of a trader-only owner", edit(with, func(m *types.MsgRegisterMeter) { m.Owner = trad }), types.ErrInvalidMeterKind},
		{"consumption meter of a producer-only owner", edit(with, func(m *types.MsgRegisterMeter) {
			m.Kind, m.Category = consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}), types.ErrInvalidMeterKind},
		{"consumption meter of a bank", edit(with, func(m *types.MsgRegisterMeter) {
			m.Owner, m.Kind, m.Category = bnk, consumption, types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}), types.ErrInvalidMeterKind},
		{"production meter without a category", edit(with, func(m *types.MsgRegisterMeter) {
			m.Category = types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}), types.ErrInvalidCategory},
		{"production meter with an unknown category", edit(with, func(m *types.MsgRegisterMeter) { m.Category = types.EnergyCategory(42) }), types.ErrInvalidCategory},
		{"consumption meter with a category", edit(with, func(m *types.MsgRegisterMeter) { m.Owner, m.Kind = cons, consumption }), types.ErrInvalidCategory},
		{"missing location", edit(with, func(m *types.MsgRegisterMeter) { m.Location = types.Location{} }), types.ErrInvalidLocation},
		{"coordinates but no grid node or area", edit(with, func(m *types.MsgRegisterMeter) {
			m.Location = types.Location{HasCoordinates: true, LatCenti: 4737, LonCenti: 854}
		}), types.ErrInvalidLocation},
		{"area that looks like a street address", edit(with, func(m *types.MsgRegisterMeter) { m.Location.Area = "Bahnhofstrasse 1" }), types.ErrInvalidLocation},
		{"area of 65 characters", edit(with, func(m *types.MsgRegisterMeter) { m.Location.Area = strings.Repeat("a", 65) }), types.ErrInvalidLocation},
		{"grid node with a hash sign", edit(with, func(m *types.MsgRegisterMeter) { m.Location.GridNode = "ZH#7" }), types.ErrInvalidLocation},
		{"latitude above 90 degrees", edit(with, func(m *types.MsgRegisterMeter) { m.Location.LatCenti = 9001 }), types.ErrInvalidLocation},
		{"latitude below -90 degrees", edit(with, func(m *types.MsgRegisterMeter) { m.Location.LatCenti = -9001 }), types.ErrInvalidLocation},
		{"longitude above 180 degrees", edit(with, func(m *types.MsgRegisterMeter) { m.Location.LonCenti = 18001 }), types.ErrInvalidLocation},
		{"longitude below -180 degrees", edit(with, func(m *types.MsgRegisterMeter) { m.Location.LonCenti = -18001 }), types.ErrInvalidLocation},
		{"coordinates without has_coordinates", edit(with, func(m *types.MsgRegisterMeter) { m.Location.HasCoordinates = false }), types.ErrInvalidLocation},
		{"secp256k1 key of 32 bytes", edit(with, func(m *types.MsgRegisterMeter) { m.PublicKey = m.PublicKey[:32] }), types.ErrInvalidPublicKey},
		{"secp256k1 key in 65-byte uncompressed form", edit(with, func(m *types.MsgRegisterMeter) { m.PublicKey = uncompressed() }), types.ErrInvalidPublicKey},
		{"secp256k1 key of 33 bytes not on the curve", func(*keepertest.BalancingFixture) types.MsgRegisterMeter {
			return with(func(m *types.MsgRegisterMeter) { m.PublicKey = notOnCurveKey(t) })
		}, types.ErrInvalidPublicKey},
		{"secp256k1 key of 33 bytes with x above the field prime", edit(with, func(m *types.MsgRegisterMeter) {
			m.PublicKey = append([]byte{0x02}, bytes.Repeat([]byte{0xff}, 32)...)
		}), types.ErrInvalidPublicKey},
		{"secp256k1 key of 33 bytes with an unknown prefix byte", edit(with, func(m *types.MsgRegisterMeter) {
			m.PublicKey = append([]byte{0x05}, m.PublicKey[1:]...)
		}), types.ErrInvalidPublicKey},
		{"secp256k1 algorithm without a key", edit(with, func(m *types.MsgRegisterMeter) { m.PublicKey = nil }), types.ErrInvalidPublicKey},
		{"ed25519 key of 31 bytes", edit(with, func(m *types.MsgRegisterMeter) { m.KeyAlgorithm, m.PublicKey = algEd25519, edKey("m")[:31] }), types.ErrInvalidPublicKey},
		{"ed25519 algorithm with a 33-byte secp256k1 key", edit(with, func(m *types.MsgRegisterMeter) { m.KeyAlgorithm = algEd25519 }), types.ErrInvalidPublicKey},
		{"unspecified key algorithm", edit(with, func(m *types.MsgRegisterMeter) { m.KeyAlgorithm = types.KeyAlgorithm_KEY_ALGORITHM_UNSPECIFIED }), types.ErrInvalidPublicKey},
		{"unknown key algorithm", edit(with, func(m *types.MsgRegisterMeter) { m.KeyAlgorithm = types.KeyAlgorithm(3) }), types.ErrInvalidPublicKey},
		{"no metering point kind", edit(with, func(m *types.MsgRegisterMeter) { m.PointKind = types.MeteringPointKind_METERING_POINT_KIND_UNSPECIFIED }), types.ErrInvalidPointKind},
		{"unknown metering point kind", edit(with, func(m *types.MsgRegisterMeter) { m.PointKind = types.MeteringPointKind(9) }), types.ErrInvalidPointKind},
		{"household opt-in without a consent hash", edit(with, func(m *types.MsgRegisterMeter) {
			m.PointKind = types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN
		}), types.ErrInvalidPointKind},
		{"household opt-in with a 31-byte consent hash", edit(with, func(m *types.MsgRegisterMeter) {
			m.PointKind, m.ConsentHash = types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN, edKey("c")[:31]
		}), types.ErrInvalidPointKind},
		{"company meter with a consent hash", edit(with, func(m *types.MsgRegisterMeter) { m.ConsentHash = edKey("c") }), types.ErrInvalidPointKind},
		{"aggregation point with a consent hash", edit(with, func(m *types.MsgRegisterMeter) {
			m.PointKind, m.ConsentHash = types.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT, edKey("c")
		}), types.ErrInvalidPointKind},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			msg := tc.msg(f)
			if msg.Operator == "" {
				msg.Operator = f.Operator
			}
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.RegisterMeter(f.Ctx, &msg)
				return err
			})
		})
	}
}

// edit adapts a with(...) edit to the rejection table's signature.
func edit(with func(func(*types.MsgRegisterMeter)) types.MsgRegisterMeter, e func(*types.MsgRegisterMeter)) func(*keepertest.BalancingFixture) types.MsgRegisterMeter {
	return func(*keepertest.BalancingFixture) types.MsgRegisterMeter { return with(e) }
}
