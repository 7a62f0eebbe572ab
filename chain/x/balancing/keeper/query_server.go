package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{Keeper: k} }

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

// Participant returns one participant.
func (q queryServer) Participant(ctx context.Context, req *types.QueryParticipantRequest) (*types.QueryParticipantResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	addr, err := q.parseAddress("address", req.Address)
	if err != nil {
		return nil, err
	}
	p, err := q.mustGetParticipant(ctx, addr)
	if err != nil {
		return nil, err
	}
	return &types.QueryParticipantResponse{Participant: p}, nil
}

// Participants pages through participants, walking the role or status index when a
// filter is given.
func (q queryServer) Participants(ctx context.Context, req *types.QueryParticipantsRequest) (*types.QueryParticipantsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	load := func(addr sdk.AccAddress) (types.Participant, error) { return q.Keeper.Participants.Get(ctx, addr) }
	var (
		list []types.Participant
		page *query.PageResponse
		err  error
	)
	switch {
	case req.Role != types.Role_ROLE_UNSPECIFIED:
		list, page, err = query.CollectionPaginate(ctx, q.ParticipantsByRole, req.Pagination,
			func(key collections.Triple[int32, int32, sdk.AccAddress], _ collections.NoValue) (types.Participant, error) {
				return load(key.K3())
			}, withRoleStatusPrefix(req.Role, req.Status))
	case req.Status != types.ParticipantStatus_PARTICIPANT_STATUS_UNSPECIFIED:
		list, page, err = query.CollectionPaginate(ctx, q.ParticipantsByStatus, req.Pagination,
			func(key collections.Pair[int32, sdk.AccAddress], _ collections.NoValue) (types.Participant, error) {
				return load(key.K2())
			}, query.WithCollectionPaginationPairPrefix[int32, sdk.AccAddress](int32(req.Status)))
	default:
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Participants, req.Pagination,
			func(_ sdk.AccAddress, p types.Participant) (types.Participant, error) { return p, nil })
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryParticipantsResponse{Participants: list, Pagination: page}, nil
}

func withRoleStatusPrefix(role types.Role, status types.ParticipantStatus) func(*query.CollectionsPaginateOptions[collections.Triple[int32, int32, sdk.AccAddress]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[int32, int32, sdk.AccAddress]]) {
		var prefix collections.Triple[int32, int32, sdk.AccAddress]
		if status == types.ParticipantStatus_PARTICIPANT_STATUS_UNSPECIFIED {
			prefix = collections.TriplePrefix[int32, int32, sdk.AccAddress](int32(role))
		} else {
			prefix = collections.TripleSuperPrefix[int32, int32, sdk.AccAddress](int32(role), int32(status))
		}
		o.Prefix = &prefix
	}
}

// Meter returns one metering point.
func (q queryServer) Meter(ctx context.Context, req *types.QueryMeterRequest) (*types.QueryMeterResponse, error) {
	if req == nil || req.Id == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidMeterID, "id is empty")
	}
	m, ok, err := q.GetMeter(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrMeterUnknown, "id %s", req.Id)
	}
	return &types.QueryMeterResponse{Meter: m}, nil
}

// Meters pages through metering points. It walks the most selective index given
// (owner, then area, then category) and filters the other criteria on the way.
func (q queryServer) Meters(ctx context.Context, req *types.QueryMetersRequest) (*types.QueryMetersResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if req.Category != types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
		if err := types.ValidateCategory("category", req.Category); err != nil {
			return nil, err
		}
	}
	// matches leaves the owner out: only the owner index walk has an owner filter, and
	// it keeps that owner's meters by address bytes, whatever the case of req.Owner.
	matches := func(m types.Meter) bool {
		return (req.Area == "" || m.Location.Area == req.Area) &&
			(req.Category == types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED || m.Category == req.Category)
	}
	var (
		list []types.Meter
		page *query.PageResponse
		err  error
	)
	switch {
	case req.Owner != "":
		owner, perr := q.parseAddress("owner", req.Owner)
		if perr != nil {
			return nil, perr
		}
		list, page, err = paginateMeterIndex(ctx, q.Keeper, q.MetersByOwner, req, matches, owner)
	case req.Area != "":
		list, page, err = paginateMeterIndex(ctx, q.Keeper, q.MetersByArea, req, matches, req.Area)
	case req.Category != types.EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED:
		list, page, err = paginateMeterIndex(ctx, q.Keeper, q.MetersByCategory, req, matches, int32(req.Category))
	default:
		list, page, err = query.CollectionPaginate(ctx, q.Keeper.Meters, req.Pagination,
			func(_ string, m types.Meter) (types.Meter, error) { return m, nil })
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryMetersResponse{Meters: list, Pagination: page}, nil
}

// paginateMeterIndex pages through one (reference, meter id) index under the prefix ref.
func paginateMeterIndex[R any](ctx context.Context, k Keeper, index collections.KeySet[collections.Pair[R, string]],
	req *types.QueryMetersRequest, matches func(types.Meter) bool, ref R,
) ([]types.Meter, *query.PageResponse, error) {
	return query.CollectionFilteredPaginate(ctx, index, req.Pagination,
		func(key collections.Pair[R, string], _ collections.NoValue) (bool, error) {
			m, err := k.Meters.Get(ctx, key.K2())
			if err != nil {
				return false, err
			}
			return matches(m), nil
		},
		func(key collections.Pair[R, string], _ collections.NoValue) (types.Meter, error) {
			return k.Meters.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[R, string](ref))
}
