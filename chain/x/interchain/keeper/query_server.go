package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	host "github.com/cosmos/ibc-go/v10/modules/core/24-host"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

type queryServer struct{ Keeper }

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
		return nil, errorsmod.Wrapf(types.ErrPurchaseNotFound, "purchase %s did not pass %s", req.PurchaseId, sdk.UnwrapSDKContext(ctx).ChainID())
	} else if err != nil {
		return nil, err
	}
	return &types.QueryPurchaseResponse{Hop: hop}, nil
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
