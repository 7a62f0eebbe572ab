package keeper

import (
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

type readingKey = collections.Pair[uint64, string]

// candidate is a reading that passed every check but its signature and in-batch replay.
type candidate struct {
	index int
	key   readingKey
	meter balancingtypes.Meter
}

// ingest runs the three phases of a batch (docs/adr/010): (1) every reading is checked
// against its form and the state, in order, and refused on the first failing check;
// (2) the remaining signatures are paid for, then verified, in parallel for a large batch;
// (3) in batch order, a verified reading whose (period, meter) no earlier reading of the
// batch took is stored and counted in its period's totals. Refused readings write nothing.
func (k Keeper) ingest(ctx sdk.Context, params types.Params, readings []types.SignedReading) (*types.MsgSubmitReadingsResponse, error) {
	periodSeconds, err := k.energy.PeriodSeconds(ctx)
	if err != nil {
		return nil, err
	}
	current := uint64(0)
	if now := ctx.BlockTime().Unix(); now > 0 {
		current = uint64(now) / periodSeconds
	}
	// Readings of a pruned period are refused whatever the window says: a governance
	// widening of the window must not let a pruned reading be replayed into its totals.
	pruning, err := k.pruneProgress(ctx)
	if err != nil {
		return nil, err
	}
	chainID := ctx.ChainID()
	outcomes := make([]types.ReadingOutcome, len(readings))
	meters := map[string]*balancingtypes.Meter{} // nil: not registered
	totals := map[uint64]*types.PeriodTotals{}   // the batch's running totals, read once per period
	cands := make([]candidate, 0, len(readings))
	checks := make([]sigCheck, 0, len(readings))

	// Phase 1: form and state.
	for i := range readings {
		r := &readings[i]
		outcomes[i].Index = uint32(i)
		meter, err := k.checkReading(ctx, params, current, pruning.NextPeriod, meters, totals, r)
		if err != nil {
			if !isReadingRefusal(err) {
				return nil, err
			}
			outcomes[i] = refusal(i, err)
			continue
		}
		cands = append(cands, candidate{index: i, key: collections.Join(r.Period, r.MeterId), meter: *meter})
		checks = append(checks, sigCheck{alg: meter.KeyAlgorithm, key: meter.PublicKey, msg: types.ReadingSignBytes(chainID, *r), sig: r.Signature})
	}

	// Phase 2: pay for every signature, then verify them all.
	for _, c := range checks {
		gas := params.VerifyGasEd25519
		if c.alg == balancingtypes.KeyAlgorithm_KEY_ALGORITHM_SECP256K1 {
			gas = params.VerifyGasSecp256K1
		}
		ctx.GasMeter().ConsumeGas(gas, "meter reading signature")
	}
	verifyAll(checks)

	// Phase 3: store in batch order. taken is keyed by value: collections.Pair holds
	// pointers, so two equal pairs are different map keys.
	type slot struct {
		period uint64
		meter  string
	}
	taken := make(map[slot]bool, len(cands))
	dirty := map[uint64]bool{} // periods whose totals this batch changed
	var accepted uint32
	for j, c := range cands {
		r := readings[c.index]
		if !checks[j].ok {
			outcomes[c.index] = refusal(c.index, errorsmod.Wrapf(types.ErrBadSignature,
				"reading of meter %s for period %d: the signature does not verify with the meter's %s key: sign the ADR 010 bytes for chain %s with the meter's current key",
				r.MeterId, r.Period, c.meter.KeyAlgorithm, chainID))
			continue
		}
		if taken[slot{r.Period, r.MeterId}] {
			outcomes[c.index] = refusal(c.index, replay(r))
			continue
		}
		t, err := k.loadTotals(ctx, totals, r.Period)
		if err != nil {
			return nil, err
		}
		stored := types.Reading{
			MeterId: r.MeterId, Period: r.Period, Wh: r.Wh, Commitment: r.Commitment, Signature: r.Signature,
			Kind: c.meter.Kind, PointKind: c.meter.PointKind, Height: ctx.BlockHeight(),
		}
		next := *t
		if err := next.Add(stored); err != nil {
			outcomes[c.index] = refusal(c.index, errorsmod.Wrap(types.ErrMalformedReading, err.Error()))
			continue
		}
		if err := k.Readings.Set(ctx, c.key, stored); err != nil {
			return nil, err
		}
		*t = next
		dirty[r.Period] = true
		taken[slot{r.Period, r.MeterId}] = true
		outcomes[c.index] = types.ReadingOutcome{Index: uint32(c.index), Accepted: true}
		accepted++
	}
	periods := make([]uint64, 0, len(dirty))
	for p := range dirty {
		periods = append(periods, p)
	}
	sort.Slice(periods, func(i, j int) bool { return periods[i] < periods[j] })
	for _, p := range periods {
		if err := k.PeriodTotals.Set(ctx, p, *totals[p]); err != nil {
			return nil, err
		}
	}
	for i, o := range outcomes {
		if o.Accepted {
			continue
		}
		if err := ctx.EventManager().EmitTypedEvent(&types.EventReadingRefused{
			Index: o.Index, MeterId: readings[i].MeterId, Period: readings[i].Period, Code: o.Code,
		}); err != nil {
			return nil, err
		}
	}
	return &types.MsgSubmitReadingsResponse{Accepted: accepted, Outcomes: outcomes}, nil
}

// checkReading runs every check of a reading but its signature, cheapest first, and
// returns its meter. meters caches the batch's meter look-ups (nil: not registered);
// periods before prunedBefore are pruned.
func (k Keeper) checkReading(ctx sdk.Context, params types.Params, current, prunedBefore uint64, meters map[string]*balancingtypes.Meter,
	totals map[uint64]*types.PeriodTotals, r *types.SignedReading,
) (*balancingtypes.Meter, error) {
	if err := types.ValidateSignedReading(*r, true); err != nil {
		return nil, err
	}
	meter, cached := meters[r.MeterId]
	if !cached {
		m, ok, err := k.registry.GetMeter(ctx, r.MeterId)
		if err != nil {
			return nil, err
		}
		if ok {
			meter = &m
		}
		meters[r.MeterId] = meter
	}
	switch {
	case meter == nil:
		return nil, errorsmod.Wrapf(types.ErrUnknownMeter, "meter %s is not registered on %s: check the id, or ask the grid operator to register the meter", r.MeterId, ctx.ChainID())
	case meter.Kind == balancingtypes.MeterKind_METER_KIND_VIRTUAL:
		return nil, errorsmod.Wrapf(types.ErrVirtualMeter, "meter %s is a trader's virtual meter: only physical meters send readings", r.MeterId)
	case meter.Status == balancingtypes.MeterStatus_METER_STATUS_RETIRED:
		return nil, errorsmod.Wrapf(types.ErrRetiredMeter, "meter %s was retired at height %d: its readings are no longer accepted", r.MeterId, meter.RetiredHeight)
	case r.Period >= current:
		return nil, errorsmod.Wrapf(types.ErrPeriodNotEnded, "period %d has not ended (the current period is %d): submit its reading once it is over", r.Period, current)
	case current > r.Period+params.ReadingWindowPeriods:
		return nil, errorsmod.Wrapf(types.ErrWindowClosed, "period %d's reading window closed after period %d (the current period is %d): readings are accepted for %d periods after their period ends",
			r.Period, r.Period+params.ReadingWindowPeriods, current, params.ReadingWindowPeriods)
	case r.Period < prunedBefore:
		return nil, errorsmod.Wrapf(types.ErrWindowClosed, "period %d's readings were pruned after its dispute window (every period before %d is): no reading is accepted for it any more",
			r.Period, prunedBefore)
	}
	aggregation := meter.PointKind == balancingtypes.MeteringPointKind_METERING_POINT_KIND_AGGREGATION_POINT
	if aggregation && len(r.Commitment) != types.CommitmentLen {
		return nil, errorsmod.Wrapf(types.ErrMalformedCommitment, "meter %s is an aggregation point: its reading needs the %d-byte commitment of its households (gridd delivery commitment)", r.MeterId, types.CommitmentLen)
	}
	if !aggregation && len(r.Commitment) != 0 {
		return nil, errorsmod.Wrapf(types.ErrMalformedCommitment, "meter %s is not an aggregation point: leave commitment empty", r.MeterId)
	}
	// A period without totals has no stored reading: the first batch of a period (the common
	// case, one batch per period and data hub) skips the look-up of a key that is not there,
	// which walks the whole store tree. Pruning keeps totals, so a pruned period still looks.
	t, err := k.loadTotals(ctx, totals, r.Period)
	if err != nil {
		return nil, err
	}
	if t.Readings > 0 {
		has, err := k.Readings.Has(ctx, collections.Join(r.Period, r.MeterId))
		if err != nil {
			return nil, err
		}
		if has {
			return nil, replay(*r)
		}
	}
	return meter, nil
}

func replay(r types.SignedReading) error {
	return errorsmod.Wrapf(types.ErrReplay, "meter %s already has a reading for period %d: one reading per meter and period, and it is never replaced", r.MeterId, r.Period)
}

// loadTotals returns the batch's running totals of period p, read from the store once.
func (k Keeper) loadTotals(ctx sdk.Context, totals map[uint64]*types.PeriodTotals, p uint64) (*types.PeriodTotals, error) {
	if t, ok := totals[p]; ok {
		return t, nil
	}
	t, err := k.PeriodTotals.Get(ctx, p)
	if isNotFound(err) {
		t, err = types.PeriodTotals{Period: p}, nil
	}
	if err != nil {
		return nil, err
	}
	totals[p] = &t
	return &t, nil
}

// readingRefusals are the errors that refuse one reading rather than fail the batch.
var readingRefusals = []*errorsmod.Error{
	types.ErrBadSignature, types.ErrUnknownMeter, types.ErrVirtualMeter, types.ErrRetiredMeter, types.ErrPeriodNotEnded,
	types.ErrWindowClosed, types.ErrReplay, types.ErrMalformedCommitment, types.ErrMalformedReading,
}

func isReadingRefusal(err error) bool {
	for _, r := range readingRefusals {
		if errorsmod.IsOf(err, r) {
			return true
		}
	}
	return false
}

// refusal is the outcome of a refused reading: its registered code and the sentence.
func refusal(i int, err error) types.ReadingOutcome {
	_, code, _ := errorsmod.ABCIInfo(err, false)
	return types.ReadingOutcome{Index: uint32(i), Code: code, Reason: err.Error()}
}
