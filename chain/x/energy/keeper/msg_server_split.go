package keeper

import (
	"context"
	"sort"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// SplitToken replaces a token by children that add up to it (seed §3.2.2): by volume
// (same periods, Wh per period split) or by time (same Wh, periods split). Energy is
// conserved exactly; CO2 and the cancellation fee are shared in proportion to energy,
// the rounding remainder going to the last child, so they are conserved exactly too.
func (m msgServer) SplitToken(ctx context.Context, msg *types.MsgSplitToken) (*types.MsgSplitTokenResponse, error) {
	t, err := m.ownedToken(ctx, "split", msg.TokenId, msg.ProducerOwner, msg.ConsumerOwner)
	if err != nil {
		return nil, err
	}
	shapes, err := m.splitShapes(ctx, t, msg.WhParts, msg.SplitAfterPeriod)
	if err != nil {
		return nil, err
	}
	if err := m.checkSplit(ctx, t, shapes); err != nil {
		return nil, err
	}
	co2 := share(math.NewIntFromUint64(t.Co2Grams), t.TotalWh(), shapes)
	fees := share(t.Terms.CancellationFee, t.TotalWh(), shapes)
	ids := make([]uint64, len(shapes))
	for i, shape := range shapes {
		child := t
		child.FirstPeriod, child.LastPeriod, child.WhPerPeriod = shape.FirstPeriod, shape.LastPeriod, shape.WhPerPeriod
		child.Co2Grams = co2[i].Uint64()
		child.Terms.CancellationFee = fees[i]
		if ids[i], err = m.issueChild(ctx, child, []uint64{t.Id}); err != nil {
			return nil, err
		}
	}
	if err := m.retire(ctx, t, ids); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTokenSplit{TokenId: t.Id, Children: ids}); err != nil {
		return nil, err
	}
	return &types.MsgSplitTokenResponse{TokenIds: ids}, nil
}

// share divides total among the shapes in proportion to their energy, rounding down,
// and gives the remainder to the last one: the parts always add up to total.
func share(total math.Int, totalWh uint64, shapes []types.Token) []math.Int {
	parts := make([]math.Int, len(shapes))
	given := math.ZeroInt()
	for i, s := range shapes[:len(shapes)-1] {
		parts[i] = total.Mul(math.NewIntFromUint64(s.TotalWh())).Quo(math.NewIntFromUint64(totalWh))
		given = given.Add(parts[i])
	}
	parts[len(shapes)-1] = total.Sub(given)
	return parts
}

// MergeTokens replaces like tokens by one: identical periods add their volumes,
// adjacent periods with equal volume join. Category, origin shard, owners, meters,
// face value, terms and capabilities must match; CO2 and cancellation fees add up.
func (m msgServer) MergeTokens(ctx context.Context, msg *types.MsgMergeTokens) (*types.MsgMergeTokensResponse, error) {
	if len(msg.TokenIds) < 2 {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "token_ids needs at least two tokens")
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	// Checked before any token is read, so an oversized merge costs one params read.
	if uint64(len(msg.TokenIds)) > params.MaxMergeInputs {
		return nil, errorsmod.Wrapf(types.ErrTooManyInputs, "token_ids lists %d tokens, more than max_merge_inputs %d: merge in several transactions, merging the results again",
			len(msg.TokenIds), params.MaxMergeInputs)
	}
	tokens := make([]types.Token, 0, len(msg.TokenIds))
	seen := map[uint64]bool{}
	for _, id := range msg.TokenIds {
		if seen[id] {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "token %d listed twice", id)
		}
		seen[id] = true
		t, err := m.ownedToken(ctx, "merge", id, msg.ProducerOwner, msg.ConsumerOwner)
		if err != nil {
			return nil, err
		}
		if len(tokens) > 0 {
			if err := alike(tokens[0], t); err != nil {
				return nil, err
			}
		}
		tokens = append(tokens, t)
	}
	// Stable: tokens with equal periods keep the message's order, so the merged token's
	// base (issuer) and its parents' order never depend on the sort algorithm.
	sort.SliceStable(tokens, func(i, j int) bool { return tokens[i].FirstPeriod < tokens[j].FirstPeriod })

	merged, co2, fee, err := combine(params, tokens)
	if err != nil {
		return nil, err
	}
	// Each input's fee is at most MaxContractAmount; their sum need not be, and a merged
	// token must keep the bound every later split, cancel and settlement relies on.
	if err := types.CheckContractAmount("the merged cancellation fee", fee); err != nil {
		return nil, err
	}
	merged.Co2Grams, merged.Terms.CancellationFee = co2.Uint64(), fee
	parents := make([]uint64, len(tokens))
	for i, t := range tokens {
		parents[i] = t.Id
	}
	if err := m.checkMerge(ctx, tokens, merged); err != nil {
		return nil, err
	}
	id, err := m.issueChild(ctx, merged, parents)
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		if err := m.retire(ctx, t, []uint64{id}); err != nil {
			return nil, err
		}
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTokensMerged{Parents: parents, TokenId: id}); err != nil {
		return nil, err
	}
	return &types.MsgMergeTokensResponse{TokenId: id}, nil
}

// alike refuses a merge of unlike tokens, naming the first difference.
func alike(a, b types.Token) error {
	diff := func(what string) error {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "tokens %d and %d differ in %s", a.Id, b.Id, what)
	}
	switch {
	case a.Category != b.Category:
		return diff("category")
	case a.OriginShard != b.OriginShard:
		return diff("origin shard")
	case a.Producer.MeterId != b.Producer.MeterId || a.Consumer.MeterId != b.Consumer.MeterId:
		return diff("meters")
	case a.FaceValuePerMwh.Denom != b.FaceValuePerMwh.Denom || !a.FaceValuePerMwh.Amount.Equal(b.FaceValuePerMwh.Amount):
		return diff("face value")
	case a.Terms.SettlementDelayPeriods != b.Terms.SettlementDelayPeriods || a.Terms.LegalFramework != b.Terms.LegalFramework ||
		a.Terms.ProducerDefaultDelayPeriods != b.Terms.ProducerDefaultDelayPeriods || !a.Terms.ProducerDefaultFee.Equal(b.Terms.ProducerDefaultFee) ||
		a.Terms.ConsumerDefaultDelayPeriods != b.Terms.ConsumerDefaultDelayPeriods || !a.Terms.ConsumerDefaultFee.Equal(b.Terms.ConsumerDefaultFee):
		return diff("contract terms")
	case a.Capabilities != b.Capabilities:
		return diff("balancing capabilities")
	}
	return nil
}

// ownedToken loads an active token whose sides the two signers own, to split or merge
// (doing): neither committed nor emitted (backing.go).
func (m msgServer) ownedToken(ctx context.Context, doing string, id uint64, producerOwner, consumerOwner string) (types.Token, error) {
	t, err := m.tradableToken(ctx, id)
	if err != nil {
		return t, err
	}
	if t.Producer.Owner != producerOwner || t.Consumer.Owner != consumerOwner {
		return t, errorsmod.Wrapf(types.ErrNotSideOwner, "token %d is held by %s (producer) and %s (consumer)", id, t.Producer.Owner, t.Consumer.Owner)
	}
	if err := checkUncommitted(t, types.Side_SIDE_UNSPECIFIED, doing+" it"); err != nil {
		return t, err
	}
	return t, checkNotEmitted(t, doing)
}

// issueChild stores a token derived from parents, with a new id and void asks.
func (m msgServer) issueChild(ctx context.Context, child types.Token, parents []uint64) (uint64, error) {
	id, err := m.TokenSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	child.Id, child.Parents, child.Children = id, parents, nil
	child.Producer.Ask, child.Consumer.Ask = types.Ask{}, types.Ask{}
	child.Status = types.TokenStatus_TOKEN_STATUS_ACTIVE
	child.IssuedHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	return id, m.setLineageToken(ctx, nil, child)
}

// retire marks a token replaced by its children; it leaves every index. Positions stay
// as they are: the children hold the same Wh for the same owners (setLineageToken).
func (m msgServer) retire(ctx context.Context, t types.Token, children []uint64) error {
	old := t
	t.Status, t.Children = types.TokenStatus_TOKEN_STATUS_RETIRED, children
	return m.setLineageToken(ctx, &old, t)
}
