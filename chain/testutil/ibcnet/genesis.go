package ibcnet

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/gridledger/gridledger/chain/app"
	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	energytypes "github.com/gridledger/gridledger/chain/x/energy/types"
	fiattypes "github.com/gridledger/gridledger/chain/x/fiat/types"
	interchaintypes "github.com/gridledger/gridledger/chain/x/interchain/types"
)

// Every test chain gets ibctesting.MaxAccounts (10) sender accounts from the testing package,
// in account-number order. Their genesis gives each one standing at gridd's door (ADR 007):
const (
	// RelayerSlot is the testing package's default sender (TestChain.SenderAccount): it
	// creates clients, opens connections and channels and relays packets, all /ibc.core.
	// messages, so it is registered as a relayer and nothing more.
	RelayerSlot = 0
	// OperatorSlot is the grid operator (x/balancing params): it sends MsgSendHello and MsgLink.
	OperatorSlot = 1
	// BankSlot is the approved bank issuing the chain's fiat, when the chain has one.
	BankSlot = 2
	// FirstParticipantSlot and the slots after it are admitted, active participants
	// (consumer and trader of every category), with no fiat until a bank mints it.
	FirstParticipantSlot = 3
)

// Participants is how many participants each chain admits at genesis.
const Participants = 10 - FirstParticipantSlot

// ParticipantPositionLimitWh is the open position every genesis participant may reach.
const ParticipantPositionLimitWh = 1_000_000_000

// BankReserve is the reserve every genesis bank has attested: the most it can mint.
var BankReserve = sdkmath.NewInt(1_000_000_000_000_000)

// BankSpec is the approved bank of a chain's own fiat.
type BankSpec struct {
	Denom        string // base denom, e.g. "uchf.alpine"
	DisplayDenom string // e.g. "chf.alpine"
	Currency     string // ISO 4217, e.g. "CHF"
}

// ChainSpec describes one chain of a test hierarchy.
type ChainSpec struct {
	// Name is the chain's short name in the tree ("transmission", "regional-east").
	Name string
	// ChainID must end in a revision number ("-1"): IBC heights carry it.
	ChainID string
	// Parent names the parent chain's Name; empty for the root.
	Parent string
	// Bank is the chain's own currency; nil for a chain that settles in its parent's vouchers.
	Bank *BankSpec
	// PeriodSeconds overrides x/energy's period length; 0 keeps the default.
	PeriodSeconds uint64
	// DenomMapToParent is the link's explicit currency mapping, as this chain's operator gives
	// it (Local: this chain's denom, Remote: the parent's); the parent's operator gives the
	// same pairs reversed. Needed only when the two chains share no settlement denom.
	DenomMapToParent []interchaintypes.DenomPair
}

// appCreator builds a gridd App for ibctesting's SetupWithGenesisValSet. The testing package
// replaces the auth, bank and staking genesis with its own sender accounts, balances and
// validators and calls InitChain straight away, so gridd's own genesis (grid operator,
// relayer, participants, bank) is filled in by an init chainer that runs first and reads the
// sender accounts from the genesis it was handed.
func appCreator(tb testing.TB, spec ChainSpec) ibctesting.AppCreator {
	return func() (ibctesting.TestingApp, map[string]json.RawMessage) {
		a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, false, simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()))
		a.SetInitChainer(func(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
			state, err := gridGenesis(a.AppCodec(), spec, req.AppStateBytes)
			if err != nil {
				return nil, err
			}
			patched := *req
			patched.AppStateBytes = state
			return a.InitChainer(ctx, &patched)
		})
		if err := a.LoadLatestVersion(); err != nil {
			panic(err)
		}
		return a, a.DefaultGenesis()
	}
}

// gridGenesis gives the sender accounts in the auth genesis their standing (see the slots)
// and sets the chain's bank and period length.
func gridGenesis(cdc codec.Codec, spec ChainSpec, appState []byte) ([]byte, error) {
	var genesis map[string]json.RawMessage
	if err := json.Unmarshal(appState, &genesis); err != nil {
		return nil, err
	}
	var auth authtypes.GenesisState
	if err := cdc.UnmarshalJSON(genesis[authtypes.ModuleName], &auth); err != nil {
		return nil, err
	}
	accounts, err := authtypes.UnpackAccounts(auth.Accounts)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(accounts, func(a, b authtypes.GenesisAccount) int {
		return int(a.GetAccountNumber()) - int(b.GetAccountNumber())
	})
	if len(accounts) < FirstParticipantSlot+Participants {
		return nil, fmt.Errorf("genesis has %d accounts, want %d", len(accounts), FirstParticipantSlot+Participants)
	}
	addr := func(slot int) string { return accounts[slot].GetAddress().String() }

	var bal balancingtypes.GenesisState
	if err := cdc.UnmarshalJSON(genesis[balancingtypes.ModuleName], &bal); err != nil {
		return nil, err
	}
	bal.Params.GridOperator = addr(OperatorSlot)
	bal.Relayers = []string{addr(RelayerSlot)}
	for i := range Participants {
		bal.Participants = append(bal.Participants, balancingtypes.Participant{
			Address:          addr(FirstParticipantSlot + i),
			LegalId:          fmt.Sprintf("12X-%s-%d", strings.ToUpper(spec.Name), i),
			DisplayName:      fmt.Sprintf("%s participant %d", spec.Name, i),
			Roles:            []balancingtypes.Role{balancingtypes.Role_ROLE_CONSUMER, balancingtypes.Role_ROLE_TRADER},
			Status:           balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE,
			PositionLimitWh:  ParticipantPositionLimitWh,
			TradedCategories: []balancingtypes.EnergyCategory{balancingtypes.EnergyCategory_ENERGY_CATEGORY_HYDRO, balancingtypes.EnergyCategory_ENERGY_CATEGORY_WIND, balancingtypes.EnergyCategory_ENERGY_CATEGORY_SOLAR},
		})
	}
	if err := bal.Validate(); err != nil {
		return nil, err
	}
	if genesis[balancingtypes.ModuleName], err = cdc.MarshalJSON(&bal); err != nil {
		return nil, err
	}

	if spec.Bank != nil {
		var fiat fiattypes.GenesisState
		if err := cdc.UnmarshalJSON(genesis[fiattypes.ModuleName], &fiat); err != nil {
			return nil, err
		}
		fiat.Banks = append(fiat.Banks, fiattypes.BankEntity{
			Denom: spec.Bank.Denom, DisplayDenom: spec.Bank.DisplayDenom, Currency: spec.Bank.Currency, Exponent: 6,
			Address:  addr(BankSlot),
			Status:   fiattypes.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE,
			FeeModel: fiattypes.FeeModel{Kind: fiattypes.FeeKind_FEE_KIND_BASIS_POINTS, BasisPoints: 5, FixedAmount: sdkmath.ZeroInt()},
			Reserve:  BankReserve, Minted: sdkmath.ZeroInt(), Burned: sdkmath.ZeroInt(), FeesReceived: sdkmath.ZeroInt(),
		})
		if err := fiat.Validate(); err != nil {
			return nil, err
		}
		if genesis[fiattypes.ModuleName], err = cdc.MarshalJSON(&fiat); err != nil {
			return nil, err
		}
	}

	if spec.PeriodSeconds != 0 {
		var energy energytypes.GenesisState
		if err := cdc.UnmarshalJSON(genesis[energytypes.ModuleName], &energy); err != nil {
			return nil, err
		}
		energy.Params.PeriodSeconds = spec.PeriodSeconds
		if genesis[energytypes.ModuleName], err = cdc.MarshalJSON(&energy); err != nil {
			return nil, err
		}
	}
	return json.Marshal(genesis)
}
