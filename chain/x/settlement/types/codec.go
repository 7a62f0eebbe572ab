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
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "gridledger/settlement/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgDeclareTransmissionCost{}, "gridledger/MsgDeclareTransmissionCost")
	legacy.RegisterAminoMsg(cdc, &MsgSetSecurityFeeRule{}, "gridledger/MsgSetSecurityFeeRule")
	legacy.RegisterAminoMsg(cdc, &MsgSetCollateralRequirement{}, "gridledger/MsgSetCollateralRequirement")
	legacy.RegisterAminoMsg(cdc, &MsgSeizeCollateral{}, "gridledger/MsgSeizeCollateral")
	cdc.RegisterConcrete(&Params{}, "gridledger/x/settlement/Params", nil)
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgUpdateParams{}, &MsgDeclareTransmissionCost{},
		&MsgSetSecurityFeeRule{}, &MsgSetCollateralRequirement{}, &MsgSeizeCollateral{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
