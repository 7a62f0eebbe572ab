package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// validGenesis holds a producer with a solar meter, a suspended trader with its
// virtual solar meter and an excluded consumer with a consumption meter.
func validGenesis() types.GenesisState {
	prod, trad, cons := testutil.Addr("prod"), testutil.Addr("trad"), testutil.Addr("cons")
	return types.GenesisState{
		Params: types.Params{GridOperator: testutil.Addr("operator")},
		Participants: []types.Participant{
			{Address: prod, LegalId: "12X-PROD-0000001", DisplayName: "Prod AG", Roles: []types.Role{types.Role_ROLE_PRODUCER}, Status: types.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE, AdmittedHeight: 1},
			{
				Address: trad, LegalId: "12X-TRAD-0000001", DisplayName: "Trad AG", Roles: []types.Role{types.Role_ROLE_TRADER},
				Status: types.ParticipantStatus_PARTICIPANT_STATUS_SUSPENDED, TradedCategories: []types.EnergyCategory{types.EnergyCategory_ENERGY_CATEGORY_SOLAR},
			},
			{Address: cons, LegalId: "12X-CONS-0000001", DisplayName: "Cons AG", Roles: []types.Role{types.Role_ROLE_CONSUMER}, Status: types.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED},
		},
		Meters: []types.Meter{
			{
				Id: "CH-PROD-1", Owner: prod, Kind: types.MeterKind_METER_KIND_PRODUCTION, Category: types.EnergyCategory_ENERGY_CATEGORY_SOLAR,
				Location: types.Location{Area: "CH-ZH"}, KeyAlgorithm: types.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
				PointKind: types.MeteringPointKind_METERING_POINT_KIND_COMPANY, Status: types.MeterStatus_METER_STATUS_ACTIVE,
			},
			{
				Id: types.VirtualMeterID(trad, types.EnergyCategory_ENERGY_CATEGORY_SOLAR), Owner: trad,
				Kind: types.MeterKind_METER_KIND_VIRTUAL, Category: types.EnergyCategory_ENERGY_CATEGORY_SOLAR,
				Status: types.MeterStatus_METER_STATUS_ACTIVE,
			},
			{
				Id: "CH-CONS-1", Owner: cons, Kind: types.MeterKind_METER_KIND_CONSUMPTION,
				Location: types.Location{GridNode: "ZH-SUB-7"}, KeyAlgorithm: types.KeyAlgorithm_KEY_ALGORITHM_ED25519, PublicKey: make([]byte, 32),
				PointKind: types.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT, Status: types.MeterStatus_METER_STATUS_RETIRED, RetiredHeight: 5,
			},
		},
	}
}

func TestGenesisStateValidate(t *testing.T) {
	testutil.SetBech32Prefixes()
	prod, trad := testutil.Addr("prod"), testutil.Addr("trad")

	cases := []struct {
		name string
		edit func(gs *types.GenesisState)
		want error // nil: valid
	}{
		{"default genesis", func(gs *types.GenesisState) { *gs = *types.DefaultGenesis() }, nil},
		{"registry with every status and meter kind", func(*types.GenesisState) {}, nil},
		{"registry without an operator yet", func(gs *types.GenesisState) { gs.Params.GridOperator = "" }, nil},
		{"malformed operator", func(gs *types.GenesisState) { gs.Params.GridOperator = "grid1notanaddress" }, types.ErrInvalidAddress},
		{"duplicate participant", func(gs *types.GenesisState) {
			p := gs.Participants[0]
			p.LegalId = "12X-OTHER-000001"
			gs.Participants = append(gs.Participants, p)
		}, types.ErrInvalidGenesis},
		{"duplicate participant written once in upper-case bech32", func(gs *types.GenesisState) {
			p := gs.Participants[0]
			p.Address, p.LegalId = strings.ToUpper(p.Address), "12X-OTHER-000001"
			gs.Participants = append(gs.Participants, p)
		}, types.ErrInvalidAddress},
		{"duplicate legal id", func(gs *types.GenesisState) {
			gs.Participants[1].LegalId = gs.Participants[0].LegalId
		}, types.ErrInvalidGenesis},
		{"participant with a malformed address", func(gs *types.GenesisState) { gs.Participants[0].Address = "grid1xyz" }, types.ErrInvalidAddress},
		{"participant with another chain's prefix", func(gs *types.GenesisState) {
			gs.Participants[0].Address = "cosmos1" + strings.TrimPrefix(gs.Participants[0].Address, "grid1")
		}, types.ErrInvalidAddress},
		{"participant with a lower-case legal id", func(gs *types.GenesisState) { gs.Participants[0].LegalId = "12x-prod" }, types.ErrInvalidLegalID},
		{"participant with a blank display name", func(gs *types.GenesisState) { gs.Participants[0].DisplayName = " " }, types.ErrInvalidDisplayName},
		{"participant without roles", func(gs *types.GenesisState) { gs.Participants[0].Roles = nil }, types.ErrInvalidRole},
		{"participant with traded categories but no trader role", func(gs *types.GenesisState) {
			gs.Participants[1].Roles = []types.Role{types.Role_ROLE_PRODUCER}
		}, types.ErrInvalidCategory},
		{"participant with unspecified status", func(gs *types.GenesisState) {
			gs.Participants[0].Status = types.ParticipantStatus_PARTICIPANT_STATUS_UNSPECIFIED
		}, types.ErrInvalidStatus},
		{"participant with unknown status", func(gs *types.GenesisState) { gs.Participants[0].Status = types.ParticipantStatus(9) }, types.ErrInvalidStatus},
		{"duplicate meter", func(gs *types.GenesisState) { gs.Meters = append(gs.Meters, gs.Meters[0]) }, types.ErrInvalidGenesis},
		{"meter whose owner is not a participant", func(gs *types.GenesisState) { gs.Meters[0].Owner = testutil.Addr("nobody") }, types.ErrInvalidGenesis},
		{"meter whose owner is written in upper-case bech32", func(gs *types.GenesisState) {
			gs.Meters[0].Owner = strings.ToUpper(gs.Meters[0].Owner)
		}, types.ErrInvalidAddress},
		{"meter with a malformed owner", func(gs *types.GenesisState) { gs.Meters[0].Owner = "grid1xyz" }, types.ErrInvalidAddress},
		{"virtual meter with the id of another category", func(gs *types.GenesisState) {
			gs.Meters[1].Id = types.VirtualMeterID(trad, types.EnergyCategory_ENERGY_CATEGORY_WIND)
		}, types.ErrInvalidMeterID},
		{"virtual meter with another owner's id", func(gs *types.GenesisState) {
			gs.Meters[1].Id = types.VirtualMeterID(prod, types.EnergyCategory_ENERGY_CATEGORY_SOLAR)
		}, types.ErrInvalidMeterID},
		{"virtual meter with a chosen id", func(gs *types.GenesisState) { gs.Meters[1].Id = "TRADER-SOLAR" }, types.ErrInvalidMeterID},
		{"virtual meter without category", func(gs *types.GenesisState) {
			gs.Meters[1].Category = types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED
		}, types.ErrInvalidCategory},
		{"physical meter with the virtual: prefix", func(gs *types.GenesisState) { gs.Meters[0].Id = "virtual:CH-PROD-1" }, types.ErrInvalidMeterID},
		{"physical meter of unspecified kind", func(gs *types.GenesisState) { gs.Meters[0].Kind = types.MeterKind_METER_KIND_UNSPECIFIED }, types.ErrInvalidMeterKind},
		{"consumption meter with a category", func(gs *types.GenesisState) {
			gs.Meters[2].Category = types.EnergyCategory_ENERGY_CATEGORY_WIND
		}, types.ErrInvalidCategory},
		{"physical meter without location", func(gs *types.GenesisState) { gs.Meters[0].Location = types.Location{} }, types.ErrInvalidLocation},
		{"physical meter with a 31-byte ed25519 key", func(gs *types.GenesisState) { gs.Meters[0].PublicKey = make([]byte, 31) }, types.ErrInvalidPublicKey},
		{"household that opted in, with consent hash and height", func(gs *types.GenesisState) {
			gs.Meters[0].PointKind = types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN
			gs.Meters[0].ConsentHash, gs.Meters[0].ConsentHeight = make([]byte, 32), 3
		}, nil},
		{"physical meter without a metering point kind", func(gs *types.GenesisState) {
			gs.Meters[0].PointKind = types.MeteringPointKind_METERING_POINT_KIND_UNSPECIFIED
		}, types.ErrInvalidPointKind},
		{"household opt-in without its consent height", func(gs *types.GenesisState) {
			gs.Meters[0].PointKind, gs.Meters[0].ConsentHash = types.MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN, make([]byte, 32)
		}, types.ErrInvalidPointKind},
		{"company meter with a consent height", func(gs *types.GenesisState) { gs.Meters[0].ConsentHeight = 3 }, types.ErrInvalidPointKind},
		{"virtual meter with a metering point kind", func(gs *types.GenesisState) {
			gs.Meters[1].PointKind = types.MeteringPointKind_METERING_POINT_KIND_COMPANY
		}, types.ErrInvalidPointKind},
		{"meter without status", func(gs *types.GenesisState) { gs.Meters[0].Status = types.MeterStatus_METER_STATUS_UNSPECIFIED }, types.ErrInvalidStatus},
		{"active meter with a retired height", func(gs *types.GenesisState) { gs.Meters[0].RetiredHeight = 4 }, types.ErrInvalidStatus},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.edit(&gs)
			err := gs.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}
