package app

import (
	"context"
	"sync"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
)

// LimitsSource is where the door reads the transaction limits in force.
type LimitsSource interface {
	TxLimits(ctx context.Context) (balancingtypes.TxLimits, error)
}

// TxLimitsDecorator bounds the work one transaction may ask for: its gas limit, its number
// of messages, and fees only in the staking token (fees in fiat would reach the validators'
// reward accounts, which hold no fiat on a permissioned grid).
type TxLimitsDecorator struct {
	limits LimitsSource
}

// NewTxLimitsDecorator reads the limits from x/balancing's parameters.
func NewTxLimitsDecorator(l LimitsSource) TxLimitsDecorator { return TxLimitsDecorator{limits: l} }

// AnteHandle refuses a transaction over the limits, in every mode, before it runs.
func (d TxLimitsDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if ctx.BlockHeight() == 0 {
		return next(ctx, tx, simulate)
	}
	limits, err := d.limits.TxLimits(ctx)
	if err != nil {
		return ctx, err
	}
	if n := len(tx.GetMsgs()); n > int(limits.MaxMsgs) {
		return ctx, errorsmod.Wrapf(balancingtypes.ErrTxTooLarge,
			"%d messages in one transaction, the chain allows %d: split it into several transactions", n, limits.MaxMsgs)
	}
	feeTx, ok := tx.(sdk.FeeTx)
	if !ok {
		return ctx, errorsmod.Wrap(balancingtypes.ErrTxTooLarge, "transaction states no gas limit")
	}
	// A simulation asks for no gas limit of its own: the node measures what it uses.
	if !simulate && feeTx.GetGas() > limits.MaxGas {
		return ctx, errorsmod.Wrapf(balancingtypes.ErrTxTooLarge,
			"gas limit %d is above the chain's %d per transaction: split the work into several transactions", feeTx.GetGas(), limits.MaxGas)
	}
	for _, c := range feeTx.GetFee() {
		if c.Denom != BondDenom {
			return ctx, errorsmod.Wrapf(balancingtypes.ErrFiatFenced, "fees are paid in %s only, not %s", BondDenom, c.Denom)
		}
	}
	return next(ctx, tx, simulate)
}

// MempoolQuotaDecorator keeps one sender from crowding everyone else out of the next
// block: in CheckTx it adds up the gas limits of each fee payer's transactions accepted
// into this node's mempool since the last block, and refuses a new one that would take
// the sum past sender_pending_gas. After a block, CometBFT re-checks what is left in the
// mempool (ReCheckTx), which rebuilds the sums from the transactions still waiting.
// The count is local to the node and never touches state: it decides only what this node
// accepts into its mempool, as a mempool's size limit does. The grid operator and
// registered relayers are exempt: they run the grid.
type MempoolQuotaDecorator struct {
	limits  LimitsSource
	exempt  func(ctx sdk.Context, payer sdk.AccAddress) (bool, error)
	mu      *sync.Mutex
	height  *int64
	pending map[string]uint64
}

// NewMempoolQuotaDecorator builds the quota; exempt says which payers it does not count.
func NewMempoolQuotaDecorator(l LimitsSource, exempt func(ctx sdk.Context, payer sdk.AccAddress) (bool, error)) MempoolQuotaDecorator {
	var h int64 = -1
	return MempoolQuotaDecorator{limits: l, exempt: exempt, mu: &sync.Mutex{}, height: &h, pending: map[string]uint64{}}
}

// AnteHandle counts and bounds a fee payer's pending gas in CheckTx; it does nothing in
// simulation and block execution.
func (d MempoolQuotaDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	if simulate || !ctx.IsCheckTx() || ctx.BlockHeight() == 0 {
		return next(ctx, tx, simulate)
	}
	feeTx, ok := tx.(sdk.FeeTx)
	if !ok {
		return next(ctx, tx, simulate)
	}
	payer := sdk.AccAddress(feeTx.FeePayer())
	if exempt, err := d.exempt(ctx, payer); err != nil {
		return ctx, err
	} else if exempt {
		return next(ctx, tx, simulate)
	}
	limits, err := d.limits.TxLimits(ctx)
	if err != nil {
		return ctx, err
	}
	gas := feeTx.GetGas()

	d.mu.Lock()
	if *d.height != ctx.BlockHeight() {
		*d.height = ctx.BlockHeight()
		clear(d.pending)
	}
	key := string(payer)
	sum := d.pending[key] + gas
	// A transaction re-checked after a block was accepted before: count it, never drop it.
	if !ctx.IsReCheckTx() && sum > limits.SenderPendingGas {
		d.mu.Unlock()
		return ctx, errorsmod.Wrapf(balancingtypes.ErrSenderQuota,
			"%s already has %d gas waiting in the mempool, the chain allows %d per sender: wait for the next block and send again",
			payer, d.pending[key], limits.SenderPendingGas)
	}
	d.pending[key] = sum
	d.mu.Unlock()

	newCtx, err := next(ctx, tx, simulate)
	if err != nil {
		// A transaction refused further down never enters the mempool: uncount it.
		d.mu.Lock()
		if *d.height == ctx.BlockHeight() && d.pending[key] >= gas {
			d.pending[key] -= gas
		}
		d.mu.Unlock()
	}
	return newCtx, err
}
