package app

import (
	"context"
	"fmt"

	msgv1 "cosmossdk.io/api/cosmos/msg/v1"
	gogogrpc "github.com/cosmos/gogoproto/grpc"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// RegisterGRPCServerWithSkipCheckHeader serves the query services, as BaseApp does, and makes
// every Msg service visible to gRPC server reflection: a stock client (grpcurl list, describe)
// finds gridledger.settlement.v1.Msg and the SDK's Msg services beside the queries. A Msg is
// only ever executed inside a signed transaction, so every method of these registrations
// refuses with codes.Unimplemented and a sentence naming cosmos.tx.v1beta1.Service/BroadcastTx.
func (app *App) RegisterGRPCServerWithSkipCheckHeader(s gogogrpc.Server, skipCheckHeader bool) {
	app.BaseApp.RegisterGRPCServerWithSkipCheckHeader(s, skipCheckHeader)
	registerMsgServicesForReflection(s)
}

// registerMsgServicesForReflection registers, with no implementation behind them, the Msg
// services (cosmos.msg.v1.service) of every proto file known to gogoproto's registry, the one
// the SDK's reflection server reads; a service already on s is left alone.
func registerMsgServicesForReflection(s gogogrpc.Server) {
	served := map[string]bool{}
	if info, ok := s.(serviceLister); ok {
		for name := range info.GetServiceInfo() {
			served[name] = true
		}
	}
	gogoproto.HybridResolver.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if gogoproto.FileDescriptor(fd.Path()) == nil {
			return true // not in the registry the reflection server reads: it could not describe it
		}
		for i := 0; i < fd.Services().Len(); i++ {
			sd := fd.Services().Get(i)
			name := string(sd.FullName())
			if served[name] || !proto.HasExtension(sd.Options(), msgv1.E_Service) || !proto.GetExtension(sd.Options(), msgv1.E_Service).(bool) {
				continue
			}
			desc := &grpc.ServiceDesc{ServiceName: name, HandlerType: (*any)(nil), Metadata: fd.Path()}
			for j := 0; j < sd.Methods().Len(); j++ {
				method := string(sd.Methods().Get(j).Name())
				desc.Methods = append(desc.Methods, grpc.MethodDesc{MethodName: method, Handler: refuseMsg(fmt.Sprintf("%s/%s", name, method))})
			}
			s.RegisterService(desc, nil)
			served[name] = true
		}
		return true
	})
}

// serviceLister is the part of *grpc.Server that tells which services are on it.
type serviceLister interface {
	GetServiceInfo() map[string]grpc.ServiceInfo
}

// refuseMsg is the handler of a Msg method called over gRPC: it says how a Msg is sent.
func refuseMsg(method string) func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
	return func(any, context.Context, func(any) error, grpc.UnaryServerInterceptor) (any, error) {
		return nil, status.Errorf(codes.Unimplemented,
			"%s is a transaction message, not a gRPC call: put it in a signed transaction and broadcast that with cosmos.tx.v1beta1.Service/BroadcastTx", method)
	}
}
