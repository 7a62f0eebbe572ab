package keeper

import (
	"context"

	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
)

// EnergyKeeper is what x/invariants checks in x/energy.
type EnergyKeeper interface {
	CheckTokensPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
	CheckOwnerIndexPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
	CheckCo2TokensPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
}

// FiatKeeper is what x/invariants checks in x/fiat.
type FiatKeeper interface {
	CheckBanksPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
	CheckSettlementAccountsPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
}

// SettlementKeeper is what x/invariants checks in x/settlement.
type SettlementKeeper interface {
	CheckRunsPage(ctx context.Context, cursor []byte, limit int) (pagecheck.Result, error)
}
