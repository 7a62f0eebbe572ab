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
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "gridledger/interchain/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgLink{}, "gridledger/interchain/MsgLink")
	legacy.RegisterAminoMsg(cdc, &MsgSendHello{}, "gridledger/interchain/MsgSendHello")
	legacy.RegisterAminoMsg(cdc, &MsgSetBridgeCapacity{}, "gridledger/MsgSetBridgeCapacity")
	legacy.RegisterAminoMsg(cdc, &MsgCancelRemote{}, "gridledger/interchain/MsgCancelRemote")
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgUpdateParams{}, &MsgLink{}, &MsgSendHello{}, &MsgSetBridgeCapacity{}, &MsgCancelRemote{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
