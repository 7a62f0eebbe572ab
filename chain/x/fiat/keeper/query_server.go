package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{Keeper: k} }

// Bank returns one bank entity.
func (q queryServer) Bank(ctx context.Context, req *types.QueryBankRequest) (*types.QueryBankResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	b, err := q.GetBank(ctx, req.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryBankResponse{Bank: b}, nil
}

// Banks pages through bank entities.
func (q queryServer) Banks(ctx context.Context, req *types.QueryBanksRequest) (*types.QueryBanksResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	banks, page, err := query.CollectionPaginate(ctx, q.Keeper.Banks, req.Pagination,
		func(_ string, b types.BankEntity) (types.BankEntity, error) { return b, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryBanksResponse{Banks: banks, Pagination: page}, nil
}

// AuditTrail pages through one bank's audit trail, oldest first.
func (q queryServer) AuditTrail(ctx context.Context, req *types.QueryAuditTrailRequest) (*types.QueryAuditTrailResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.GetBank(ctx, req.Denom); err != nil {
		return nil, err
	}
	entries, page, err := query.CollectionPaginate(ctx, q.AuditEntries, req.Pagination,
		func(_ collections.Pair[string, uint64], e types.AuditEntry) (types.AuditEntry, error) { return e, nil },
		query.WithCollectionPaginationPairPrefix[string, uint64](req.Denom))
	if err != nil {
		return nil, err
	}
	return &types.QueryAuditTrailResponse{Entries: entries, Pagination: page}, nil
}

// Redemption returns one redemption request.
func (q queryServer) Redemption(ctx context.Context, req *types.QueryRedemptionRequest) (*types.QueryRedemptionResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	r, err := q.Keeper.Redemptions.Get(ctx, req.Id)
	if isNotFound(err) {
		return nil, errorsmod.Wrapf(types.ErrUnknownRedemption, "id %d", req.Id)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryRedemptionResponse{Redemption: r}, nil
}

// Redemptions pages through a bank's redemptions by walking the (denom, status) index.
func (q queryServer) Redemptions(ctx context.Context, req *types.QueryRedemptionsRequest) (*types.QueryRedemptionsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.GetBank(ctx, req.Denom); err != nil {
		return nil, err
	}
	prefix := collections.TriplePrefix[string, int32, uint64](req.Denom)
	if req.Status != types.RedemptionStatus_REDEMPTION_STATUS_UNSPECIFIED {
		prefix = collections.TripleSuperPrefix[string, int32, uint64](req.Denom, int32(req.Status))
	}
	list, page, err := query.CollectionPaginate(ctx, q.RedemptionsByDenomStatus, req.Pagination,
		func(key collections.Triple[string, int32, uint64], _ collections.NoValue) (types.Redemption, error) {
			return q.Keeper.Redemptions.Get(ctx, key.K3())
		},
		func(o *query.CollectionsPaginateOptions[collections.Triple[string, int32, uint64]]) {
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryRedemptionsResponse{Redemptions: list, Pagination: page}, nil
}

// SettlementAccount returns one settlement account; unused accounts read as zero.
func (q queryServer) SettlementAccount(ctx context.Context, req *types.QuerySettlementAccountRequest) (*types.QuerySettlementAccountResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	if err := sdk.ValidateDenom(req.Denom); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidDenom, "denom %q: %v", req.Denom, err)
	}
	acc, err := q.GetSettlementAccount(ctx, owner, req.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QuerySettlementAccountResponse{Account: acc}, nil
}

// SettlementAccounts pages through one participant's settlement accounts.
func (q queryServer) SettlementAccounts(ctx context.Context, req *types.QuerySettlementAccountsRequest) (*types.QuerySettlementAccountsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	owner, err := q.parseAddress("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	list, page, err := query.CollectionPaginate(ctx, q.Keeper.SettlementAccounts, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, string], a types.SettlementAccount) (types.SettlementAccount, error) {
			return a, nil
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, string](owner))
	if err != nil {
		return nil, err
	}
	return &types.QuerySettlementAccountsResponse{Accounts: list, Pagination: page}, nil
}
