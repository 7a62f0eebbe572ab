package keeper

import (
	"context"
	"fmt"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/gridledger/gridledger/chain/x/fiat/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

// ApproveBank lets governance approve a bank entity with a new denom and its metadata.
func (m msgServer) ApproveBank(ctx context.Context, msg *types.MsgApproveBank) (*types.MsgApproveBankResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	addr, err := m.parseAddress("address", msg.Address)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateDenom("denom", msg.Denom); err != nil {
		return nil, err
	}
	if err := types.ValidateDenom("display_denom", msg.DisplayDenom); err != nil {
		return nil, err
	}
	if msg.DisplayDenom == msg.Denom {
		return nil, errorsmod.Wrap(types.ErrInvalidDenom, "display_denom must differ from denom")
	}
	if err := types.ValidateCurrency(msg.Currency); err != nil {
		return nil, err
	}
	if err := types.ValidateExponent(msg.Exponent); err != nil {
		return nil, err
	}
	if err := msg.FeeModel.Validate(); err != nil {
		return nil, err
	}
	if has, err := m.Banks.Has(ctx, msg.Denom); err != nil {
		return nil, err
	} else if has || m.bank.HasSupply(ctx, msg.Denom) || m.bank.HasDenomMetaData(ctx, msg.Denom) {
		return nil, errorsmod.Wrapf(types.ErrDenomTaken, "denom %s already exists on this chain", msg.Denom)
	}
	fee := msg.FeeModel
	if fee.FixedAmount.IsNil() {
		fee.FixedAmount = math.ZeroInt()
	}
	b := types.BankEntity{
		Denom: msg.Denom, Address: addr.String(), Currency: msg.Currency, Exponent: msg.Exponent,
		DisplayDenom: msg.DisplayDenom, FeeModel: fee, Status: types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE,
		Reserve: math.ZeroInt(), Minted: math.ZeroInt(), Burned: math.ZeroInt(), FeesReceived: math.ZeroInt(),
	}
	if err := m.Banks.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	m.bank.SetDenomMetaData(ctx, denomMetadata(b))
	if err := m.emit(ctx, &types.EventBankApproved{Denom: b.Denom, Address: b.Address, Currency: b.Currency}); err != nil {
		return nil, err
	}
	return &types.MsgApproveBankResponse{}, nil
}

// denomMetadata describes a bank's denom to wallets: base unit, display unit, exponent.
func denomMetadata(b types.BankEntity) banktypes.Metadata {
	return banktypes.Metadata{
		Description: fmt.Sprintf("%s tokenised 1:1 by the bank entity %s", b.Currency, b.Address),
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: b.Denom, Exponent: 0},
			{Denom: b.DisplayDenom, Exponent: b.Exponent},
		},
		Base:    b.Denom,
		Display: b.DisplayDenom,
		Name:    fmt.Sprintf("%s (%s)", b.Currency, b.Denom),
		Symbol:  strings.ToUpper(b.Currency),
	}
}

// UpdateBank lets governance change a bank's fee model or revoke (or reinstate) it.
// Revocation stops minting; holders can still redeem.
func (m msgServer) UpdateBank(ctx context.Context, msg *types.MsgUpdateBank) (*types.MsgUpdateBankResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if err := types.ValidateDenom("denom", msg.Denom); err != nil {
		return nil, err
	}
	if err := msg.FeeModel.Validate(); err != nil {
		return nil, err
	}
	if msg.Status != types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE && msg.Status != types.BankEntityStatus_BANK_ENTITY_STATUS_REVOKED {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status must be active or revoked, got %s", msg.Status)
	}
	b, err := m.GetBank(ctx, msg.Denom)
	if err != nil {
		return nil, err
	}
	b.FeeModel, b.Status = msg.FeeModel, msg.Status
	if b.FeeModel.FixedAmount.IsNil() {
		b.FeeModel.FixedAmount = math.ZeroInt()
	}
	if err := m.Banks.Set(ctx, b.Denom, b); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.EventBankUpdated{Denom: b.Denom, Status: b.Status.String()}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateBankResponse{}, nil
}
