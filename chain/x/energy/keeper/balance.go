package keeper

import (
	"context"
	"math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// maxOpenPositionsPage bounds an OpenPositions page.
const maxOpenPositionsPage = 100

// OpenPositions lists the participants whose net position in a period is not zero
// (balance by design, seed §3.3.1). It walks the period's day in DayHolders and reads
// one position record per holder; a page stops at its limit of open positions.
func (q queryServer) OpenPositions(ctx context.Context, req *types.QueryOpenPositionsRequest) (*types.QueryOpenPositionsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	current, err := q.k.CurrentPeriod(ctx)
	if err != nil {
		return nil, err
	}
	period, err := requestedPeriod(current, req.Period)
	if err != nil {
		return nil, err
	}
	page := req.Pagination
	if page == nil {
		page = &query.PageRequest{}
	}
	if page.Limit == 0 || page.Limit > maxOpenPositionsPage {
		page.Limit = maxOpenPositionsPage
	}
	day, offset := dayOf(period), int(period-dayOf(period)*dayPeriods)
	held := func(owner sdk.AccAddress) (periodHolding, error) {
		d, err := q.k.holdingsOf(ctx, owner, day)
		return d[offset], err
	}
	positions, pageRes, err := query.CollectionFilteredPaginate(ctx, q.k.DayHolders, page,
		func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (bool, error) {
			h, err := held(key.K2())
			return err == nil && h.producer != h.consumer, err
		},
		func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (types.OpenPosition, error) {
			h, err := held(key.K2())
			owner, _ := q.k.addressCodec.BytesToString(key.K2())
			return types.OpenPosition{Owner: owner, ProducerWh: h.producer, ConsumerWh: h.consumer, NetWh: netOf(h)}, err
		},
		query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](day))
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
	}
	toGate := params.GateClosesAt(period) - now
	return &types.QueryOpenPositionsResponse{
		Period: period, Phase: params.PhaseAt(now, period, period), SecondsToGateClosure: max(toGate, 0),
		Positions: positions, Pagination: pageRes,
	}, nil
}

// netOf is consumer − producer Wh, clamped to the int64 range (a period holds at most
// a few TWh of live sides per participant in practice; the clamp keeps the query total).
func netOf(h periodHolding) int64 {
	if h.consumer >= h.producer {
		return int64(min(h.consumer-h.producer, math.MaxInt64))
	}
	return -int64(min(h.producer-h.consumer, math.MaxInt64))
}
