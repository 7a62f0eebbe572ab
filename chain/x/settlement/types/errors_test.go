package types_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// The errors queries return map to gRPC codes the REST gateway turns into 400 and 404; the
// codespace, code and sentence stay in the message for clients that match on them.
func TestQueryErrorsCarryGRPCCodes(t *testing.T) {
	for _, c := range []struct {
		err  error
		code codes.Code
	}{
		{errorsmod.Wrap(types.ErrNotFound, "no transmission cost declared for period 5"), codes.NotFound},
		{errorsmod.Wrap(types.ErrInvalidAddress, `owner "nope"`), codes.InvalidArgument},
		{errorsmod.Wrap(types.ErrInvalidRequest, "empty request"), codes.InvalidArgument},
		{errorsmod.Wrap(types.ErrRangeTooLong, "99999 periods asked"), codes.InvalidArgument},
		{errorsmod.Wrap(types.ErrInvalidParams, "late_fee_bps"), codes.InvalidArgument},
	} {
		st := status.Convert(c.err)
		require.Equal(t, c.code, st.Code(), c.err.Error())
		require.Contains(t, st.Message(), "codespace settlement code ")
	}
	require.Equal(t, "codespace settlement code 12: not found: no transmission cost declared for period 5",
		status.Convert(errorsmod.Wrap(types.ErrNotFound, "no transmission cost declared for period 5")).Message())
}
