package keeper

import (
	"context"

	"cosmossdk.io/collections"
	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/gridledger/gridledger/chain/x/energy/types"
)

// Keeper holds the energy market. For now it holds the period length; tokens and
// the market arrive with the x/energy issue.
type Keeper struct {
	Schema collections.Schema
	Params collections.Item[types.Params]
}

// NewKeeper builds the keeper.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService) Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc))}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

type queryServer struct{ k Keeper }

// NewQueryServerImpl returns the Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
