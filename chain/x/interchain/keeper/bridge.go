package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	host "github.com/cosmos/ibc-go/v10/modules/core/24-host"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Bridge capacities (seed §4.2, DESIGN.md §6 invariant 6). The parent of a link keeps its
// capacity, per direction, in Wh per period, and the flow reserved in each period; the child
// keeps none. A cross-grid purchase reserves, on the parent of every link of its path, the
// flow of each of its periods with ReserveBridge (all or nothing) and gives it back with
// ReleaseBridge on an error acknowledgement, a timeout or a cancellation.

// childLink returns the link to a child over this chain's energy channel channelID, refusing
// a malformed id, the parent's channel (its capacity is the parent's business) and a channel
// that links nothing.
func (k Keeper) childLink(ctx context.Context, channelID string) (types.Link, error) {
	if err := host.ChannelIdentifierValidator(channelID); err != nil {
		return types.Link{}, errorsmod.Wrapf(types.ErrInvalidRequest, "channel %q: %v", channelID, err)
	}
	l, err := k.Children.Get(ctx, channelID)
	if err == nil {
		return l, nil
	}
	if !errors.Is(err, collections.ErrNotFound) {
		return types.Link{}, err
	}
	if parent, err := k.Parent.Get(ctx); err == nil && parent.EnergyChannelId == channelID {
		return types.Link{}, errorsmod.Wrapf(types.ErrNotParentSide,
			"%s links this chain to its parent %s: that link's capacity is set and kept by the parent's grid operator",
			channelID, parent.CounterpartyChainId)
	} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return types.Link{}, err
	}
	return types.Link{}, errorsmod.Wrapf(types.ErrUnknownChannel, "energy channel %s links no child of this chain", channelID)
}

// BridgeCapacity is a child link's capacity in one direction, 0 when none was set.
func (k Keeper) BridgeCapacity(ctx context.Context, channelID string, dir types.BridgeDirection) (uint64, error) {
	c, err := k.Capacities.Get(ctx, collections.Join(channelID, int32(dir)))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return c, err
}

// BridgeReserved is the flow reserved over a child link in one direction and period.
func (k Keeper) BridgeReserved(ctx context.Context, channelID string, dir types.BridgeDirection, period uint64) (uint64, error) {
	u, err := k.Usage.Get(ctx, collections.Join3(channelID, int32(dir), period))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return u, err
}

// SetCapacity sets a child link's capacity in one direction and returns the previous
// one. The caller checked the signer. A capacity below the flow already reserved in any
// recorded period is refused: those reservations were granted against the old capacity and
// belong to purchases that may be done on other chains, so they cannot be taken back here,
// and keeping them over a lower capacity would break invariant 6. The operator lowers a
// capacity once the periods that use it have passed and been pruned, or after purchases
// released it.
func (k Keeper) SetCapacity(ctx context.Context, channelID string, dir types.BridgeDirection, wh uint64) (uint64, error) {
	if err := dir.Validate(); err != nil {
		return 0, errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
	}
	if wh == 0 || wh > types.MaxBridgeCapacityWh {
		return 0, errorsmod.Wrapf(types.ErrInvalidCapacity,
			"a capacity is 1 to %d Wh per period, not %d (a link without a capacity carries nothing; a capacity cannot be removed, only lowered)",
			types.MaxBridgeCapacityWh, wh)
	}
	link, err := k.childLink(ctx, channelID)
	if err != nil {
		return 0, err
	}
	rng := collections.NewSuperPrefixedTripleRange[string, int32, uint64](channelID, int32(dir))
	err = k.Usage.Walk(ctx, rng, func(key collections.Triple[string, int32, uint64], reserved uint64) (bool, error) {
		if reserved > wh {
			return true, errorsmod.Wrapf(types.ErrInvalidCapacity,
				"%d Wh per period %s to %s is below the %d Wh already reserved in period %d: wait until purchases release it or the period is pruned",
				wh, dir.Short(), link.CounterpartyChainId, reserved, key.K3())
		}
		return false, nil
	})
	if err != nil {
		return 0, err
	}
	previous, err := k.BridgeCapacity(ctx, channelID, dir)
	if err != nil {
		return 0, err
	}
	if err := k.Capacities.Set(ctx, collections.Join(channelID, int32(dir)), wh); err != nil {
		return 0, err
	}
	return previous, emit(ctx, &types.EventBridgeCapacitySet{ChannelId: channelID, Direction: dir,
		PreviousWhPerPeriod: previous, WhPerPeriod: wh})
}

// checkBridgeRange validates a reservation's or release's arguments.
func checkBridgeRange(dir types.BridgeDirection, first, last, wh uint64) error {
	if err := dir.Validate(); err != nil {
		return errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
	}
	if last < first {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "last period %d is before first period %d", last, first)
	}
	if n := last - first; n >= types.MaxBridgePeriods {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "periods %d-%d are more than %d periods", first, last, types.MaxBridgePeriods)
	}
	if wh == 0 || wh > types.MaxBridgeCapacityWh {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "a flow is 1 to %d Wh per period, not %d", types.MaxBridgeCapacityWh, wh)
	}
	return nil
}

// ReserveBridge reserves wh Wh of flow over the child link on this chain's energy channel
// channelID, in direction dir, in every period from first to last (at most MaxBridgePeriods),
// or nothing: when any period lacks the room it fails with ErrBridgeFull naming the link, the
// first such period and the Wh still free there, and changes no state. Periods before the
// current one cannot be reserved. This is the call a cross-grid purchase makes on the parent
// of each link of its path.
func (k Keeper) ReserveBridge(ctx context.Context, channelID string, dir types.BridgeDirection, first, last, wh uint64) error {
	if err := checkBridgeRange(dir, first, last, wh); err != nil {
		return err
	}
	link, err := k.childLink(ctx, channelID)
	if err != nil {
		return err
	}
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return err
	}
	if first < current {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "period %d has passed (the current period is %d): no flow can be reserved in it", first, current)
	}
	capacity, err := k.BridgeCapacity(ctx, channelID, dir)
	if err != nil {
		return err
	}
	reserved := make([]uint64, 0, last-first+1)
	for p := first; ; p++ {
		r, err := k.BridgeReserved(ctx, channelID, dir, p)
		if err != nil {
			return err
		}
		// r <= capacity <= MaxBridgeCapacityWh and wh <= MaxBridgeCapacityWh: no overflow.
		if r+wh > capacity {
			free := uint64(0)
			if capacity > r {
				free = capacity - r
			}
			return errorsmod.Wrapf(types.ErrBridgeFull,
				"the link %s to %s has %d Wh free %s in period %d (capacity %d Wh, reserved %d Wh), %d Wh asked",
				channelID, link.CounterpartyChainId, free, dir.Short(), p, capacity, r, wh)
		}
		reserved = append(reserved, r)
		if p == last {
			break
		}
	}
	for i, r := range reserved {
		if err := k.setUsage(ctx, channelID, dir, first+uint64(i), r+wh); err != nil {
			return err
		}
	}
	return nil
}

// ReleaseBridge gives back wh Wh per period reserved over the link by ReserveBridge, exactly
// undoing a reservation of the same arguments. Releasing more than is reserved in any period
// fails with ErrReleaseTooLarge and changes no state. Periods in the past can be released as
// long as their usage is kept (BridgeUsageRetentionSeconds behind the current period).
func (k Keeper) ReleaseBridge(ctx context.Context, channelID string, dir types.BridgeDirection, first, last, wh uint64) error {
	if err := checkBridgeRange(dir, first, last, wh); err != nil {
		return err
	}
	link, err := k.childLink(ctx, channelID)
	if err != nil {
		return err
	}
	reserved := make([]uint64, 0, last-first+1)
	for p := first; ; p++ {
		r, err := k.BridgeReserved(ctx, channelID, dir, p)
		if err != nil {
			return err
		}
		if r < wh {
			return errorsmod.Wrapf(types.ErrReleaseTooLarge,
				"the link %s to %s has %d Wh reserved %s in period %d, %d Wh to release",
				channelID, link.CounterpartyChainId, r, dir.Short(), p, wh)
		}
		reserved = append(reserved, r)
		if p == last {
			break
		}
	}
	for i, r := range reserved {
		if err := k.setUsage(ctx, channelID, dir, first+uint64(i), r-wh); err != nil {
			return err
		}
	}
	return nil
}

// setUsage stores a period's reserved flow with its pruning index; zero removes both.
func (k Keeper) setUsage(ctx context.Context, channelID string, dir types.BridgeDirection, period, wh uint64) error {
	key := collections.Join3(channelID, int32(dir), period)
	idx := collections.Join3(period, channelID, int32(dir))
	if wh == 0 {
		if err := k.Usage.Remove(ctx, key); err != nil {
			return err
		}
		return k.UsageByPeriod.Remove(ctx, idx)
	}
	if err := k.Usage.Set(ctx, key, wh); err != nil {
		return err
	}
	return k.UsageByPeriod.Set(ctx, idx)
}

// PruneBridgeUsage deletes, from the oldest period on, at most MaxBridgePrunePerBlock usage
// records of periods more than BridgeUsageRetentionSeconds behind the current period, and
// returns how many it deleted. Called every EndBlock; no cursor is kept, the index is walked
// from its front.
func (k Keeper) PruneBridgeUsage(ctx context.Context) (int, error) {
	current, err := k.energy.CurrentPeriod(ctx)
	if err != nil {
		return 0, err
	}
	seconds, err := k.energy.PeriodSeconds(ctx)
	if err != nil || seconds == 0 {
		return 0, err
	}
	keep := (types.BridgeUsageRetentionSeconds + seconds - 1) / seconds
	if current <= keep {
		return 0, nil
	}
	before := current - keep
	var doomed []collections.Triple[uint64, string, int32]
	rng := new(collections.Range[collections.Triple[uint64, string, int32]]).
		EndExclusive(collections.Join3(before, "", int32(0)))
	err = k.UsageByPeriod.Walk(ctx, rng, func(key collections.Triple[uint64, string, int32]) (bool, error) {
		doomed = append(doomed, key)
		return len(doomed) >= types.MaxBridgePrunePerBlock, nil
	})
	if err != nil {
		return 0, err
	}
	for _, key := range doomed {
		if err := k.Usage.Remove(ctx, collections.Join3(key.K2(), key.K3(), key.K1())); err != nil {
			return 0, err
		}
		if err := k.UsageByPeriod.Remove(ctx, key); err != nil {
			return 0, err
		}
	}
	return len(doomed), nil
}
