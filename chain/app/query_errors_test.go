package app_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverytypes "github.com/gridledger/gridledger/chain/x/delivery/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
	invariantstypes "github.com/gridledger/gridledger/chain/x/invariants/types"
)

// TestQueryErrorsCarryGRPCCodes: the errors a query returns for bad input or a missing
// record carry gRPC codes, so the REST gateway answers 400 and 404 instead of 500; the
// codespace, code and sentence stay in the message for clients that match on them, and
// the ABCI code a transaction fails with is unchanged.
func TestQueryErrorsCarryGRPCCodes(t *testing.T) {
	for _, c := range []struct {
		err       *errorsmod.Error
		codespace string
		abci      uint32
		code      codes.Code
	}{
		{balancingtypes.ErrInvalidAddress, "balancing", 3, codes.InvalidArgument},
		{balancingtypes.ErrParticipantUnknown, "balancing", 10, codes.NotFound},
		{balancingtypes.ErrMeterUnknown, "balancing", 14, codes.NotFound},
		{energytypes.ErrUnknownToken, "energy", 10, codes.NotFound},
		{energytypes.ErrInvalidRequest, "energy", 22, codes.InvalidArgument},
		{energytypes.ErrTraceRangeTooLong, "energy", 50, codes.InvalidArgument},
		{deliverytypes.ErrUnknownMeter, "delivery", 11, codes.NotFound},
		{deliverytypes.ErrInvalidRequest, "delivery", 9, codes.InvalidArgument},
		{fiattypes.ErrUnknownBank, "fiat", 6, codes.NotFound},
		{fiattypes.ErrUnknownRedemption, "fiat", 18, codes.NotFound},
		{interchaintypes.ErrUnknownChannel, "interchain", 4, codes.NotFound},
		{interchaintypes.ErrInvalidRequest, "interchain", 3, codes.InvalidArgument},
		{invariantstypes.ErrInvalidRequest, "invariants", 2, codes.InvalidArgument},
		{invariantstypes.ErrUnknownInvariant, "invariants", 3, codes.NotFound},
	} {
		wrapped := errorsmod.Wrap(c.err, "what was asked")
		st := status.Convert(wrapped)
		require.Equal(t, c.code, st.Code(), wrapped.Error())
		require.Contains(t, st.Message(), "codespace "+c.codespace+" code ")
		codespace, abci, _ := errorsmod.ABCIInfo(wrapped, false)
		require.Equal(t, c.codespace, codespace)
		require.Equal(t, c.abci, abci, "the transaction's code is unchanged")
	}
}
