package keeper_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/testutil"
	keepertest "github.com/gridledger/gridledger/chain/testutil/keeper"
	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

func TestAdmitParticipant(t *testing.T) {
	alpha := testutil.Addr("alpha")
	existing := testutil.Addr("existing")
	setup := func(t *testing.T) *keepertest.BalancingFixture {
		f := keepertest.Balancing(t)
		f.Admit(t, admitMsg("existing", "10X-EXISTING-001", roles(producer)))
		f.ResetEvents()
		return f
	}
	traderMsg := func() types.MsgAdmitParticipant {
		return admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader), solar, wind)
	}

	successes := []struct {
		name       string
		msg        types.MsgAdmitParticipant
		wantMeters []types.Meter
	}{
		{
			name: "producer without traded categories gets no virtual meter",
			msg:  admitMsg("alpha", "12X-ALPHA-PROD-1", roles(producer)),
		},
		{
			name: "trader with solar and wind gets exactly virtual:<addr>:solar and virtual:<addr>:wind",
			msg:  traderMsg(),
			wantMeters: []types.Meter{
				{Id: "virtual:" + alpha + ":solar", Owner: alpha, Kind: virtual, Category: solar, Status: types.MeterStatus_METER_STATUS_ACTIVE, RegisteredHeight: keepertest.FixtureHeight},
				{Id: "virtual:" + alpha + ":wind", Owner: alpha, Kind: virtual, Category: wind, Status: types.MeterStatus_METER_STATUS_ACTIVE, RegisteredHeight: keepertest.FixtureHeight},
			},
		},
		{
			name: "retailer with hydro gets one virtual meter",
			msg:  admitMsg("alpha", "12X-ALPHA-RETAIL", roles(retailer, consumer), hydro),
			wantMeters: []types.Meter{
				{Id: "virtual:" + alpha + ":hydro", Owner: alpha, Kind: virtual, Category: hydro, Status: types.MeterStatus_METER_STATUS_ACTIVE, RegisteredHeight: keepertest.FixtureHeight},
			},
		},
		{
			name: "trader without traded categories gets no virtual meter",
			msg:  admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader)),
		},
		{
			name: "upper-case bech32 address is stored in canonical lower-case form",
			msg: func() types.MsgAdmitParticipant {
				m := traderMsg()
				m.Address = strings.ToUpper(alpha)
				m.TradedCategories = cats(solar)
				return m
			}(),
			wantMeters: []types.Meter{
				{Id: "virtual:" + alpha + ":solar", Owner: alpha, Kind: virtual, Category: solar, Status: types.MeterStatus_METER_STATUS_ACTIVE, RegisteredHeight: keepertest.FixtureHeight},
			},
		},
		{
			name: "shortest and longest legal ids and a 64-character display name are accepted",
			msg: func() types.MsgAdmitParticipant {
				m := admitMsg("alpha", "A1-", roles(producer))
				m.DisplayName = strings.Repeat("é", 32) // 64 bytes
				return m
			}(),
		},
	}
	for _, tc := range successes {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			msg := tc.msg
			msg.Operator = f.Operator
			res, err := f.Msgs.AdmitParticipant(f.Ctx, &msg)
			require.NoError(t, err)

			wantIDs := []string{}
			for _, m := range tc.wantMeters {
				wantIDs = append(wantIDs, m.Id)
			}
			require.Equal(t, wantIDs, append([]string{}, res.VirtualMeterIds...))

			require.Equal(t, types.Participant{
				Address:          alpha,
				LegalId:          msg.LegalId,
				DisplayName:      msg.DisplayName,
				Roles:            msg.Roles,
				Status:           active,
				PositionLimitWh:  msg.PositionLimitWh,
				TradedCategories: msg.TradedCategories,
				AdmittedHeight:   keepertest.FixtureHeight,
			}, participant(t, f, alpha))
			ok, err := f.Keeper.IsActiveParticipant(f.Ctx, testutil.AccAddress("alpha"))
			require.NoError(t, err)
			require.True(t, ok)

			res2, err := f.Queries.Meters(f.Ctx, &types.QueryMetersRequest{Owner: alpha})
			require.NoError(t, err)
			require.Equal(t, append([]types.Meter{}, tc.wantMeters...), append([]types.Meter{}, res2.Meters...))

			f.RequireEvent(t, &types.EventParticipantAdmitted{Address: alpha, LegalId: msg.LegalId, Roles: msg.Roles})
			require.Equal(t, 1, countTypes(f.EventTypes(), evAdmitted))
			require.Equal(t, len(tc.wantMeters), countTypes(f.EventTypes(), evMeter))
			for _, m := range tc.wantMeters {
				f.RequireEvent(t, &types.EventMeterRegistered{Id: m.Id, Owner: alpha, Kind: virtual, Category: m.Category})
			}
			f.RequireIndexesConsistent(t)
		})
	}

	rejections := []struct {
		name string
		edit func(m *types.MsgAdmitParticipant)
		want error
	}{
		{"non-operator signer", func(m *types.MsgAdmitParticipant) { m.Operator = testutil.Addr("mallory") }, types.ErrUnauthorized},
		{"governance authority signer is not the operator", func(m *types.MsgAdmitParticipant) { m.Operator = keepertest.GovAuthority() }, types.ErrUnauthorized},
		{"empty signer", func(m *types.MsgAdmitParticipant) { m.Operator = "" }, types.ErrUnauthorized},
		{"non-operator signer is refused before the fields are looked at", func(m *types.MsgAdmitParticipant) {
			m.Operator, m.Address, m.LegalId = existing, "", ""
		}, types.ErrUnauthorized},
		{"empty address", func(m *types.MsgAdmitParticipant) { m.Address = "" }, types.ErrInvalidAddress},
		{"malformed address", func(m *types.MsgAdmitParticipant) { m.Address = "grid1notanaddress" }, types.ErrInvalidAddress},
		{"address with a bad checksum", func(m *types.MsgAdmitParticipant) { m.Address = badChecksumAddr("alpha") }, types.ErrInvalidAddress},
		{"address with another chain's prefix", func(m *types.MsgAdmitParticipant) { m.Address = otherPrefixAddr(t, "alpha") }, types.ErrInvalidAddress},
		{"empty legal id", func(m *types.MsgAdmitParticipant) { m.LegalId = "" }, types.ErrInvalidLegalID},
		{"lower-case legal id", func(m *types.MsgAdmitParticipant) { m.LegalId = "12x-alpha-trade-1" }, types.ErrInvalidLegalID},
		{"legal id of 2 characters", func(m *types.MsgAdmitParticipant) { m.LegalId = "AB" }, types.ErrInvalidLegalID},
		{"legal id of 36 characters", func(m *types.MsgAdmitParticipant) { m.LegalId = strings.Repeat("A", 36) }, types.ErrInvalidLegalID},
		{"legal id with a space", func(m *types.MsgAdmitParticipant) { m.LegalId = "12X ALPHA" }, types.ErrInvalidLegalID},
		{"legal id starting with a dash", func(m *types.MsgAdmitParticipant) { m.LegalId = "-12XALPHA" }, types.ErrInvalidLegalID},
		{"legal id with a trailing newline", func(m *types.MsgAdmitParticipant) { m.LegalId = "12XALPHA\n" }, types.ErrInvalidLegalID},
		{"empty display name", func(m *types.MsgAdmitParticipant) { m.DisplayName = "" }, types.ErrInvalidDisplayName},
		{"blank display name", func(m *types.MsgAdmitParticipant) { m.DisplayName = "   " }, types.ErrInvalidDisplayName},
		{"display name of 65 characters", func(m *types.MsgAdmitParticipant) { m.DisplayName = strings.Repeat("x", 65) }, types.ErrInvalidDisplayName},
		{"display name with a control character", func(m *types.MsgAdmitParticipant) { m.DisplayName = "Alpha\x00AG" }, types.ErrInvalidDisplayName},
		{"display name that is not UTF-8", func(m *types.MsgAdmitParticipant) { m.DisplayName = "Alpha \xff AG" }, types.ErrInvalidDisplayName},
		{"no roles", func(m *types.MsgAdmitParticipant) { m.Roles, m.TradedCategories = nil, nil }, types.ErrInvalidRole},
		{"unspecified role", func(m *types.MsgAdmitParticipant) { m.Roles = roles(trader, types.Role_ROLE_UNSPECIFIED) }, types.ErrInvalidRole},
		{"unknown role", func(m *types.MsgAdmitParticipant) { m.Roles = roles(trader, types.Role(99)) }, types.ErrInvalidRole},
		{"duplicate role", func(m *types.MsgAdmitParticipant) { m.Roles = roles(trader, producer, trader) }, types.ErrInvalidRole},
		{"unknown traded category", func(m *types.MsgAdmitParticipant) { m.TradedCategories = cats(solar, types.EnergyCategory(99)) }, types.ErrInvalidCategory},
		{"unspecified traded category", func(m *types.MsgAdmitParticipant) {
			m.TradedCategories = cats(types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED)
		}, types.ErrInvalidCategory},
		{"duplicate traded category", func(m *types.MsgAdmitParticipant) { m.TradedCategories = cats(solar, wind, solar) }, types.ErrInvalidCategory},
		{"traded categories without the trader or retailer role", func(m *types.MsgAdmitParticipant) { m.Roles = roles(producer, consumer) }, types.ErrInvalidCategory},
		{"duplicate admission by address", func(m *types.MsgAdmitParticipant) { m.Address = existing }, types.ErrParticipantExists},
		{"duplicate admission by the upper-case form of an address", func(m *types.MsgAdmitParticipant) { m.Address = strings.ToUpper(existing) }, types.ErrParticipantExists},
		{"duplicate admission by legal id", func(m *types.MsgAdmitParticipant) { m.LegalId = "10X-EXISTING-001" }, types.ErrLegalIDTaken},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			msg := traderMsg()
			msg.Operator = f.Operator
			tc.edit(&msg)
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.AdmitParticipant(f.Ctx, &msg)
				return err
			})
		})
	}
}

func TestUpdateParticipant(t *testing.T) {
	alpha, bravo, charlie, delta := testutil.Addr("alpha"), testutil.Addr("bravo"), testutil.Addr("charlie"), testutil.Addr("delta")
	const later = keepertest.FixtureHeight + 10
	// setup admits alpha (trader: solar, wind), bravo (producer), charlie (consumer,
	// excluded) and delta (trader: solar, suspended), then moves to a later block.
	setup := func(t *testing.T) *keepertest.BalancingFixture {
		f := keepertest.Balancing(t)
		f.Admit(t, admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader), solar, wind))
		f.Admit(t, admitMsg("bravo", "12X-BRAVO-PROD-1", roles(producer)))
		f.Admit(t, admitMsg("charlie", "12X-CHARLIE-CONS", roles(consumer)))
		f.Admit(t, admitMsg("delta", "12X-DELTA-TRADE-1", roles(trader), solar))
		f.Exclude(t, charlie)
		f.Suspend(t, delta)
		f.Ctx = f.Ctx.WithBlockHeight(later)
		f.ResetEvents()
		return f
	}
	update := func(addr string, name string, rs []types.Role, cs ...types.EnergyCategory) types.MsgUpdateParticipant {
		return types.MsgUpdateParticipant{Address: addr, DisplayName: name, Roles: rs, PositionLimitWh: 2_000_000, TradedCategories: cs}
	}
	vm := func(addr string, c types.EnergyCategory) string { return types.VirtualMeterID(addr, c) }

	successes := []struct {
		name        string
		msg         types.MsgUpdateParticipant
		wantCreated []string
		wantStatus  types.ParticipantStatus
		wantMeters  []string // all meters of the participant afterwards
		check       func(t *testing.T, f *keepertest.BalancingFixture)
	}{
		{
			name:        "adding hydro creates one more virtual meter and keeps the others",
			msg:         update(alpha, "Alpha Trading", roles(trader), solar, wind, hydro),
			wantCreated: []string{vm(alpha, hydro)},
			wantStatus:  active,
			wantMeters:  []string{vm(alpha, hydro), vm(alpha, solar), vm(alpha, wind)},
			check: func(t *testing.T, f *keepertest.BalancingFixture) {
				res, err := f.Queries.Meter(f.Ctx, &types.QueryMeterRequest{Id: vm(alpha, hydro)})
				require.NoError(t, err)
				require.Equal(t, types.Meter{Id: vm(alpha, hydro), Owner: alpha, Kind: virtual, Category: hydro, Status: types.MeterStatus_METER_STATUS_ACTIVE, RegisteredHeight: later}, res.Meter)
				res, err = f.Queries.Meter(f.Ctx, &types.QueryMeterRequest{Id: vm(alpha, solar)})
				require.NoError(t, err)
				require.Equal(t, int64(keepertest.FixtureHeight), res.Meter.RegisteredHeight, "an existing virtual meter was rewritten")
				f.RequireEvent(t, &types.EventMeterRegistered{Id: vm(alpha, hydro), Owner: alpha, Kind: virtual, Category: hydro})
			},
		},
		{
			name:       "same traded categories create no virtual meter",
			msg:        update(alpha, "Alpha Trading", roles(trader), wind, solar),
			wantStatus: active,
			wantMeters: []string{vm(alpha, solar), vm(alpha, wind)},
		},
		{
			name:       "dropping a traded category keeps its virtual meter, as meters are never deleted",
			msg:        update(alpha, "Alpha Trading", roles(trader), solar),
			wantStatus: active,
			wantMeters: []string{vm(alpha, solar), vm(alpha, wind)},
		},
		{
			name:       "a role change moves the participant in the role index",
			msg:        update(bravo, "Bravo Energie", roles(consumer, prosumer)),
			wantStatus: active,
			wantMeters: []string{},
			check: func(t *testing.T, f *keepertest.BalancingFixture) {
				require.NotContains(t, participantAddrs(t, f, producer, 0), bravo)
				require.Contains(t, participantAddrs(t, f, consumer, active), bravo)
				require.Contains(t, participantAddrs(t, f, prosumer, active), bravo)
			},
		},
		{
			name:        "a producer who starts trading gets its virtual meter",
			msg:         update(bravo, "Bravo Energie", roles(producer, trader), wind),
			wantCreated: []string{vm(bravo, wind)},
			wantStatus:  active,
			wantMeters:  []string{vm(bravo, wind)},
		},
		{
			name:        "a suspended participant can be updated and stays suspended",
			msg:         update(delta, "Delta Handel", roles(trader, retailer), solar, wind),
			wantCreated: []string{vm(delta, wind)},
			wantStatus:  suspended,
			wantMeters:  []string{vm(delta, solar), vm(delta, wind)},
			check: func(t *testing.T, f *keepertest.BalancingFixture) {
				require.Contains(t, participantAddrs(t, f, retailer, suspended), delta)
				require.NotContains(t, participantAddrs(t, f, 0, active), delta)
			},
		},
		{
			name:       "upper-case address updates the same participant",
			msg:        update(strings.ToUpper(alpha), "Alpha Trading", roles(trader), solar, wind),
			wantStatus: active,
			wantMeters: []string{vm(alpha, solar), vm(alpha, wind)},
		},
	}
	for _, tc := range successes {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			addr := strings.ToLower(tc.msg.Address)
			before := participant(t, f, addr)
			msg := tc.msg
			msg.Operator = f.Operator
			res, err := f.Msgs.UpdateParticipant(f.Ctx, &msg)
			require.NoError(t, err)
			require.Equal(t, append([]string{}, tc.wantCreated...), append([]string{}, res.VirtualMeterIds...))

			want := before
			want.DisplayName, want.Roles, want.PositionLimitWh, want.TradedCategories = msg.DisplayName, msg.Roles, msg.PositionLimitWh, msg.TradedCategories
			want.Status = tc.wantStatus
			require.Equal(t, want, participant(t, f, addr), "legal id, status and admitted height must not change")
			require.Equal(t, tc.wantMeters, meterIDs(t, f, types.QueryMetersRequest{Owner: addr}))

			f.RequireEvent(t, &types.EventParticipantUpdated{Address: addr, Roles: msg.Roles, PositionLimitWh: msg.PositionLimitWh})
			require.Equal(t, len(tc.wantCreated), countTypes(f.EventTypes(), evMeter))
			require.Zero(t, countTypes(f.EventTypes(), evStatusChanged))
			if tc.check != nil {
				tc.check(t, f)
			}
			f.RequireIndexesConsistent(t)
		})
	}

	rejections := []struct {
		name string
		msg  func(f *keepertest.BalancingFixture) types.MsgUpdateParticipant
		want error
	}{
		{"non-operator signer", func(f *keepertest.BalancingFixture) types.MsgUpdateParticipant {
			m := update(alpha, "Alpha", roles(trader), solar)
			m.Operator = alpha
			return m
		}, types.ErrUnauthorized},
		{"governance authority signer is not the operator", func(f *keepertest.BalancingFixture) types.MsgUpdateParticipant {
			m := update(alpha, "Alpha", roles(trader), solar)
			m.Operator = f.Authority
			return m
		}, types.ErrUnauthorized},
		{"empty address", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update("", "Alpha", roles(trader))
		}, types.ErrInvalidAddress},
		{"malformed address", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(badChecksumAddr("alpha"), "Alpha", roles(trader))
		}, types.ErrInvalidAddress},
		{"empty display name", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant { return update(alpha, "", roles(trader)) }, types.ErrInvalidDisplayName},
		{"display name of 65 characters", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, strings.Repeat("n", 65), roles(trader))
		}, types.ErrInvalidDisplayName},
		{"no roles", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant { return update(alpha, "Alpha", nil) }, types.ErrInvalidRole},
		{"unknown role", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, "Alpha", roles(types.Role(42)))
		}, types.ErrInvalidRole},
		{"duplicate role", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, "Alpha", roles(trader, trader))
		}, types.ErrInvalidRole},
		{"unknown traded category", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, "Alpha", roles(trader), types.EnergyCategory(9))
		}, types.ErrInvalidCategory},
		{"duplicate traded category", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, "Alpha", roles(trader), hydro, hydro)
		}, types.ErrInvalidCategory},
		{"traded categories without the trader or retailer role", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(alpha, "Alpha", roles(producer), solar)
		}, types.ErrInvalidCategory},
		{"unknown participant", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(testutil.Addr("nobody"), "Nobody", roles(trader))
		}, types.ErrParticipantUnknown},
		{"excluded participant", func(*keepertest.BalancingFixture) types.MsgUpdateParticipant {
			return update(charlie, "Charlie", roles(consumer))
		}, types.ErrInvalidStatus},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			msg := tc.msg(f)
			if msg.Operator == "" {
				msg.Operator = f.Operator
			}
			requireRejected(t, f, tc.want, func() error {
				_, err := f.Msgs.UpdateParticipant(f.Ctx, &msg)
				return err
			})
		})
	}
}

// statusOp is one of the three status messages.
type statusOp string

const (
	opSuspend   statusOp = "suspend"
	opReinstate statusOp = "reinstate"
	opExclude   statusOp = "exclude"
)

func (op statusOp) run(f *keepertest.BalancingFixture, operator, addr, reason string) error {
	var err error
	switch op {
	case opSuspend:
		_, err = f.Msgs.SuspendParticipant(f.Ctx, &types.MsgSuspendParticipant{Operator: operator, Address: addr, ReasonCode: reason})
	case opReinstate:
		_, err = f.Msgs.ReinstateParticipant(f.Ctx, &types.MsgReinstateParticipant{Operator: operator, Address: addr})
	case opExclude:
		_, err = f.Msgs.ExcludeParticipant(f.Ctx, &types.MsgExcludeParticipant{Operator: operator, Address: addr, ReasonCode: reason})
	}
	return err
}

func TestParticipantStatusTransitions(t *testing.T) {
	alpha, bravo, charlie := testutil.Addr("alpha"), testutil.Addr("bravo"), testutil.Addr("charlie")
	// setup admits alpha (trader, active), bravo (producer, suspended) and charlie
	// (consumer, excluded).
	setup := func(t *testing.T) *keepertest.BalancingFixture {
		f := keepertest.Balancing(t)
		f.Admit(t, admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader), solar))
		f.Admit(t, admitMsg("bravo", "12X-BRAVO-PROD-1", roles(producer)))
		f.Admit(t, admitMsg("charlie", "12X-CHARLIE-CONS", roles(consumer)))
		f.Suspend(t, bravo)
		f.Exclude(t, charlie)
		f.ResetEvents()
		return f
	}

	successes := []struct {
		name       string
		op         statusOp
		addr       string
		reason     string
		from, to   types.ParticipantStatus
		wantActive bool
	}{
		{"suspend an active participant", opSuspend, alpha, "late_payment", active, suspended, false},
		{"suspend with an empty reason code", opSuspend, alpha, "", active, suspended, false},
		{"reinstate a suspended participant", opReinstate, bravo, "", suspended, active, true},
		{"exclude an active participant", opExclude, alpha, "left-market", active, excluded, false},
		{"exclude a suspended participant", opExclude, bravo, "fraud_2025", suspended, excluded, false},
		{"exclude with a 32-character reason code", opExclude, alpha, strings.Repeat("r", 32), active, excluded, false},
	}
	for _, tc := range successes {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			before := participant(t, f, tc.addr)
			require.Equal(t, tc.from, before.Status)
			require.NoError(t, tc.op.run(f, f.Operator, tc.addr, tc.reason))

			want := before
			want.Status = tc.to
			require.Equal(t, want, participant(t, f, tc.addr), "only the status may change")
			bz, err := testutil.AddressCodec.StringToBytes(tc.addr)
			require.NoError(t, err)
			ok, err := f.Keeper.IsActiveParticipant(f.Ctx, bz)
			require.NoError(t, err)
			require.Equal(t, tc.wantActive, ok)

			f.RequireEvent(t, &types.EventParticipantStatusChanged{Address: tc.addr, Previous: tc.from, Current: tc.to, ReasonCode: tc.reason})
			require.Equal(t, []string{evStatusChanged}, f.EventTypes())

			require.Contains(t, participantAddrs(t, f, 0, tc.to), tc.addr)
			require.NotContains(t, participantAddrs(t, f, 0, tc.from), tc.addr, "stale status index entry")
			for _, r := range before.Roles {
				require.Contains(t, participantAddrs(t, f, r, tc.to), tc.addr)
				require.NotContains(t, participantAddrs(t, f, r, tc.from), tc.addr, "stale role index entry")
			}
			f.RequireIndexesConsistent(t)
		})
	}

	type rejection struct {
		name     string
		op       statusOp
		operator string // "" means the grid operator
		addr     string
		reason   string
		want     error
	}
	var rejections []rejection
	for _, op := range []statusOp{opSuspend, opReinstate, opExclude} {
		target := map[statusOp]string{opSuspend: alpha, opReinstate: bravo, opExclude: alpha}[op]
		rejections = append(rejections,
			rejection{string(op) + " by a non-operator signer", op, alpha, target, "", types.ErrUnauthorized},
			rejection{string(op) + " by the governance authority", op, "gov", target, "", types.ErrUnauthorized},
			rejection{string(op) + " with an empty address", op, "", "", "", types.ErrInvalidAddress},
			rejection{string(op) + " with a malformed address", op, "", badChecksumAddr("alpha"), "", types.ErrInvalidAddress},
			rejection{string(op) + " of an unknown participant", op, "", testutil.Addr("nobody"), "", types.ErrParticipantUnknown},
		)
	}
	rejections = append(rejections,
		rejection{"suspend a suspended participant", opSuspend, "", bravo, "", types.ErrInvalidStatus},
		rejection{"suspend an excluded participant", opSuspend, "", charlie, "", types.ErrInvalidStatus},
		rejection{"reinstate an active participant", opReinstate, "", alpha, "", types.ErrInvalidStatus},
		rejection{"reinstate an excluded participant", opReinstate, "", charlie, "", types.ErrInvalidStatus},
		rejection{"exclude an excluded participant", opExclude, "", charlie, "", types.ErrInvalidStatus},
		rejection{"suspend with an upper-case reason code", opSuspend, "", alpha, "LATE_PAYMENT", types.ErrInvalidReasonCode},
		rejection{"suspend with a reason code containing spaces", opSuspend, "", alpha, "late payment", types.ErrInvalidReasonCode},
		rejection{"suspend with a 33-character reason code", opSuspend, "", alpha, strings.Repeat("r", 33), types.ErrInvalidReasonCode},
		rejection{"exclude with an upper-case reason code", opExclude, "", alpha, "Fraud", types.ErrInvalidReasonCode},
		rejection{"exclude with prose as reason code", opExclude, "", alpha, "did not pay, see letter", types.ErrInvalidReasonCode},
	)
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			operator := tc.operator
			switch operator {
			case "":
				operator = f.Operator
			case "gov":
				operator = f.Authority
			}
			requireRejected(t, f, tc.want, func() error { return tc.op.run(f, operator, tc.addr, tc.reason) })
		})
	}
}

// TestStatusChangesLeaveNoStaleIndexEntries walks one participant through every
// transition and checks after each step that the role and status indexes hold
// exactly what the record implies.
func TestStatusChangesLeaveNoStaleIndexEntries(t *testing.T) {
	f := keepertest.Balancing(t)
	alpha, bravo := testutil.Addr("alpha"), testutil.Addr("bravo")
	f.Admit(t, admitMsg("alpha", "12X-ALPHA-TRADE-1", roles(trader, retailer), solar))
	f.Admit(t, admitMsg("bravo", "12X-BRAVO-TRADE-1", roles(trader)))

	steps := []struct {
		name string
		do   func() error
		want types.ParticipantStatus
	}{
		{"suspend", func() error { return opSuspend.run(f, f.Operator, alpha, "audit") }, suspended},
		{"reinstate", func() error { return opReinstate.run(f, f.Operator, alpha, "") }, active},
		{"suspend again", func() error { return opSuspend.run(f, f.Operator, alpha, "audit") }, suspended},
		{"update while suspended", func() error {
			_, err := f.Msgs.UpdateParticipant(f.Ctx, &types.MsgUpdateParticipant{
				Operator: f.Operator, Address: alpha, DisplayName: "Alpha", Roles: roles(retailer), TradedCategories: cats(solar),
			})
			return err
		}, suspended},
		{"exclude", func() error { return opExclude.run(f, f.Operator, alpha, "") }, excluded},
	}
	all := []types.ParticipantStatus{active, suspended, excluded}
	for _, s := range steps {
		require.NoError(t, s.do(), s.name)
		p := participant(t, f, alpha)
		require.Equal(t, s.want, p.Status, s.name)
		for _, st := range all {
			addrs := participantAddrs(t, f, 0, st)
			require.Equal(t, st == s.want, contains(addrs, alpha), "%s: status=%s", s.name, st)
			for _, r := range []types.Role{trader, retailer} {
				addrs := participantAddrs(t, f, r, st)
				require.Equal(t, st == s.want && types.HasRole(p.Roles, r), contains(addrs, alpha), "%s: role=%s status=%s", s.name, r, st)
			}
		}
		require.Contains(t, participantAddrs(t, f, trader, active), bravo, "%s: the other trader is untouched", s.name)
		f.RequireIndexesConsistent(t)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// legalIDChars is the documented legal id alphabet, checked without the module's regexp.
func legalIDChars(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return len(id) >= 3 && len(id) <= 35
}

var virtualIDPattern = regexp.MustCompile(`^virtual:grid1[02-9ac-hj-np-z]{38}:(solar|wind|hydro|nuclear|coal|methane|biomass|other)$`)

// FuzzAdmitParticipant feeds arbitrary admissions to the msg server. Invariants: it
// never panics; a rejection is a registered x/balancing error that leaves the store
// and the event log untouched; an admission stores a record that passes the genesis
// validation, with a legal id of the documented form, and exactly one valid virtual
// meter per traded category.
func FuzzAdmitParticipant(f *testing.F) {
	fx := keepertest.Balancing(f)
	fx.Admit(f, admitMsg("existing", "10X-EXISTING-001", roles(producer)))
	alpha, existing := []byte(testutil.AccAddress("alpha")), []byte(testutil.AccAddress("existing"))

	b := func(xs ...int32) []byte {
		out := make([]byte, len(xs))
		for i, x := range xs {
			out[i] = byte(x)
		}
		return out
	}
	f.Add(alpha, "12X-ALPHA-TRADE-1", "Alpha AG", b(int32(trader)), b(int32(solar), int32(wind)))
	f.Add(alpha, "12X-ALPHA-PROD-1", "Alpha AG", b(int32(producer), int32(consumer)), b())
	f.Add(existing, "12X-ALPHA-TRADE-1", "Alpha AG", b(int32(trader)), b())
	f.Add(alpha, "10X-EXISTING-001", "Alpha AG", b(int32(trader)), b())
	f.Add(alpha, "12x-lower", "Alpha AG", b(int32(trader)), b())
	f.Add(alpha, "A1-", "\xff\xfe", b(int32(trader)), b())
	f.Add(alpha, "ABC", "Alpha AG", b(0), b())
	f.Add(alpha, "ABC", "Alpha AG", b(9), b())
	f.Add(alpha, "ABC", "Alpha AG", b(int32(retailer)), b(1, 1))
	f.Add(alpha, "ABC", "Alpha AG", b(int32(producer)), b(1))
	f.Add([]byte("grid1notanaddress"), "ABC", "Alpha AG", b(int32(trader)), b())
	f.Add([]byte{}, "", "", b(), b())

	f.Fuzz(func(t *testing.T, addr []byte, legalID, name string, rs, cs []byte) {
		ctx, _ := fx.Ctx.CacheContext()
		address := string(addr)
		if len(addr) == 20 {
			var err error
			address, err = testutil.AddressCodec.BytesToString(addr)
			require.NoError(t, err)
		}
		msg := &types.MsgAdmitParticipant{Operator: fx.Operator, Address: address, LegalId: legalID, DisplayName: name, PositionLimitWh: 7}
		for _, x := range rs {
			msg.Roles = append(msg.Roles, types.Role(int32(x)%10)) // 0 and 9 are invalid
		}
		for _, x := range cs {
			msg.TradedCategories = append(msg.TradedCategories, types.EnergyCategory(int32(x)%10)) // 0 and 9 are invalid
		}
		before := keepertest.DumpStore(t, ctx, fx.StoreKey())

		res, err := fx.Msgs.AdmitParticipant(ctx, msg)
		if err != nil {
			codespace, code, _ := errorsmod.ABCIInfo(err, false)
			require.Equal(t, types.ModuleName, codespace, "unregistered error %v", err)
			require.Greater(t, code, uint32(1), "internal error %v", err)
			require.Equal(t, before, keepertest.DumpStore(t, ctx, fx.StoreKey()), "rejected admission wrote state")
			require.Empty(t, ctx.EventManager().Events())
			return
		}

		require.True(t, legalIDChars(legalID), "accepted legal id %q", legalID)
		require.True(t, utf8.ValidString(name), "accepted display name %q", name)
		bz, err := testutil.AddressCodec.StringToBytes(address)
		require.NoError(t, err)
		p, ok, err := fx.Keeper.GetParticipant(ctx, bz)
		require.NoError(t, err)
		require.True(t, ok)
		require.NoError(t, p.Validate(), "admitted record fails genesis validation")
		require.Len(t, res.VirtualMeterIds, len(msg.TradedCategories))
		for _, id := range res.VirtualMeterIds {
			require.Regexp(t, virtualIDPattern, id)
			m, ok, err := fx.Keeper.GetMeter(ctx, id)
			require.NoError(t, err)
			require.True(t, ok)
			require.NoError(t, m.Validate(), "virtual meter fails genesis validation")
		}
	})
}
