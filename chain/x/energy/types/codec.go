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
	legacy.RegisterAminoMsg(cdc, &MsgIssueToken{}, "gridledger/MsgIssueToken")
	legacy.RegisterAminoMsg(cdc, &MsgSetAsk{}, "gridledger/MsgSetAsk")
	legacy.RegisterAminoMsg(cdc, &MsgBuySide{}, "gridledger/MsgBuySide")
	legacy.RegisterAminoMsg(cdc, &MsgHandOverSide{}, "gridledger/MsgHandOverSide")
	legacy.RegisterAminoMsg(cdc, &MsgSplitToken{}, "gridledger/MsgSplitToken")
	legacy.RegisterAminoMsg(cdc, &MsgMergeTokens{}, "gridledger/MsgMergeTokens")
	legacy.RegisterAminoMsg(cdc, &MsgAggregateSides{}, "gridledger/MsgAggregateSides")
	legacy.RegisterAminoMsg(cdc, &MsgDisaggregateSide{}, "gridledger/MsgDisaggregateSide")
	legacy.RegisterAminoMsg(cdc, &MsgProcure{}, "gridledger/MsgProcure")
	legacy.RegisterAminoMsg(cdc, &MsgRedispatch{}, "gridledger/MsgRedispatch")
	legacy.RegisterAminoMsg(cdc, &MsgCancelToken{}, "gridledger/MsgCancelToken")
	legacy.RegisterAminoMsg(cdc, &MsgCancelTokenJointly{}, "gridledger/MsgCancelTokenJointly")
	legacy.RegisterAminoMsg(cdc, &MsgSetPriceBand{}, "gridledger/MsgSetPriceBand")
	legacy.RegisterAminoMsg(cdc, &MsgPublishCo2Intensity{}, "gridledger/MsgPublishCo2Intensity")
	legacy.RegisterAminoMsg(cdc, &MsgSetCo2Rate{}, "gridledger/MsgSetCo2Rate")
	legacy.RegisterAminoMsg(cdc, &MsgSplitCo2{}, "gridledger/MsgSplitCo2")
	legacy.RegisterAminoMsg(cdc, &MsgMergeCo2{}, "gridledger/MsgMergeCo2")
	legacy.RegisterAminoMsg(cdc, &MsgSetCo2Ask{}, "gridledger/MsgSetCo2Ask")
	legacy.RegisterAminoMsg(cdc, &MsgBuyCo2Token{}, "gridledger/MsgBuyCo2Token")
	legacy.RegisterAminoMsg(cdc, &MsgDivideCo2Token{}, "gridledger/MsgDivideCo2Token")
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgIssueToken{}, &MsgSetAsk{}, &MsgBuySide{}, &MsgHandOverSide{}, &MsgSplitToken{}, &MsgMergeTokens{},
		&MsgAggregateSides{}, &MsgDisaggregateSide{}, &MsgProcure{}, &MsgRedispatch{}, &MsgCancelToken{}, &MsgCancelTokenJointly{}, &MsgSetPriceBand{},
		&MsgPublishCo2Intensity{}, &MsgSetCo2Rate{}, &MsgSplitCo2{}, &MsgMergeCo2{}, &MsgSetCo2Ask{}, &MsgBuyCo2Token{}, &MsgDivideCo2Token{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
