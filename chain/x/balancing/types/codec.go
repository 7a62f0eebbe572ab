package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the messages under their amino names so that
// Ledger and Keplr users can sign them in LEGACY_AMINO_JSON mode.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgUpdateParams{}, "gridledger/x/balancing/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgAdmitParticipant{}, "gridledger/x/balancing/MsgAdmitParticipant", nil)
	cdc.RegisterConcrete(&MsgUpdateParticipant{}, "gridledger/x/balancing/MsgUpdateParticipant", nil)
	cdc.RegisterConcrete(&MsgSuspendParticipant{}, "gridledger/x/balancing/MsgSuspendParticipant", nil)
	cdc.RegisterConcrete(&MsgReinstateParticipant{}, "gridledger/x/balancing/MsgReinstateParticipant", nil)
	cdc.RegisterConcrete(&MsgExcludeParticipant{}, "gridledger/x/balancing/MsgExcludeParticipant", nil)
	cdc.RegisterConcrete(&MsgRegisterMeter{}, "gridledger/x/balancing/MsgRegisterMeter", nil)
	cdc.RegisterConcrete(&Params{}, "gridledger/x/balancing/Params", nil)
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
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
