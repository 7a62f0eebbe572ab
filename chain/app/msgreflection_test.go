package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Reflection lists a service only when it is on the gRPC server: the Msg services are put there
// for that, each method refusing, and a service already served is not registered twice.
func TestMsgServicesRegisteredForReflectionOnly(t *testing.T) {
	s := grpc.NewServer()
	registerMsgServicesForReflection(s)
	registerMsgServicesForReflection(s) // a second pass finds them served and adds nothing

	info := s.GetServiceInfo()
	for _, name := range []string{"gridledger.settlement.v1.Msg", "gridledger.energy.v1.Msg", "gridledger.balancing.v1.Msg", "cosmos.bank.v1beta1.Msg"} {
		require.Contains(t, info, name)
	}
	var methods []string
	for _, m := range info["gridledger.settlement.v1.Msg"].Methods {
		methods = append(methods, m.Name)
	}
	require.ElementsMatch(t, []string{"UpdateParams", "DeclareTransmissionCost", "SetSecurityFeeRule", "SetCollateralRequirement", "SeizeCollateral"}, methods)
	require.Equal(t, "gridledger/settlement/v1/tx.proto", info["gridledger.settlement.v1.Msg"].Metadata)
	require.NotContains(t, info, "gridledger.settlement.v1.Query", "query services are BaseApp's to register")

	_, err := refuseMsg("gridledger.settlement.v1.Msg/DeclareTransmissionCost")(nil, context.Background(), nil, nil)
	require.Equal(t, codes.Unimplemented, status.Code(err))
	require.Equal(t, "gridledger.settlement.v1.Msg/DeclareTransmissionCost is a transaction message, not a gRPC call: "+
		"put it in a signed transaction and broadcast that with cosmos.tx.v1beta1.Service/BroadcastTx", status.Convert(err).Message())
}
