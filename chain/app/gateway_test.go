package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/gridledger/gridledger/chain/app"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// offersOnly answers the energy Offers query and records what the gateway asked.
type offersOnly struct {
	energytypes.QueryClient
	got *energytypes.QueryOffersRequest
}

func (c *offersOnly) Offers(_ context.Context, in *energytypes.QueryOffersRequest, _ ...grpc.CallOption) (*energytypes.QueryOffersResponse, error) {
	c.got = in
	return &energytypes.QueryOffersResponse{}, nil
}

// TestGatewayReadsEnumsByNameAndNumber sends REST queries through the generated gateway
// handlers, as a node's API server does: an enum in the query string may be given by name
// (`side=SIDE_CONSUMER`) or by number (`side=2`); anything else is refused.
func TestGatewayReadsEnumsByNameAndNumber(t *testing.T) {
	app.RegisterGatewayEnumNames()
	mux := runtime.NewServeMux()
	client := &offersOnly{}
	require.NoError(t, energytypes.RegisterQueryHandlerClient(context.Background(), mux, client))

	get := func(query string) int {
		client.got = nil
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/gridledger/energy/v1/offers?"+query, nil))
		return rec.Code
	}
	for _, query := range []string{
		"side=SIDE_CONSUMER&denom=uchf.alpine&category=ENERGY_CATEGORY_SOLAR",
		"side=2&denom=uchf.alpine&category=1",
		"side=SIDE_CONSUMER&denom=uchf.alpine&category=1",
	} {
		require.Equal(t, http.StatusOK, get(query), query)
		require.NotNil(t, client.got, query)
		require.Equal(t, energytypes.Side_SIDE_CONSUMER, client.got.Side, query)
		require.Equal(t, balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR, client.got.Category, query)
		require.Equal(t, "uchf.alpine", client.got.Denom, query)
	}
	for _, query := range []string{"side=SIDE_SOMETHING", "side=consumer", "side=7"} {
		require.Equal(t, http.StatusBadRequest, get(query), query)
		require.Nil(t, client.got, query)
	}
}

// TestOpenAPIDocumentListsOurRoutes checks the embedded document (generated from proto/ by
// scripts/proto-gen.sh) describes our query routes and is what a node serves.
func TestOpenAPIDocumentListsOurRoutes(t *testing.T) {
	rec := httptest.NewRecorder()
	app.ServeOpenAPI(rec, httptest.NewRequest(http.MethodGet, app.OpenAPIPath, nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	var doc struct {
		Swagger string                               `json:"swagger"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	require.Equal(t, "2.0", doc.Swagger)
	for _, path := range []string{
		"/gridledger/settlement/v1/runs/{period}",
		"/gridledger/settlement/v1/debts",
		"/gridledger/energy/v1/offers",
		"/gridledger/energy/v1/tokens/{id}",
		"/gridledger/balancing/v1/participants",
		"/gridledger/delivery/v1/reconciliation",
		"/gridledger/fiat/v1/banks",
	} {
		require.Contains(t, doc.Paths, path)
		require.Contains(t, doc.Paths[path], "get", path)
	}
}
