package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/internal/moduleutil"
)

// Keeper holds the registry of participants and metering points and the grid
// operator's address. Secondary indexes are KeySets kept in step by the setters
// below, so every list query walks a prefix instead of scanning.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority is the x/gov module account: the only signer of MsgUpdateParams.
	authority string

	Schema collections.Schema
	Params collections.Item[types.Params]

	Participants          collections.Map[sdk.AccAddress, types.Participant]
	ParticipantsByLegalID collections.Map[string, []byte]
	ParticipantsByStatus  collections.KeySet[collections.Pair[int32, sdk.AccAddress]]
	// ParticipantsByRole is keyed (role, status, address) so that "active traders"
	// is one prefix walk.
	ParticipantsByRole collections.KeySet[collections.Triple[int32, int32, sdk.AccAddress]]

	Meters           collections.Map[string, types.Meter]
	MetersByOwner    collections.KeySet[collections.Pair[sdk.AccAddress, string]]
	MetersByCategory collections.KeySet[collections.Pair[int32, string]]
	MetersByArea     collections.KeySet[collections.Pair[string, string]]

	// Relayers are the accounts the grid operator lets relay IBC messages, and only those.
	Relayers collections.KeySet[sdk.AccAddress]

	// Co2Authority is the CO2 authority governance appointed (seed §2.4); unset until then.
	Co2AuthorityAddr collections.Item[sdk.AccAddress]
}

// NewKeeper builds the keeper. authority is the bech32 address allowed to change params.
func NewKeeper(cdc codec.BinaryCodec, storeService corestore.KVStoreService, addressCodec address.Codec, authority string) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("balancing: invalid authority address %q: %v", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Participants: collections.NewMap(sb, types.ParticipantsKey, "participants",
			sdk.AccAddressKey, codec.CollValue[types.Participant](cdc)),
		ParticipantsByLegalID: collections.NewMap(sb, types.ParticipantsByLegalIDKey, "participants_by_legal_id",
			collections.StringKey, collections.BytesValue),
		ParticipantsByStatus: collections.NewKeySet(sb, types.ParticipantsByStatusKey, "participants_by_status",
			collections.PairKeyCodec(collections.Int32Key, sdk.AccAddressKey)),
		ParticipantsByRole: collections.NewKeySet(sb, types.ParticipantsByRoleKey, "participants_by_role",
			collections.TripleKeyCodec(collections.Int32Key, collections.Int32Key, sdk.AccAddressKey)),
		Meters: collections.NewMap(sb, types.MetersKey, "meters",
			collections.StringKey, codec.CollValue[types.Meter](cdc)),
		MetersByOwner: collections.NewKeySet(sb, types.MetersByOwnerKey, "meters_by_owner",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey)),
		MetersByCategory: collections.NewKeySet(sb, types.MetersByCategoryKey, "meters_by_category",
			collections.PairKeyCodec(collections.Int32Key, collections.StringKey)),
		MetersByArea: collections.NewKeySet(sb, types.MetersByAreaKey, "meters_by_area",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey)),
		Relayers: collections.NewKeySet(sb, types.RelayersKey, "relayers", sdk.AccAddressKey),
		Co2AuthorityAddr: collections.NewItem(sb, types.Co2AuthorityKey, "co2_authority",
			collcodec.KeyToValueCodec(sdk.AccAddressKey)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the governance address allowed to change the parameters.
func (k Keeper) Authority() string { return k.authority }

// GridOperator returns the current grid operator address, or an error if none is set.
func (k Keeper) GridOperator(ctx context.Context) (string, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return "", err
	}
	return params.GridOperator, nil
}

// requireOperator refuses any signer but the grid operator. It runs first in every
// operator message, before any field is looked at.
func (k Keeper) requireOperator(ctx context.Context, signer string) error {
	op, err := k.GridOperator(ctx)
	if err != nil {
		return err
	}
	if op == "" || signer != op {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s may not act for the grid operator", signer)
	}
	return nil
}

// parseAddress decodes a bech32 account address, naming the field on failure.
func (k Keeper) parseAddress(field, addr string) (sdk.AccAddress, error) {
	return moduleutil.ParseAddress(k.addressCodec, types.ErrInvalidAddress, field, addr)
}

// isNotFound reports whether err is a collections miss rather than a store failure.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }

// TxLimits returns the transaction limits in force, defaults filled in.
func (k Keeper) TxLimits(ctx context.Context) (types.TxLimits, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.TxLimits{}, err
	}
	return params.TxLimits.Effective(), nil
}
