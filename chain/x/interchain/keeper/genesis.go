package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// InitGenesis loads the links and peer records.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if gs.Parent != nil {
		if err := k.Parent.Set(ctx, *gs.Parent); err != nil {
			return err
		}
	}
	for _, l := range gs.Children {
		if err := k.Children.Set(ctx, l.EnergyChannelId, l); err != nil {
			return err
		}
	}
	for _, p := range gs.Peers {
		if err := k.Peers.Set(ctx, p.ChannelId, p); err != nil {
			return err
		}
	}
	for _, hop := range gs.Purchases {
		if err := k.Purchases.Set(ctx, hop.PurchaseId, hop); err != nil {
			return err
		}
		if err := k.indexPurchaseGenesis(ctx, hop); err != nil {
			return err
		}
		if hop.OutChannel != "" {
			if err := k.OutPackets.Set(ctx, collections.Join(hop.OutChannel, hop.OutSequence), hop.PurchaseId); err != nil {
				return err
			}
		}
		if hop.Cancel != nil && hop.Cancel.OutChannel != "" { // a cancel sweep's packet (docs/adr/027)
			if err := k.OutPackets.Set(ctx, collections.Join(hop.Cancel.OutChannel, hop.Cancel.OutSequence), hop.PurchaseId); err != nil {
				return err
			}
		}
	}
	if err := k.initRetentionGenesis(ctx, gs); err != nil {
		return err
	}
	if err := k.PurchaseSeq.Set(ctx, gs.PurchaseSeq); err != nil {
		return err
	}
	for _, f := range gs.LinkFees {
		if err := k.LinkFeeRates.Set(ctx, collections.Join(f.ChannelId, f.BaseDenom), f.FeePerMwh); err != nil {
			return err
		}
	}
	for _, c := range gs.BridgeCapacities {
		if err := k.Capacities.Set(ctx, collections.Join(c.ChannelId, int32(c.Direction)), c.WhPerPeriod); err != nil {
			return err
		}
	}
	for _, u := range gs.BridgeUsages {
		if err := k.setUsage(ctx, u.ChannelId, u.Direction, u.Period, u.ReservedWh); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis exports the links and peer records.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	parent, err := k.Parent.Get(ctx)
	switch {
	case err == nil:
		gs.Parent = &parent
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	if gs.Children, err = moduleutil.Values(ctx, k.Children); err != nil {
		return nil, err
	}
	if gs.Peers, err = moduleutil.Values(ctx, k.Peers); err != nil {
		return nil, err
	}
	if gs.Purchases, err = moduleutil.Values(ctx, k.Purchases); err != nil {
		return nil, err
	}
	if err := k.exportRetentionGenesis(ctx, gs); err != nil {
		return nil, err
	}
	if gs.PurchaseSeq, err = k.PurchaseSeq.Peek(ctx); err != nil {
		return nil, err
	}
	err = k.LinkFeeRates.Walk(ctx, nil, func(key collections.Pair[string, string], fee math.Int) (bool, error) {
		gs.LinkFees = append(gs.LinkFees, types.LinkFee{ChannelId: key.K1(), BaseDenom: key.K2(), FeePerMwh: fee})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Capacities.Walk(ctx, nil, func(key collections.Pair[string, int32], wh uint64) (bool, error) {
		gs.BridgeCapacities = append(gs.BridgeCapacities, types.BridgeCapacity{ChannelId: key.K1(), Direction: types.BridgeDirection(key.K2()), WhPerPeriod: wh})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Usage.Walk(ctx, nil, func(key collections.Triple[string, int32, uint64], wh uint64) (bool, error) {
		gs.BridgeUsages = append(gs.BridgeUsages, types.BridgeUsage{ChannelId: key.K1(), Direction: types.BridgeDirection(key.K2()), Period: key.K3(), ReservedWh: wh})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}
