package keeper_test

import (
	"crypto/sha256"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/bech32"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// Shorthands for the enums the tables use over and over.
const (
	producer = types.Role_ROLE_PRODUCER
	consumer = types.Role_ROLE_CONSUMER
	prosumer = types.Role_ROLE_PROSUMER
	trader   = types.Role_ROLE_TRADER
	retailer = types.Role_ROLE_RETAILER
	bank     = types.Role_ROLE_BANK

	solar = types.EnergyCategory_ENERGY_CATEGORY_SOLAR
	wind  = types.EnergyCategory_ENERGY_CATEGORY_WIND
	hydro = types.EnergyCategory_ENERGY_CATEGORY_HYDRO

	active    = types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE
	suspended = types.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED
	excluded  = types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED

	production  = types.MeterKind_METER_KIND_PRODUCTION
	consumption = types.MeterKind_METER_KIND_CONSUMPTION
	virtual     = types.MeterKind_METER_KIND_VIRTUAL

	algSecp    = types.KeyAlgorithm_KEY_ALGORITHM_SECP256K1
	algEd25519 = types.KeyAlgorithm_KEY_ALGORITHM_ED25519
)

// Event type names as clients see them.
const (
	evAdmitted      = "gridledger.balancing.v1.EventParticipantAdmitted"
	evUpdated       = "gridledger.balancing.v1.EventParticipantUpdated"
	evStatusChanged = "gridledger.balancing.v1.EventParticipantStatusChanged"
	evMeter         = "gridledger.balancing.v1.EventMeterRegistered"
	evOperator      = "gridledger.balancing.v1.EventGridOperatorChanged"
)

func roles(r ...types.Role) []types.Role { return r }

func cats(c ...types.EnergyCategory) []types.EnergyCategory { return c }

// admitMsg is a valid admission of testutil.Addr(seed); the fixture fills the operator.
func admitMsg(seed, legalID string, rs []types.Role, cs ...types.EnergyCategory) types.MsgAdmitParticipant {
	return types.MsgAdmitParticipant{
		Address:          testutil.Addr(seed),
		LegalId:          legalID,
		DisplayName:      seed + " AG",
		Roles:            rs,
		PositionLimitWh:  1_000_000,
		TradedCategories: cs,
	}
}

// secpKey is a valid compressed secp256k1 public key derived from seed.
func secpKey(seed string) []byte {
	sum := sha256.Sum256([]byte(seed))
	return secp256k1.PrivKeyFromBytes(sum[:]).PubKey().SerializeCompressed()
}

// edKey is 32 bytes, which is all ed25519 asks of a public key's form.
func edKey(seed string) []byte {
	sum := sha256.Sum256([]byte("ed25519:" + seed))
	return sum[:]
}

// otherPrefixAddr is a well-formed bech32 address of another chain.
func otherPrefixAddr(t testing.TB, seed string) string {
	s, err := bech32.ConvertAndEncode("cosmos", testutil.AccAddress(seed))
	require.NoError(t, err)
	return s
}

// badChecksumAddr is a grid address with its last character changed.
func badChecksumAddr(seed string) string {
	a := []byte(testutil.Addr(seed))
	if a[len(a)-1] == 'q' {
		a[len(a)-1] = 'p'
	} else {
		a[len(a)-1] = 'q'
	}
	return string(a)
}

// requireRejected runs call and checks that it fails with want (errors.Is) and that
// the rejection left no trace: same raw store (indexes included), same exported
// genesis, no events.
func requireRejected(t *testing.T, f *keepertest.BalancingFixture, want error, call func() error) {
	t.Helper()
	dump, exported := f.StoreDump(t), f.Export(t)
	f.ResetEvents()
	err := call()
	require.ErrorIs(t, err, want)
	require.Equal(t, dump, f.StoreDump(t), "a rejected message changed the store")
	require.Equal(t, exported, f.Export(t), "a rejected message changed the exported genesis")
	require.Empty(t, f.Events(), "a rejected message emitted events")
}

// participant reads a participant back through the query service.
func participant(t *testing.T, f *keepertest.BalancingFixture, addr string) types.Participant {
	t.Helper()
	res, err := f.Queries.Participant(f.Ctx, &types.QueryParticipantRequest{Address: addr})
	require.NoError(t, err)
	return res.Participant
}

// participantAddrs lists the addresses the Participants query returns for role and status.
func participantAddrs(t *testing.T, f *keepertest.BalancingFixture, role types.Role, status types.ParticipantStatus) []string {
	t.Helper()
	res, err := f.Queries.Participants(f.Ctx, &types.QueryParticipantsRequest{Role: role, Status: status})
	require.NoError(t, err)
	out := []string{}
	for _, p := range res.Participants {
		out = append(out, p.Address)
	}
	return out
}

// meterIDs lists the ids the Meters query returns for req.
func meterIDs(t *testing.T, f *keepertest.BalancingFixture, req types.QueryMetersRequest) []string {
	t.Helper()
	res, err := f.Queries.Meters(f.Ctx, &req)
	require.NoError(t, err)
	out := []string{}
	for _, m := range res.Meters {
		out = append(out, m.Id)
	}
	return out
}

// countTypes counts want in a list of event types.
func countTypes(got []string, want string) int {
	n := 0
	for _, g := range got {
		if g == want {
			n++
		}
	}
	return n
}
