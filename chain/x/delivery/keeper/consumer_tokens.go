package keeper

import (
	"context"
	"strings"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// Issue 14 attaches a period's transmission cost to the consumers' tokens (seed §3
// token characteristics: grid fees are "calculated and attached to the token upon
// delivery"). x/settlement shares the cost among participants pro rata of their net
// consumption (consumption.go) and then each participant's share among the tokens it
// consumed through, so reconciliation, which visits every delivering side once anyway,
// records those tokens: one write per consumer side at a consumption meter per period
// (the schedule stage), and one per imbalance token that supplies a consumption meter
// (the settle stage). Sides at virtual meters are trading positions, not consumption;
// physical meter ids may not take the virtual prefix, and a consumer side sits at a
// consumption or a virtual meter of its owner (x/energy resolveMeter), so the id alone
// tells, without a registry read. The balancing authority's sides are skipped as the
// schedule skips them.

// recordConsumerToken records that owner consumed wh through token id in period at a
// consumption meter.
func (k Keeper) recordConsumerToken(ctx context.Context, period uint64, owner sdk.AccAddress, id, wh uint64) error {
	if wh == 0 {
		return nil
	}
	return k.ConsumerTokens.Set(ctx, collections.Join3(period, owner, id), wh)
}

// atConsumptionMeter says whether a consumer side's meter is physical: a consumption meter.
func atConsumptionMeter(meterID string) bool {
	return !strings.HasPrefix(meterID, balancingtypes.VirtualMeterPrefix)
}

// ConsumerTokensStep visits, in token id order, up to limit of the tokens owner consumed
// through in period, after afterToken (0: from the first), with their Wh; remove deletes
// each entry as it is visited (the entries are read before any is visited). done says
// none is left after them.
func (k Keeper) ConsumerTokensStep(ctx context.Context, period uint64, owner sdk.AccAddress, afterToken uint64, limit int, remove bool,
	visit func(tokenID, wh uint64) error,
) (used int, done bool, err error) {
	if limit <= 0 {
		return 0, false, nil
	}
	prefix := collections.TripleSuperPrefix[uint64, sdk.AccAddress, uint64](period, owner)
	rng := ownerTokens{start: collections.RangeKeyExact(prefix), end: collections.RangeKeyPrefixEnd(prefix)}
	if afterToken != 0 {
		rng.start = collections.RangeKeyNext(collections.Join3(period, owner, afterToken))
	}
	it, err := k.ConsumerTokens.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	var page []collections.KeyValue[collections.Triple[uint64, sdk.AccAddress, uint64], uint64]
	for ; it.Valid() && len(page) < limit; it.Next() {
		kv, err := it.KeyValue()
		if err != nil {
			it.Close()
			return 0, false, err
		}
		page = append(page, kv)
	}
	done = !it.Valid()
	it.Close()
	for _, kv := range page {
		if remove {
			if err := k.ConsumerTokens.Remove(ctx, kv.Key); err != nil {
				return used, false, err
			}
		}
		used++
		if err := visit(kv.Key.K3(), kv.Value); err != nil {
			return used, false, err
		}
	}
	return used, done, nil
}

// ownerTokens is the range of one owner's entries of a period, from start.
type ownerTokens struct {
	start, end *collections.RangeKey[collections.Triple[uint64, sdk.AccAddress, uint64]]
}

func (r ownerTokens) RangeValues() (start, end *collections.RangeKey[collections.Triple[uint64, sdk.AccAddress, uint64]], order collections.Order, err error) {
	return r.start, r.end, collections.OrderAscending, nil
}
