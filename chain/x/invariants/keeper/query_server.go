package keeper

import (
	"context"
	"errors"

	errorsmod "cosmossdk.io/errors"

	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
	"github.com/gridledger/gridledger/chain/x/invariants/types"
)

type queryServer struct{ k Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl serves the invariants queries.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

// Invariants lists the live invariants.
func (q queryServer) Invariants(context.Context, *types.QueryInvariantsRequest) (*types.QueryInvariantsResponse, error) {
	return &types.QueryInvariantsResponse{Invariants: q.k.Invariants()}, nil
}

// Check checks one page of one invariant: at most limit records, so its cost is bounded
// whatever the size of the state.
func (q queryServer) Check(ctx context.Context, req *types.QueryCheckRequest) (*types.QueryCheckResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	e, ok := q.k.find(req.Name)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrUnknownInvariant, "%q", req.Name)
	}
	limit := int(req.Limit)
	if limit == 0 {
		limit = types.DefaultLimit
	}
	if limit > types.MaxLimit {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "limit %d is above the most records one page checks, %d", req.Limit, types.MaxLimit)
	}
	res, err := e.Check(ctx, req.Cursor, limit)
	if errors.Is(err, pagecheck.ErrBadCursor) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "invariant %s: %v; start again with an empty cursor", req.Name, err)
	}
	if err != nil {
		return nil, err
	}
	out := &types.QueryCheckResponse{Checked: res.Checked, NextCursor: res.Next}
	if res.Broken != nil {
		out.Broken, out.Record, out.Message = true, res.Broken.Record, res.Broken.Message
	}
	return out, nil
}
