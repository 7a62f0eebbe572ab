package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the messages under their amino names so that
// Ledger and Keplr users can sign them in LEGACY_AMINO_JSON mode. RegisterAminoMsg
// refuses names over 39 characters, the Ledger app's limit.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "gridledger/balancing/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgAdmitParticipant{}, "gridledger/MsgAdmitParticipant")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParticipant{}, "gridledger/MsgUpdateParticipant")
	legacy.RegisterAminoMsg(cdc, &MsgSuspendParticipant{}, "gridledger/MsgSuspendParticipant")
	legacy.RegisterAminoMsg(cdc, &MsgReinstateParticipant{}, "gridledger/MsgReinstateParticipant")
	legacy.RegisterAminoMsg(cdc, &MsgExcludeParticipant{}, "gridledger/MsgExcludeParticipant")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterMeter{}, "gridledger/MsgRegisterMeter")
	legacy.RegisterAminoMsg(cdc, &MsgRotateMeterKey{}, "gridledger/MsgRotateMeterKey")
	legacy.RegisterAminoMsg(cdc, &MsgRetireMeter{}, "gridledger/MsgRetireMeter")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterRelayer{}, "gridledger/MsgRegisterRelayer")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveRelayer{}, "gridledger/MsgRemoveRelayer")
	legacy.RegisterAminoMsg(cdc, &MsgAppointCo2Authority{}, "gridledger/MsgAppointCo2Authority")
	cdc.RegisterConcrete(&Params{}, "gridledger/balancing/Params", nil)
}

// RegisterInterfaces registers the messages as sdk.Msg implementations.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{},
		&MsgAdmitParticipant{},
		&MsgUpdateParticipant{},
		&MsgSuspendParticipant{},
		&MsgReinstateParticipant{},
		&MsgExcludeParticipant{},
		&MsgRegisterMeter{},
		&MsgRotateMeterKey{},
		&MsgRetireMeter{},
		&MsgRegisterRelayer{},
		&MsgAppointCo2Authority{},
		&MsgRemoveRelayer{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
