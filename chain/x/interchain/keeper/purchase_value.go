package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	transfertypes "github.com/cosmos/ibc-go/v10/modules/apps/transfer/types"

	"github.com/gridledger/gridledger/chain/x/interchain/types"
)

// The value of a purchase crosses each link by ICS-20's own rules on the link's transfer
// channel, applied through the transfer keeper: sending escrows a coin (or burns a voucher
// going home), receiving unescrows (or mints a voucher). Each move has an exact inverse,
// which is the one refund path for error acknowledgements and timeouts: the channel's escrow
// always matches the voucher supply on the other side.

// sendValue moves amount of denom from sender over the link's transfer channel and returns
// the denom path as the packet names it.
func (k Keeper) sendValue(ctx sdk.Context, l types.Link, sender sdk.AccAddress, coin sdk.Coin) (string, error) {
	token, err := k.transfer.TokenFromCoin(ctx, coin)
	if err != nil {
		return "", err
	}
	if err := k.transfer.SendTransfer(ctx, types.TransferPortID, l.TransferChannelId, token, sender); err != nil {
		return "", err
	}
	return token.Denom.Path(), nil
}

// unsendValue returns what sendValue sent to sender: the transfer keeper's timeout refund.
func (k Keeper) unsendValue(ctx sdk.Context, l types.Link, sender sdk.AccAddress, coin sdk.Coin) error {
	token, err := k.transfer.TokenFromCoin(ctx, coin)
	if err != nil {
		return err
	}
	return k.transfer.OnTimeoutPacket(ctx, types.TransferPortID, l.TransferChannelId, transferData(token, sender, sender))
}

// receiveValue credits receiver with the value a packet carries over link l and returns it
// as a coin of this chain.
func (k Keeper) receiveValue(ctx sdk.Context, l types.Link, receiver sdk.AccAddress, path string, amount math.Int) (sdk.Coin, error) {
	counterparty, err := k.counterpartyTransferChannel(ctx, l)
	if err != nil {
		return sdk.Coin{}, err
	}
	denom := transfertypes.ExtractDenomFromPath(path)
	token := transfertypes.Token{Denom: denom, Amount: amount.String()}
	if err := k.transfer.OnRecvPacket(ctx, transferData(token, receiver, receiver),
		types.TransferPortID, counterparty, types.TransferPortID, l.TransferChannelId); err != nil {
		return sdk.Coin{}, err
	}
	// The same rule the transfer keeper applied: a denom that left through this link comes
	// home without its first hop, any other arrives as a voucher of this channel.
	local := transfertypes.ExtractDenomFromPath(path)
	if local.HasPrefix(types.TransferPortID, counterparty) {
		local.Trace = local.Trace[1:]
	} else {
		local.Trace = append([]transfertypes.Hop{transfertypes.NewHop(types.TransferPortID, l.TransferChannelId)}, local.Trace...)
	}
	return sdk.NewCoin(local.IBCDenom(), amount), nil
}

// unreceiveValue undoes receiveValue: sending the coin back over the same channel burns the
// voucher the receipt minted, or escrows again what it unescrowed.
func (k Keeper) unreceiveValue(ctx sdk.Context, l types.Link, holder sdk.AccAddress, coin sdk.Coin) error {
	_, err := k.sendValue(ctx, l, holder, coin)
	return err
}

func transferData(token transfertypes.Token, sender, receiver sdk.AccAddress) transfertypes.InternalTransferRepresentation {
	return transfertypes.InternalTransferRepresentation{Token: token, Sender: sender.String(), Receiver: receiver.String()}
}
