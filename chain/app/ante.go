package app

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	ibcante "github.com/cosmos/ibc-go/v10/modules/core/ante"
	ibckeeper "github.com/cosmos/ibc-go/v10/modules/core/keeper"
)

// HandlerOptions are the SDK ante options plus the IBC keeper, whose decorator
// rejects redundant relay transactions so competing relayers pay no wasted fees.
type HandlerOptions struct {
	ante.HandlerOptions
	IBCKeeper *ibckeeper.Keeper
	// Registry, Banks and Validators decide who is let in (admission.go).
	Registry   RegistryWithLimits
	Banks      BankRegistry
	Validators ValidatorSet
}

// RegistryWithLimits is x/balancing as the door sees it: who is who, and the limits.
type RegistryWithLimits interface {
	Registry
	LimitsSource
}

// NewAnteHandler is the SDK's default ante chain with IBC's redundant-relay check.
func NewAnteHandler(opts HandlerOptions) (sdk.AnteHandler, error) {
	if opts.AccountKeeper == nil || opts.BankKeeper == nil || opts.SignModeHandler == nil || opts.IBCKeeper == nil ||
		opts.Registry == nil || opts.Banks == nil || opts.Validators == nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrLogic, "account, bank, IBC, registry, fiat and staking keepers and a sign mode handler are required for the ante handler")
	}
	door := NewAdmissionDecorator(opts.Registry, opts.Banks, opts.Validators)
	// The operator and relayers are exempt from the quota. Two reads, not the door's whole
	// lookup (participant, banks, validator), which CheckTx has just made for every signer.
	quota := NewMempoolQuotaDecorator(opts.Registry, func(ctx sdk.Context, payer sdk.AccAddress) (bool, error) {
		if op, err := opts.Registry.GridOperator(ctx); err != nil || op == payer.String() {
			return err == nil, err
		}
		return opts.Registry.IsRelayer(ctx, payer)
	})
	return sdk.ChainAnteDecorators(
		ante.NewSetUpContextDecorator(),
		ante.NewExtensionOptionsDecorator(opts.ExtensionOptionChecker),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		// The permissioned grid's door: who may send, how much, and what (admission.go,
		// txlimits.go, fiatfence.go; docs/adr/007-admission-at-the-door.md).
		door,
		NewTxLimitsDecorator(opts.Registry),
		FiatSendDecorator{},
		quota,
		ante.NewValidateMemoDecorator(opts.AccountKeeper),
		ante.NewConsumeGasForTxSizeDecorator(opts.AccountKeeper),
		ante.NewDeductFeeDecorator(opts.AccountKeeper, opts.BankKeeper, opts.FeegrantKeeper, opts.TxFeeChecker),
		ante.NewSetPubKeyDecorator(opts.AccountKeeper),
		ante.NewValidateSigCountDecorator(opts.AccountKeeper),
		ante.NewSigGasConsumeDecorator(opts.AccountKeeper, opts.SigGasConsumer),
		ante.NewSigVerificationDecorator(opts.AccountKeeper, opts.SignModeHandler, opts.SigVerifyOptions...),
		ante.NewIncrementSequenceDecorator(opts.AccountKeeper),
		ibcante.NewRedundantRelayDecorator(opts.IBCKeeper),
	), nil
}
