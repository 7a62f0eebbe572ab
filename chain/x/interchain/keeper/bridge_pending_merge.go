package keeper

import "context"

// MERGE: replaced by the bridge-capacity API of branch `bridges` (ReserveBridge/ReleaseBridge).
func (k Keeper) reserveBridge(ctx context.Context, channelID string, up bool, first, last, wh uint64) error {
	return nil
}

func (k Keeper) releaseBridge(ctx context.Context, channelID string, up bool, first, last, wh uint64) error {
	return nil
}
