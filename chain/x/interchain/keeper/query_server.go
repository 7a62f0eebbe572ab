package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	host "github.com/cosmos/ibc-go/v10/modules/core/24-host"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

type queryServer struct{ Keeper }

// maxPage bounds a page of capacities.
const maxPage = 100

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

// Neighbourhood returns the parent link and the child links with their channels' state.
func (q queryServer) Neighbourhood(ctx context.Context, _ *types.QueryNeighbourhoodRequest) (*types.QueryNeighbourhoodResponse, error) {
	own, err := q.OwnFacts(ctx)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryNeighbourhoodResponse{PeriodSeconds: own.PeriodSeconds, SettlementDenoms: own.SettlementDenoms}
	parent, err := q.Parent.Get(ctx)
	switch {
	case err == nil:
		nl, err := q.neighbourLink(ctx, parent)
		if err != nil {
			return nil, err
		}
		resp.Parent = &nl
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	err = q.Children.Walk(ctx, nil, func(_ string, l types.Link) (bool, error) {
		nl, err := q.neighbourLink(ctx, l)
		resp.Children = append(resp.Children, nl)
		return false, err
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func (q queryServer) neighbourLink(ctx context.Context, l types.Link) (types.NeighbourLink, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	state := func(port, channel string) string {
		ch, found := q.channels.GetChannel(sdkCtx, port, channel)
		if !found {
			return "missing"
		}
		return ch.State.String()
	}
	peer, err := q.peer(ctx, l.EnergyChannelId)
	return types.NeighbourLink{
		Link:                 l,
		EnergyChannelState:   state(types.PortID, l.EnergyChannelId),
		TransferChannelState: state(types.TransferPortID, l.TransferChannelId),
		Peer:                 peer,
	}, err
}

// Peer returns one energy channel's peer record.
func (q queryServer) Peer(ctx context.Context, req *types.QueryPeerRequest) (*types.QueryPeerResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := host.ChannelIdentifierValidator(req.ChannelId); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "channel %q: %v", req.ChannelId, err)
	}
	p, err := q.peer(ctx, req.ChannelId)
	if err != nil {
		return nil, err
	}
	return &types.QueryPeerResponse{Peer: p}, nil
}

// Purchase returns this chain's record of a cross-grid purchase.
func (q queryServer) Purchase(ctx context.Context, req *types.QueryPurchaseRequest) (*types.QueryPurchaseResponse, error) {
	if req == nil || req.PurchaseId == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a purchase_id")
	}
	hop, err := q.Purchases.Get(ctx, req.PurchaseId)
	if errors.Is(err, collections.ErrNotFound) {
		if err := q.errIfPurchasePruned(ctx, req.PurchaseId); err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrPurchaseNotFound, "purchase %s did not pass %s", req.PurchaseId, sdk.UnwrapSDKContext(ctx).ChainID())
	} else if err != nil {
		return nil, err
	}
	return &types.QueryPurchaseResponse{Hop: hop}, nil
}

// PurchasesByBuyer lists a page of the purchases a buyer started on this chain, in origin
// sequence order (reverse: newest first), at most types.MaxPurchasesPage a page.
func (q queryServer) PurchasesByBuyer(ctx context.Context, req *types.QueryPurchasesByBuyerRequest) (*types.QueryPurchasesByBuyerResponse, error) {
	if req == nil || req.Buyer == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "name a buyer")
	}
	buyer, err := sdk.AccAddressFromBech32(req.Buyer)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "buyer %q is not an address: %v", req.Buyer, err)
	}
	pageReq := req.Pagination
	if pageReq == nil || pageReq.Limit == 0 || pageReq.Limit > types.MaxPurchasesPage {
		page := query.PageRequest{Limit: types.MaxPurchasesPage}
		if pageReq != nil {
			page = *pageReq
			if page.Limit == 0 || page.Limit > types.MaxPurchasesPage {
				page.Limit = types.MaxPurchasesPage
			}
		}
		pageReq = &page
	}
	chainID := sdk.UnwrapSDKContext(ctx).ChainID()
	hops, page, err := query.CollectionPaginate(ctx, q.Keeper.PurchasesByBuyer, pageReq,
		func(key collections.Pair[string, uint64], _ collections.NoValue) (types.PurchaseHop, error) {
			return q.Purchases.Get(ctx, types.PurchaseID(chainID, key.K2()))
		}, query.WithCollectionPaginationPairPrefix[string, uint64](buyer.String()))
	if err != nil {
		return nil, err
	}
	return &types.QueryPurchasesByBuyerResponse{Purchases: hops, Pagination: page}, nil
}

// Params returns the parameters as set (zero fields mean their defaults).
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.params(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// LinkFees lists the fee estimates of this chain's child links; at most one per link and
// currency, and a parent has few children.
func (q queryServer) LinkFees(ctx context.Context, _ *types.QueryLinkFeesRequest) (*types.QueryLinkFeesResponse, error) {
	resp := &types.QueryLinkFeesResponse{}
	err := q.LinkFeeRates.Walk(ctx, nil, func(key collections.Pair[string, string], fee math.Int) (bool, error) {
		resp.Fees = append(resp.Fees, types.LinkFee{ChannelId: key.K1(), BaseDenom: key.K2(), FeePerMwh: fee})
		return len(resp.Fees) >= 1000, nil
	})
	return resp, err
}

// BridgeCapacities lists the capacities set, by channel and direction, paged.
func (q queryServer) BridgeCapacities(ctx context.Context, req *types.QueryBridgeCapacitiesRequest) (*types.QueryBridgeCapacitiesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pageReq := req.Pagination
	if pageReq != nil && pageReq.Limit > maxPage {
		page := *pageReq
		page.Limit = maxPage
		pageReq = &page
	}
	caps, page, err := query.CollectionPaginate(ctx, q.Capacities, pageReq,
		func(key collections.Pair[string, int32], wh uint64) (types.BridgeCapacity, error) {
			return types.BridgeCapacity{ChannelId: key.K1(), Direction: types.BridgeDirection(key.K2()), WhPerPeriod: wh}, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryBridgeCapacitiesResponse{Capacities: caps, Pagination: page}, nil
}

// BridgeUsage returns a child link's capacity, reserved and free flow per period and
// direction over at most MaxBridgeUsageQueryPeriods periods.
func (q queryServer) BridgeUsage(ctx context.Context, req *types.QueryBridgeUsageRequest) (*types.QueryBridgeUsageResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	last := req.LastPeriod
	if last == 0 {
		last = req.FirstPeriod
	}
	if last < req.FirstPeriod {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "last_period %d is before first_period %d", last, req.FirstPeriod)
	}
	if last-req.FirstPeriod >= types.MaxBridgeUsageQueryPeriods {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "periods %d-%d are more than %d: ask for a shorter range",
			req.FirstPeriod, last, types.MaxBridgeUsageQueryPeriods)
	}
	link, err := q.childLink(ctx, req.ChannelId)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryBridgeUsageResponse{InterfaceAccount: link.InterfaceAccount}
	dirs := []types.BridgeDirection{types.BridgeDirection_BRIDGE_DIRECTION_UP, types.BridgeDirection_BRIDGE_DIRECTION_DOWN}
	var capacity [2]uint64
	for i, d := range dirs {
		if capacity[i], err = q.BridgeCapacity(ctx, req.ChannelId, d); err != nil {
			return nil, err
		}
	}
	for p := req.FirstPeriod; ; p++ {
		for i, d := range dirs {
			r, err := q.BridgeReserved(ctx, req.ChannelId, d, p)
			if err != nil {
				return nil, err
			}
			free := uint64(0)
			if capacity[i] > r {
				free = capacity[i] - r
			}
			resp.Usage = append(resp.Usage, types.BridgePeriodUsage{Period: p, Direction: d, CapacityWh: capacity[i], ReservedWh: r, FreeWh: free})
		}
		if p == last {
			break
		}
	}
	return resp, nil
}
