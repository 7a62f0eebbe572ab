package keeper

import (
	"context"
	"fmt"
	"sort"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// AggregateSides keeps one side of several tokens and emits one token with their
// cumulative characteristics (seed §3.2.2): a retailer holding consumer sides bought
// from several producers sells one product. Energy and CO2 are transposed exactly;
// category and origin shard must be homogeneous. The emitter owns both sides of the new
// token, so its net position does not move; the kept sides back the new token.
func (m msgServer) AggregateSides(ctx context.Context, msg *types.MsgAggregateSides) (*types.MsgAggregateSidesResponse, error) {
	owner, err := m.emitter(ctx, msg.Owner, msg.Side)
	if err != nil {
		return nil, err
	}
	if len(msg.SourceTokenIds) < 2 {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "source_token_ids needs at least two tokens (one token is disaggregated, not aggregated)")
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if uint64(len(msg.SourceTokenIds)) > params.MaxMergeInputs {
		return nil, errorsmod.Wrapf(types.ErrTooManyInputs, "source_token_ids lists %d tokens, more than max_merge_inputs %d: aggregate in several steps, aggregating the results again",
			len(msg.SourceTokenIds), params.MaxMergeInputs)
	}
	sources := make([]types.Token, 0, len(msg.SourceTokenIds))
	seen := map[uint64]bool{}
	for _, id := range msg.SourceTokenIds {
		if seen[id] {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "token %d listed twice", id)
		}
		seen[id] = true
		src, err := m.keptSource(ctx, id, msg.Owner, msg.Side)
		if err != nil {
			return nil, err
		}
		if len(sources) > 0 {
			if err := homogeneous(sources[0], src); err != nil {
				return nil, err
			}
		}
		sources = append(sources, src)
	}
	// Stable, as in a merge: the emitted shape never depends on the sort algorithm.
	sort.SliceStable(sources, func(i, j int) bool { return sources[i].FirstPeriod < sources[j].FirstPeriod })
	shape, co2, _, err := combine(params, sources)
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(sources))
	for i, s := range sources {
		ids[i] = s.Id
	}
	emission, err := m.emission(ctx, owner, shape, msg.Side, ids, msg.ProducerMeterId, msg.ConsumerMeterId, msg.FaceValuePerMwh, msg.Terms)
	if err != nil {
		return nil, err
	}
	emitted, err := m.shaped(ctx, emission, shape, co2.Uint64())
	if err != nil {
		return nil, err
	}
	if err := m.checkPositionChange(ctx, fmt.Sprintf("aggregating tokens %v", ids), nil, []types.Token{emitted}); err != nil {
		return nil, err
	}
	if emitted.Id, err = m.TokenSeq.Next(ctx); err != nil {
		return nil, err
	}
	if err := m.setToken(ctx, nil, emitted); err != nil {
		return nil, err
	}
	if err := m.commit(ctx, sources, msg.Side, []uint64{emitted.Id}); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSidesAggregated{
		TokenId: emitted.Id, Side: msg.Side, Sources: ids, Owner: msg.Owner,
	}); err != nil {
		return nil, err
	}
	return &types.MsgAggregateSidesResponse{TokenId: emitted.Id}, nil
}

// DisaggregateSide keeps one side of a token and emits tokens with its split
// characteristics (seed §3.2.2): by volume or by time, as a split does, with CO2 and the
// cancellation fee shared in proportion to energy so that both add up exactly.
func (m msgServer) DisaggregateSide(ctx context.Context, msg *types.MsgDisaggregateSide) (*types.MsgDisaggregateSideResponse, error) {
	owner, err := m.emitter(ctx, msg.Owner, msg.Side)
	if err != nil {
		return nil, err
	}
	src, err := m.keptSource(ctx, msg.SourceTokenId, msg.Owner, msg.Side)
	if err != nil {
		return nil, err
	}
	shapes, err := m.splitShapes(ctx, src, msg.WhParts, msg.SplitAfterPeriod)
	if err != nil {
		return nil, err
	}
	co2 := share(math.NewIntFromUint64(src.Co2Grams), src.TotalWh(), shapes)
	whole := src // the parts add up to the source's shape, so the positions move by it once
	emission, err := m.emission(ctx, owner, src, msg.Side, []uint64{src.Id}, msg.ProducerMeterId, msg.ConsumerMeterId, msg.FaceValuePerMwh, msg.Terms)
	if err != nil {
		return nil, err
	}
	emitted := make([]types.Token, len(shapes))
	for i, shape := range shapes {
		if emitted[i], err = m.shaped(ctx, emission, shape, co2[i].Uint64()); err != nil {
			return nil, err
		}
	}
	fees := share(msg.Terms.CancellationFee, src.TotalWh(), shapes)
	what := fmt.Sprintf("disaggregating token %d", src.Id)
	whole.Producer.Owner, whole.Consumer.Owner = owner.Address, owner.Address
	if err := m.checkPositionChange(ctx, what, nil, []types.Token{whole}); err != nil {
		return nil, err
	}
	ids := make([]uint64, len(emitted))
	for i := range emitted {
		if ids[i], err = m.TokenSeq.Next(ctx); err != nil {
			return nil, err
		}
		emitted[i].Id, emitted[i].Terms.CancellationFee = ids[i], fees[i]
		// Stored without position writes (a month-long part would cost a record per day
		// per side); the owner's records take the whole shape once below.
		if err := m.setLineageToken(ctx, nil, emitted[i]); err != nil {
			return nil, err
		}
	}
	ownerAddr, err := m.parseAddress("owner", owner.Address)
	if err != nil {
		return nil, err
	}
	for _, s := range sides {
		if err := m.addHolding(ctx, ownerAddr, s, whole.FirstPeriod, whole.LastPeriod, whole.WhPerPeriod, false); err != nil {
			return nil, err
		}
	}
	if err := m.commit(ctx, []types.Token{src}, msg.Side, ids); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSideDisaggregated{
		SourceTokenId: src.Id, Side: msg.Side, TokenIds: ids, Owner: msg.Owner,
	}); err != nil {
		return nil, err
	}
	return &types.MsgDisaggregateSideResponse{TokenIds: ids}, nil
}

// emitter loads the participant who aggregates or disaggregates: active, with a role
// that may issue, keeping a real side.
func (m msgServer) emitter(ctx context.Context, owner string, side types.Side) (balancingtypes.Participant, error) {
	_, p, err := m.activeParticipant(ctx, "owner", owner)
	if err != nil {
		return p, err
	}
	if !hasAnyRole(p.Roles, issuingRoles) {
		return p, errorsmod.Wrapf(types.ErrInvalidRole, "owner %s needs a producing, consuming or trading role to emit tokens", owner)
	}
	if side != types.Side_SIDE_PRODUCER && side != types.Side_SIDE_CONSUMER {
		return p, errorsmod.Wrapf(types.ErrInvalidSide, "side must be SIDE_PRODUCER or SIDE_CONSUMER, not %s", side)
	}
	return p, nil
}

// keptSource loads a source whose side the owner keeps: active, the owner's, not offered
// (an open ask could sell it from under the emitted token) and backing nothing yet.
func (m msgServer) keptSource(ctx context.Context, id uint64, owner string, s types.Side) (types.Token, error) {
	t, err := m.tradableToken(ctx, id)
	if err != nil {
		return t, err
	}
	side, err := t.SideOf(s)
	if err != nil {
		return t, err
	}
	if side.Owner != owner {
		return t, errorsmod.Wrapf(types.ErrNotSideOwner, "%s does not own the %s side of token %d", owner, s, id)
	}
	if side.Ask.ForSale {
		return t, errorsmod.Wrapf(types.ErrInvalidAsk, "the %s side of token %d is offered: void its ask before it backs new tokens", s, id)
	}
	if err := checkUncommitted(t, types.Side_SIDE_UNSPECIFIED, "emit tokens against it"); err != nil {
		return t, err
	}
	return t, nil
}

// homogeneous refuses sources of different energy categories or origin shards (§3.2.2).
func homogeneous(a, b types.Token) error {
	switch {
	case a.Category != b.Category:
		return errorsmod.Wrapf(types.ErrInvalidRequest, "tokens %d and %d are of different categories (%s, %s): aggregated energy must be homogeneous", a.Id, b.Id, a.Category, b.Category)
	case a.OriginShard != b.OriginShard:
		return errorsmod.Wrapf(types.ErrInvalidRequest, "tokens %d and %d originate on different shards (%s, %s): aggregated energy must come from one shard", a.Id, b.Id, a.OriginShard, b.OriginShard)
	}
	return nil
}

// emission is what every token emitted against the sources shares: their category and
// origin shard, the emitter's face value, terms and meters, both sides with the emitter,
// no capabilities (a balancing service is a producer's to offer), and the backing.
func (m msgServer) emission(ctx context.Context, owner balancingtypes.Participant, source types.Token, kept types.Side, sources []uint64,
	producerMeterID, consumerMeterID string, face types.Money, terms types.ContractTerms,
) (types.Token, error) {
	if err := m.validateTerms(ctx, &types.MsgIssueToken{Issuer: owner.Address, FaceValuePerMwh: face, Terms: terms}); err != nil {
		return types.Token{}, err
	}
	producerMeter, err := m.resolveMeter(ctx, owner.Address, types.Side_SIDE_PRODUCER, source.Category, producerMeterID)
	if err != nil {
		return types.Token{}, err
	}
	consumerMeter, err := m.resolveMeter(ctx, owner.Address, types.Side_SIDE_CONSUMER, source.Category, consumerMeterID)
	if err != nil {
		return types.Token{}, err
	}
	return types.Token{
		Issuer: owner.Address, Category: source.Category, FaceValuePerMwh: face, Terms: terms,
		Producer:    types.TokenSide{Owner: owner.Address, MeterId: producerMeter.Id},
		Consumer:    types.TokenSide{Owner: owner.Address, MeterId: consumerMeter.Id},
		Status:      types.TokenStatus_TOKEN_STATUS_ACTIVE,
		OriginShard: source.OriginShard, IssuedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
		BackedBy: types.Backing{Side: kept, TokenIds: sources},
	}, nil
}

// shaped is the emission with a shape's periods and Wh and its CO2. Like an issued
// token, an emitted one starts after gate closure.
func (m msgServer) shaped(ctx context.Context, emission, shape types.Token, co2 uint64) (types.Token, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return emission, err
	}
	if err := checkGateOpen(params, sdk.UnwrapSDKContext(ctx).BlockTime().Unix(), shape.FirstPeriod, "an emitted token"); err != nil {
		return emission, err
	}
	emission.FirstPeriod, emission.LastPeriod, emission.WhPerPeriod, emission.Co2Grams = shape.FirstPeriod, shape.LastPeriod, shape.WhPerPeriod, co2
	return emission, nil
}

// commit records that the kept side of each source backs the emitted tokens.
func (m msgServer) commit(ctx context.Context, sources []types.Token, kept types.Side, emitted []uint64) error {
	for _, src := range sources {
		src.Backs = types.Backing{Side: kept, TokenIds: emitted}
		// Backs is in no index and changes no position: the record alone changes.
		if err := m.Tokens.Set(ctx, src.Id, src); err != nil {
			return err
		}
	}
	return nil
}
