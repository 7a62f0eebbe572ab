package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/fiat/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// Keeper holds bank entities, their audit trails, redemptions and the settlement
// accounts. Coins live in x/bank: settlement balances are escrowed in the
// fiat_settlement module account and mirrored here per participant.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	authority    string
	bank         BankKeeper
	accounts     AccountKeeper
	registry     BalancingKeeper

	Schema                   collections.Schema
	Banks                    collections.Map[string, types.BankEntity]
	AuditEntries             collections.Map[collections.Pair[string, uint64], types.AuditEntry]
	AuditSeq                 collections.Sequence
	Redemptions              collections.Map[uint64, types.Redemption]
	RedemptionsByDenomStatus collections.KeySet[collections.Triple[string, int32, uint64]]
	RedemptionSeq            collections.Sequence
	SettlementAccounts       collections.Map[collections.Pair[sdk.AccAddress, string], types.SettlementAccount]
	// FeesPaid sums, per denom, every fee payers paid; it must equal the banks' fees_received.
	FeesPaid collections.Map[string, math.Int]
	// FeesDue sums, per denom, the fees of the current block: booked to the bank, still in
	// the settlement escrow until the block ends (SettleFees). Empty between blocks.
	FeesDue collections.Map[string, math.Int]
}

// NewKeeper builds the keeper; authority is the x/gov module address.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, addressCodec address.Codec, authority string,
	bank BankKeeper, accounts AccountKeeper, registry BalancingKeeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("fiat: invalid authority %q: %v", authority, err))
	}
	for _, name := range []string{types.ModuleName, types.SettlementAccountName} {
		if accounts.GetModuleAddress(name) == nil {
			panic(fmt.Sprintf("fiat: module account %s is not set", name))
		}
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, authority: authority,
		bank: bank, accounts: accounts, registry: registry,
		Banks: collections.NewMap(sb, types.BanksKey, "banks", collections.StringKey, codec.CollValue[types.BankEntity](cdc)),
		AuditEntries: collections.NewMap(sb, types.AuditEntriesKey, "audit_entries",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.AuditEntry](cdc)),
		AuditSeq:    collections.NewSequence(sb, types.AuditSeqKey, "audit_seq"),
		Redemptions: collections.NewMap(sb, types.RedemptionsKey, "redemptions", collections.Uint64Key, codec.CollValue[types.Redemption](cdc)),
		RedemptionsByDenomStatus: collections.NewKeySet(sb, types.RedemptionsByDenomStatusKey, "redemptions_by_denom_status",
			collections.TripleKeyCodec(collections.StringKey, collections.Int32Key, collections.Uint64Key)),
		RedemptionSeq: collections.NewSequence(sb, types.RedemptionSeqKey, "redemption_seq"),
		SettlementAccounts: collections.NewMap(sb, types.SettlementAccountsKey, "settlement_accounts",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey), codec.CollValue[types.SettlementAccount](cdc)),
		FeesPaid: collections.NewMap(sb, types.FeesPaidKey, "fees_paid", collections.StringKey, sdk.IntValue),
		FeesDue:  collections.NewMap(sb, types.FeesDueKey, "fees_due", collections.StringKey, sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the governance address.
func (k Keeper) Authority() string { return k.authority }

// GetBank returns the bank issuing denom, or ErrUnknownBank.
func (k Keeper) GetBank(ctx context.Context, denom string) (types.BankEntity, error) {
	b, err := k.Banks.Get(ctx, denom)
	if isNotFound(err) {
		return b, errorsmod.Wrapf(types.ErrUnknownBank, "denom %s", denom)
	}
	return b, err
}

// requireBank loads the bank of denom and checks that signer is that bank.
func (k Keeper) requireBank(ctx context.Context, signer, denom string) (types.BankEntity, error) {
	if err := types.ValidateDenom("denom", denom); err != nil {
		return types.BankEntity{}, err
	}
	b, err := k.GetBank(ctx, denom)
	if err != nil {
		return b, err
	}
	if signer != b.Address {
		return b, errorsmod.Wrapf(types.ErrNotTheBank, "%s is not the bank of %s", signer, denom)
	}
	return b, nil
}

// parseAddress decodes a bech32 account address, naming the field on failure.
func (k Keeper) parseAddress(field, addr string) (sdk.AccAddress, error) {
	return moduleutil.ParseAddress(k.addressCodec, types.ErrInvalidAddress, field, addr)
}

// requireParticipant checks that addr is admitted and not excluded, or is the grid
// operator: as balancing authority it pays and is paid (procurement, redispatch).
func (k Keeper) requireParticipant(ctx context.Context, field string, addr sdk.AccAddress) error {
	p, ok, err := k.registry.GetParticipant(ctx, addr)
	if err != nil {
		return err
	}
	if !ok {
		if op, err := k.isGridOperator(ctx, addr); err != nil || op {
			return err
		}
		return errorsmod.Wrapf(types.ErrRecipientNotAdmitted, "%s %s is not admitted by the grid operator", field, addr)
	}
	if p.Status == excluded {
		if op, err := k.isGridOperator(ctx, addr); err != nil || op {
			return err
		}
		return errorsmod.Wrapf(types.ErrRecipientNotAdmitted, "%s %s is excluded", field, addr)
	}
	return nil
}

// isGridOperator says whether addr is the chain's grid operator.
func (k Keeper) isGridOperator(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	op, err := k.registry.GridOperator(ctx)
	return err == nil && op != "" && op == addr.String(), err
}

func (k Keeper) emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

const excluded = balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_EXCLUDED

func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }

// IsActiveBank reports whether addr is the account of an approved bank entity that is not
// revoked.
func (k Keeper) IsActiveBank(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.anyBank(ctx, addr, func(b types.BankEntity) bool {
		return b.Status == types.BankEntityStatus_BANK_ENTITY_STATUS_ACTIVE
	})
}

// IsBankAddress reports whether addr is the account of any bank entity, revoked ones
// included: a revoked bank still receives redemptions of its fiat.
func (k Keeper) IsBankAddress(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.anyBank(ctx, addr, func(types.BankEntity) bool { return true })
}

// anyBank reports whether addr is the account of a bank entity that also satisfies keep.
// Banks are few (one per denom), so a walk is cheaper than an index kept in step.
func (k Keeper) anyBank(ctx context.Context, addr sdk.AccAddress, keep func(types.BankEntity) bool) (bool, error) {
	s := addr.String()
	found := false
	err := k.Banks.Walk(ctx, nil, func(_ string, b types.BankEntity) (bool, error) {
		found = b.Address == s && keep(b)
		return found, nil
	})
	return found, err
}
