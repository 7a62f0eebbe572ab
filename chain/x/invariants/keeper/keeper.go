// Package keeper holds x/invariants' list of the invariants a node checks live and the
// query server that checks one page of one of them (docs/adr/023).
package keeper

import (
	"github.com/gridledger/gridledger/chain/x/internal/pagecheck"
	"github.com/gridledger/gridledger/chain/x/invariants/types"
)

// Entry is one invariant and the page check that checks it.
type Entry struct {
	Invariant types.Invariant
	Check     pagecheck.Page
}

// Keeper has no state: it lists the modules' page checks in the order a pass takes them.
type Keeper struct {
	entries []Entry
}

// NewKeeper lists the live invariants of DESIGN.md §6 that the modules check record by
// record. Those that need every record at once (sums over all accounts, debts against
// claims, positions and market totals, a reconciled period's balance) stay in the
// modules' CheckInvariants, which the tests run after every scenario.
func NewKeeper(energy EnergyKeeper, fiat FiatKeeper, settlement SettlementKeeper) Keeper {
	return Keeper{entries: []Entry{
		{types.Invariant{Name: "fiat-banks", DesignItem: "1", Description: "Each bank's supply on this chain is minted minus burned, its outstanding issuance at most its reserve, and the fees paid in its denom what it received."}, fiat.CheckBanksPage},
		{types.Invariant{Name: "fiat-settlement-accounts", DesignItem: "4", Description: "No settlement account has a negative lock or more locked than it holds."}, fiat.CheckSettlementAccountsPage},
		{types.Invariant{Name: "energy-tokens", DesignItem: "2, 7", Description: "Every live token has one producer-side and one consumer-side owner with their index entries; every split and merge conserved Wh x periods and CO2; emitted tokens hold no more than their sources."}, energy.CheckTokensPage},
		{types.Invariant{Name: "energy-owner-index", DesignItem: "2", Description: "Every owner index entry names a live token side owned by that owner."}, energy.CheckOwnerIndexPage},
		{types.Invariant{Name: "energy-co2-tokens", DesignItem: "7", Description: "Every CO2 token's grams moved exactly from or into the energy token it left or joined, and a live one is indexed by owner, due period and offer."}, energy.CheckCo2TokensPage},
		{types.Invariant{Name: "settlement-runs", DesignItem: "4", Description: "Every finished settlement run disbursed exactly what it collected, per denom."}, settlement.CheckRunsPage},
	}}
}

// Invariants lists the live invariants in pass order.
func (k Keeper) Invariants() []*types.Invariant {
	out := make([]*types.Invariant, len(k.entries))
	for i, e := range k.entries {
		inv := e.Invariant
		out[i] = &inv
	}
	return out
}

// find returns the entry of name.
func (k Keeper) find(name string) (Entry, bool) {
	for _, e := range k.entries {
		if e.Invariant.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
