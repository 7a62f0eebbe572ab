package types

import (
	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
)

// ModuleName names the module, its codespace and its CLI commands.
const ModuleName = "invariants"

// Registered errors of x/invariants. Codes start at 2 and never change once released; both
// are query errors and carry gRPC codes, so REST answers 400 and 404.
var (
	ErrInvalidRequest   = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid request")
	ErrUnknownInvariant = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.NotFound, "no invariant of that name: the Invariants query lists them")
)

// DefaultLimit and MaxLimit bound the records one Check request visits.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)
