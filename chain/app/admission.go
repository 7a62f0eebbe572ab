package app

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// Registry is what the door needs from x/balancing.
type Registry interface {
	GridOperator(ctx context.Context) (string, error)
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	IsRelayer(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// BankRegistry is what the door needs from x/fiat.
type BankRegistry interface {
	IsActiveBank(ctx context.Context, addr sdk.AccAddress) (bool, error)
}

// ValidatorSet is what the door needs from x/staking.
type ValidatorSet interface {
	GetValidator(ctx context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error)
}

// Standing is how the chain knows a signer, the grounds on which the door lets it in.
type Standing int

// The standings, from the widest rights to the narrowest.
const (
	StandingStranger Standing = iota
	StandingOperator
	StandingParticipant
	StandingBank
	StandingValidator
	StandingRelayer
)

// AdmissionDecorator is the door of a permissioned grid (DESIGN.md §4): a transaction any
// of whose signers the chain does not allow is refused in CheckTx, before it costs a
// signature check, reaches the mempool or a block. Modules still check roles and
// ownership; the door only decides who may knock at all, and for relayers, with what.
type AdmissionDecorator struct {
	registry   Registry
	banks      BankRegistry
	validators ValidatorSet
}

// NewAdmissionDecorator builds the door from the three registries that know accounts.
func NewAdmissionDecorator(r Registry, b BankRegistry, v ValidatorSet) AdmissionDecorator {
	return AdmissionDecorator{registry: r, banks: b, validators: v}
}

// AnteHandle refuses the transaction unless every signer may send every message in it.
func (d AdmissionDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	// Genesis transactions create the first validators before any registry exists.
	if ctx.BlockHeight() == 0 {
		return next(ctx, tx, simulate)
	}
	sigTx, ok := tx.(authsigning.SigVerifiableTx)
	if !ok {
		return ctx, errorsmod.Wrap(balancingtypes.ErrMessageNotAllowed, "transaction carries no signers")
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		return ctx, err
	}
	msgs := tx.GetMsgs()
	for _, s := range signers {
		if err := d.Admit(ctx, sdk.AccAddress(s), msgs); err != nil {
			return ctx, err
		}
	}
	return next(ctx, tx, simulate)
}

// Admit decides whether addr may sign a transaction carrying msgs, and says why not.
func (d AdmissionDecorator) Admit(ctx sdk.Context, addr sdk.AccAddress, msgs []sdk.Msg) error {
	standing, p, err := d.StandingOf(ctx, addr)
	if err != nil {
		return err
	}
	chain := ctx.ChainID()
	for _, msg := range msgs {
		url := sdk.MsgTypeURL(msg)
		switch standing {
		case StandingOperator, StandingBank:
			continue
		case StandingParticipant:
			if url == createValidatorURL && !hasRole(p, balancingtypes.Role_ROLE_VALIDATOR) {
				return errorsmod.Wrapf(balancingtypes.ErrMessageNotAllowed,
					"account %s may not create a validator on %s: ask the grid operator to grant it the validator role", addr, chain)
			}
		case StandingValidator:
			if !isValidatorMsg(url) {
				return errorsmod.Wrapf(balancingtypes.ErrMessageNotAllowed,
					"validator account %s may send staking, distribution, slashing, governance and bank messages only, not %s: to trade, ask the grid operator to admit it as a participant", addr, url)
			}
		case StandingRelayer:
			if !strings.HasPrefix(url, "/ibc.core.") {
				return errorsmod.Wrapf(balancingtypes.ErrMessageNotAllowed,
					"relayer account %s may send IBC core messages only, not %s", addr, url)
			}
		default:
			return refusal(addr, chain, p)
		}
	}
	return nil
}

// StandingOf looks addr up in the registries, cheapest first. A suspended or excluded
// participant has no standing unless it also runs a validator; p is its record if any.
func (d AdmissionDecorator) StandingOf(ctx context.Context, addr sdk.AccAddress) (Standing, *balancingtypes.Participant, error) {
	op, err := d.registry.GridOperator(ctx)
	if err != nil {
		return StandingStranger, nil, err
	}
	if op != "" && op == addr.String() {
		return StandingOperator, nil, nil
	}
	p, admitted, err := d.registry.GetParticipant(ctx, addr)
	if err != nil {
		return StandingStranger, nil, err
	}
	if admitted && p.Status == balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE {
		return StandingParticipant, &p, nil
	}
	if bank, err := d.banks.IsActiveBank(ctx, addr); err != nil {
		return StandingStranger, nil, err
	} else if bank {
		return StandingBank, nil, nil
	}
	if _, err := d.validators.GetValidator(ctx, sdk.ValAddress(addr)); err == nil {
		return StandingValidator, nil, nil
	} else if !errorsmod.IsOf(err, stakingtypes.ErrNoValidatorFound) {
		return StandingStranger, nil, err
	}
	if relayer, err := d.registry.IsRelayer(ctx, addr); err != nil {
		return StandingStranger, nil, err
	} else if relayer {
		return StandingRelayer, nil, nil
	}
	if admitted {
		return StandingStranger, &p, nil
	}
	return StandingStranger, nil, nil
}

// refusal says why an account without standing is refused and what to do about it.
func refusal(addr sdk.AccAddress, chain string, p *balancingtypes.Participant) error {
	if p == nil {
		return errorsmod.Wrapf(balancingtypes.ErrNotAdmitted,
			"account %s is not admitted on %s: ask the grid operator to admit it", addr, chain)
	}
	if p.Status == balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED {
		return errorsmod.Wrapf(balancingtypes.ErrNotInGoodStanding,
			"participant %s was excluded from %s and may send no transactions", addr, chain)
	}
	return errorsmod.Wrapf(balancingtypes.ErrNotInGoodStanding,
		"participant %s is suspended on %s: ask the grid operator to reinstate it", addr, chain)
}

const createValidatorURL = "/cosmos.staking.v1beta1.MsgCreateValidator"

// isValidatorMsg is what running a validator takes: staking, rewards, unjailing, voting,
// and moving the staking token.
func isValidatorMsg(url string) bool {
	for _, prefix := range []string{"/cosmos.staking.", "/cosmos.distribution.", "/cosmos.slashing.", "/cosmos.gov.", "/cosmos.bank."} {
		if strings.HasPrefix(url, prefix) {
			return true
		}
	}
	return false
}

func hasRole(p *balancingtypes.Participant, role balancingtypes.Role) bool {
	if p == nil {
		return false
	}
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}
