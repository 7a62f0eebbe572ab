package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers amino names (at most 39 characters, the Ledger limit).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgApproveBank{}, "gridledger/MsgApproveBank")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateBank{}, "gridledger/MsgUpdateBank")
	legacy.RegisterAminoMsg(cdc, &MsgAttestReserve{}, "gridledger/MsgAttestReserve")
	legacy.RegisterAminoMsg(cdc, &MsgMint{}, "gridledger/MsgMint")
	legacy.RegisterAminoMsg(cdc, &MsgRedeem{}, "gridledger/MsgRedeem")
	legacy.RegisterAminoMsg(cdc, &MsgMarkRedemptionPaid{}, "gridledger/MsgMarkRedemptionPaid")
	legacy.RegisterAminoMsg(cdc, &MsgDeposit{}, "gridledger/MsgDeposit")
	legacy.RegisterAminoMsg(cdc, &MsgWithdraw{}, "gridledger/MsgWithdraw")
	legacy.RegisterAminoMsg(cdc, &MsgLockCollateral{}, "gridledger/MsgLockCollateral")
	legacy.RegisterAminoMsg(cdc, &MsgUnlockCollateral{}, "gridledger/MsgUnlockCollateral")
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgApproveBank{}, &MsgUpdateBank{}, &MsgAttestReserve{}, &MsgMint{}, &MsgRedeem{},
		&MsgMarkRedemptionPaid{}, &MsgDeposit{}, &MsgWithdraw{}, &MsgLockCollateral{}, &MsgUnlockCollateral{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
