package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
)

// InitGenesis loads the registry. Indexes are rebuilt from the records, so an
// exported genesis never carries them.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Participants {
		addr, err := k.addressCodec.StringToBytes(p.Address)
		if err != nil {
			return err
		}
		if err := k.setParticipant(ctx, addr, nil, p); err != nil {
			return err
		}
	}
	for _, m := range gs.Meters {
		if err := k.setMeter(ctx, m); err != nil {
			return err
		}
	}
	for _, r := range gs.Relayers {
		addr, err := k.addressCodec.StringToBytes(r)
		if err != nil {
			return err
		}
		if err := k.Relayers.Set(ctx, addr); err != nil {
			return err
		}
	}
	if gs.Co2Authority != "" {
		addr, err := k.addressCodec.StringToBytes(gs.Co2Authority)
		if err != nil {
			return err
		}
		return k.Co2AuthorityAddr.Set(ctx, addr)
	}
	return nil
}

// ExportGenesis writes the registry out in key order.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	err = k.Participants.Walk(ctx, nil, func(_ sdk.AccAddress, p types.Participant) (bool, error) {
		gs.Participants = append(gs.Participants, p)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Meters.Walk(ctx, nil, func(_ string, m types.Meter) (bool, error) {
		gs.Meters = append(gs.Meters, m)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Relayers.Walk(ctx, nil, func(addr sdk.AccAddress) (bool, error) {
		gs.Relayers = append(gs.Relayers, addr.String())
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	co2, ok, err := k.Co2Authority(ctx)
	if err != nil {
		return nil, err
	}
	if ok {
		gs.Co2Authority = co2.String()
	}
	return gs, nil
}
