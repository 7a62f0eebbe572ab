package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

// UpdateParams lets governance replace the parameters.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// requireSubmitter refuses a submitter that is neither the grid operator (the metering
// operator of its grid) nor an active participant (a data hub or aggregator).
func (k Keeper) requireSubmitter(ctx context.Context, submitter string) error {
	addr, err := k.parseAddress("submitter", submitter)
	if err != nil {
		return err
	}
	op, err := k.registry.GridOperator(ctx)
	if err != nil {
		return err
	}
	if op != "" && op == addr.String() {
		return nil
	}
	p, admitted, err := k.registry.GetParticipant(ctx, addr)
	if err != nil {
		return err
	}
	if !admitted {
		return errorsmod.Wrapf(types.ErrNotAdmitted, "%s is not admitted on this chain: ask the grid operator to admit the data hub", submitter)
	}
	if p.Status != balancingtypes.ParticipantStatus_PARTICIPANT_STATUS_ACTIVE {
		return errorsmod.Wrapf(types.ErrNotAdmitted, "%s is %s: only active participants submit readings", submitter, p.Status)
	}
	return nil
}

// SubmitReadings checks every reading of the batch on its own and stores the good ones
// (batch.go); only the batch as a whole (submitter, size) can fail the transaction.
func (m msgServer) SubmitReadings(ctx context.Context, msg *types.MsgSubmitReadings) (*types.MsgSubmitReadingsResponse, error) {
	if err := m.requireSubmitter(ctx, msg.Submitter); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if len(msg.Readings) == 0 {
		return nil, errorsmod.Wrap(types.ErrEmptyBatch, "readings is empty: send at least one signed reading")
	}
	if uint64(len(msg.Readings)) > params.MaxReadingsPerTx {
		return nil, errorsmod.Wrapf(types.ErrBatchTooLarge, "%d readings in one transaction, the chain allows %d: split the batch",
			len(msg.Readings), params.MaxReadingsPerTx)
	}
	res, err := m.ingest(sdk.UnwrapSDKContext(ctx), params, msg.Readings)
	if err != nil {
		return nil, err
	}
	refused := uint32(len(msg.Readings)) - res.Accepted
	countReadings(ctx, res.Accepted, refused)
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventReadingsSubmitted{
		Submitter: msg.Submitter, Accepted: res.Accepted, Refused: refused,
	}); err != nil {
		return nil, err
	}
	return res, nil
}
