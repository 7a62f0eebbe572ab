package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	deliverytypes "github.com/gridledger/gridledger/chain/x/delivery/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
)

// BalancingKeeper is the registry: who is admitted, the grid operator, and the default
// rules' suspension and exclusion.
type BalancingKeeper interface {
	GetParticipant(ctx context.Context, addr sdk.AccAddress) (balancingtypes.Participant, bool, error)
	GridOperator(ctx context.Context) (string, error)
	SetStatusBySettlement(ctx context.Context, addr sdk.AccAddress, next balancingtypes.ParticipantStatus) error
}

// EnergyKeeper gives the current period and the delivered tokens due for settlement, the
// face value a participant holds open (collateral), the default rules' hand-over of a
// defaulter's open sides to the balancing authority, and attaches transmission fees to
// delivered tokens.
type EnergyKeeper interface {
	CurrentPeriod(ctx context.Context) (uint64, error)
	DueStep(ctx context.Context, period uint64, limit int, visit func(energytypes.DueToken) error) (int, bool, error)
	HasDue(ctx context.Context, period uint64) (bool, error)
	OpenFaceValue(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error)
	GateOpen(ctx context.Context, period uint64) (bool, error)
	OwnerSidesStep(ctx context.Context, owner sdk.AccAddress, afterSide int32, afterID uint64, limit int,
		visit func(t energytypes.Token, s energytypes.Side) error) (int, bool, error)
	HandOverToOperator(ctx context.Context, id uint64, s energytypes.Side, operator string) error
	AttachGridFee(ctx context.Context, id uint64, fee energytypes.GridFee) error
}

// DeliveryKeeper says how far reconciliation has come (no period is settled before it is
// reconciled), what each participant consumed in a reconciled period and through which
// tokens (grid fees), and a participant's measured energy and imbalance entries (the
// combined statement).
type DeliveryKeeper interface {
	ReconciledBefore(ctx context.Context) (uint64, error)
	ConsumptionStep(ctx context.Context, period uint64, afterOwner sdk.AccAddress, limit int,
		visit func(owner sdk.AccAddress, netWh, consumedWh uint64) error) (int, bool, error)
	ConsumptionTotal(ctx context.Context, period uint64) (uint64, error)
	ConsumptionOf(ctx context.Context, period uint64, owner sdk.AccAddress) (deliverytypes.Consumption, error)
	ImbalanceEntries(ctx context.Context, owner sdk.AccAddress, from, to uint64, visit func(deliverytypes.ImbalanceEntry) error) error
	PruneConsumptions(ctx context.Context, before uint64, limit int) (int, bool, error)
	ConsumerTokensStep(ctx context.Context, period uint64, owner sdk.AccAddress, afterToken uint64, limit int, remove bool,
		visit func(tokenID, wh uint64) error) (int, bool, error)
}

// FiatKeeper moves money between settlement accounts and the clearing account.
type FiatKeeper interface {
	Collect(ctx context.Context, payer, clearing sdk.AccAddress, amount sdk.Coin, reason string) (math.Int, error)
	Disburse(ctx context.Context, clearing, payee sdk.AccAddress, amount sdk.Coin, reason string) error
	SeizeCollateral(ctx context.Context, owner, clearing sdk.AccAddress, denom string, max math.Int) (math.Int, error)
	LockedCollateral(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error)
	CheckSettlementDenom(ctx context.Context, denom string) error
}

// CO2Keeper is the CO2 authority, its rate per gram (seed §2.4) and the CO2 tokens due
// for settlement, whose holders bear their grams; nil until wired.
type CO2Keeper interface {
	Co2Authority(ctx context.Context) (sdk.AccAddress, bool, error)
	Co2Rate(ctx context.Context, denom string) (math.Int, error)
	Co2DueStep(ctx context.Context, period uint64, limit int, visit func(energytypes.Co2Token) error) (int, bool, error)
	HasCo2Due(ctx context.Context, period uint64) (bool, error)
}
