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
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "gridledger/delivery/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitReadings{}, "gridledger/MsgSubmitReadings")
	legacy.RegisterAminoMsg(cdc, &MsgPublishReferencePrice{}, "gridledger/MsgPublishReferencePrice")
	cdc.RegisterConcrete(&Params{}, "gridledger/delivery/Params", nil)
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), &MsgUpdateParams{}, &MsgSubmitReadings{}, &MsgPublishReferencePrice{})
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
