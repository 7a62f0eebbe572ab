package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	balancingtypes "github.com/gridledger/gridledger/chain/x/balancing/types"
	"github.com/gridledger/gridledger/chain/x/energy/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

var issuingRoles = []balancingtypes.Role{
	balancingtypes.Role_ROLE_PRODUCER, balancingtypes.Role_ROLE_CONSUMER, balancingtypes.Role_ROLE_PROSUMER,
	balancingtypes.Role_ROLE_TRADER, balancingtypes.Role_ROLE_RETAILER,
}

// IssueToken issues a token owned on both sides by its issuer (seed §3.1), optionally
// offering one or both sides at once: a consumer's bid is a new token whose producer side
// is offered (§3.2.1). Any player may issue, at its own meters (issueMeters).
func (m msgServer) IssueToken(ctx context.Context, msg *types.MsgIssueToken) (*types.MsgIssueTokenResponse, error) {
	issuerAddr, issuer, err := m.activeParticipant(ctx, "issuer", msg.Issuer)
	if err != nil {
		return nil, err
	}
	if !hasAnyRole(issuer.Roles, issuingRoles) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRole, "issuer %s needs a producing, consuming or trading role", msg.Issuer)
	}
	if err := types.ValidateVolume(msg.FirstPeriod, msg.LastPeriod, msg.WhPerPeriod); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if periods := msg.LastPeriod - msg.FirstPeriod + 1; periods > params.MaxTokenPeriods {
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriods, "the token spans %d periods, more than max_token_periods %d", periods, params.MaxTokenPeriods)
	}
	if err := checkGateOpen(params, sdk.UnwrapSDKContext(ctx).BlockTime().Unix(), msg.FirstPeriod, "the token"); err != nil {
		return nil, err
	}
	category, producerMeter, consumerMeter, err := m.issueMeters(ctx, issuer.Address, msg)
	if err != nil {
		return nil, err
	}
	if err := m.validateTerms(ctx, msg); err != nil {
		return nil, err
	}
	co2, err := inferCO2(producerMeter, msg)
	if err != nil {
		return nil, err
	}
	if err := m.checkIssueAsks(ctx, msg); err != nil {
		return nil, err
	}
	// The issuer holds the new token's consumer side: its face value joins its open position.
	faceValue := types.Token{FirstPeriod: msg.FirstPeriod, LastPeriod: msg.LastPeriod, WhPerPeriod: msg.WhPerPeriod, FaceValuePerMwh: msg.FaceValuePerMwh}
	if err := m.checkCollateral(ctx, issuerAddr, consumerFaceValue(faceValue, types.Side_SIDE_CONSUMER)); err != nil {
		return nil, err
	}
	id, err := m.TokenSeq.Next(ctx)
	if err != nil {
		return nil, err
	}
	t := types.Token{
		Id: id, Issuer: issuer.Address, FirstPeriod: msg.FirstPeriod, LastPeriod: msg.LastPeriod,
		WhPerPeriod: msg.WhPerPeriod, Category: category, Co2Grams: co2,
		FaceValuePerMwh: msg.FaceValuePerMwh, Terms: msg.Terms, Capabilities: msg.Capabilities,
		Producer:    types.TokenSide{Owner: issuer.Address, MeterId: producerMeter.Id, Ask: msg.ProducerAsk},
		Consumer:    types.TokenSide{Owner: issuer.Address, MeterId: consumerMeter.Id, Ask: msg.ConsumerAsk},
		Status:      types.TokenStatus_TOKEN_STATUS_ACTIVE,
		OriginShard: sdk.UnwrapSDKContext(ctx).ChainID(), IssuedHeight: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := m.setToken(ctx, nil, t); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventTokenIssued{
		TokenId: id, Issuer: t.Issuer, FirstPeriod: t.FirstPeriod, LastPeriod: t.LastPeriod, WhPerPeriod: t.WhPerPeriod,
	}); err != nil {
		return nil, err
	}
	// An ask set at issue is announced like any other, so whoever follows offers sees it.
	for _, a := range []struct {
		side types.Side
		ask  types.Ask
	}{{types.Side_SIDE_PRODUCER, msg.ProducerAsk}, {types.Side_SIDE_CONSUMER, msg.ConsumerAsk}} {
		if a.ask.ForSale {
			if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAskChanged{TokenId: id, Side: a.side, Ask: &a.ask}); err != nil {
				return nil, err
			}
			countOffer(ctx, a.side)
		}
	}
	countIssued(ctx)
	return &types.MsgIssueTokenResponse{TokenId: id}, nil
}

// validateTerms checks face value, fees and capabilities: amounts set and not negative,
// fees in the face value's fiat, capabilities empty unless offered.
func (m msgServer) validateTerms(ctx context.Context, msg *types.MsgIssueToken) error {
	if err := m.requireFiat(ctx, "face_value_per_mwh", msg.FaceValuePerMwh.Denom); err != nil {
		return err
	}
	names := []string{"face_value_per_mwh.amount", "terms.cancellation_fee", "terms.producer_default_fee", "terms.consumer_default_fee"}
	for i, v := range []math.Int{msg.FaceValuePerMwh.Amount, msg.Terms.CancellationFee, msg.Terms.ProducerDefaultFee, msg.Terms.ConsumerDefaultFee} {
		if v.IsNil() || v.IsNegative() {
			return errorsmod.Wrapf(types.ErrInvalidTerms, "%s must be set and not negative", names[i])
		}
		if err := types.CheckContractAmount(names[i], v); err != nil {
			return err
		}
	}
	if len(msg.Terms.LegalFramework) > 64 {
		return errorsmod.Wrap(types.ErrInvalidTerms, "terms.legal_framework is longer than 64 characters")
	}
	caps := []types.Capability{msg.Capabilities.Redispatch, msg.Capabilities.Primary, msg.Capabilities.Secondary, msg.Capabilities.Tertiary}
	capNames := []string{"redispatch", "primary", "secondary", "tertiary"}
	for i, c := range caps {
		if !c.Offered && (c.MobilisationSeconds != 0 || c.PricePerMwh != 0) {
			return errorsmod.Wrapf(types.ErrInvalidTerms, "capabilities.%s has values but is not offered", capNames[i])
		}
	}
	return m.checkIssuePrices(ctx, msg, caps, capNames)
}

// checkIssuePrices keeps the prices fixed at issue inside the face value denom's band:
// the face value and the price of every offered capability.
func (m msgServer) checkIssuePrices(ctx context.Context, msg *types.MsgIssueToken, caps []types.Capability, capNames []string) error {
	face := msg.FaceValuePerMwh.Amount
	if !face.IsInt64() {
		return errorsmod.Wrapf(types.ErrPriceOutOfBand, "face_value_per_mwh.amount %s is beyond every price band (prices are 64-bit): quote a price within the band of %s", face, msg.FaceValuePerMwh.Denom)
	}
	fields, prices := []string{"face_value_per_mwh.amount"}, []int64{face.Int64()}
	for i, c := range caps {
		if c.Offered {
			fields, prices = append(fields, "capabilities."+capNames[i]+".price_per_mwh"), append(prices, c.PricePerMwh)
		}
	}
	return m.checkPrices(ctx, "face_value_per_mwh.denom", msg.FaceValuePerMwh.Denom, fields, prices)
}

// inferCO2 takes a token's CO2 from its producer meter when the meter's intensity is
// audited (seed §2.3: inferable from the smart meter), rounding down; the issuer may
// restate it but not change it. Virtual and unaudited meters carry the declared value.
func inferCO2(meter balancingtypes.Meter, msg *types.MsgIssueToken) (uint64, error) {
	if meter.Kind != balancingtypes.MeterKind_METER_KIND_PRODUCTION || meter.Co2GramsPerMwh == 0 {
		return msg.Co2Grams, nil
	}
	totalWh := math.NewIntFromUint64(msg.WhPerPeriod).Mul(math.NewIntFromUint64(msg.LastPeriod - msg.FirstPeriod + 1))
	inferred := totalWh.MulRaw(int64(meter.Co2GramsPerMwh)).QuoRaw(types.WhPerMWh)
	if !inferred.IsUint64() {
		return 0, errorsmod.Wrap(types.ErrInvalidCO2, "the token's CO2 overflows 64 bits")
	}
	if msg.Co2Grams != 0 && msg.Co2Grams != inferred.Uint64() {
		return 0, errorsmod.Wrapf(types.ErrInvalidCO2, "co2_grams %d: meter %s's audited %d g/MWh gives %s g", msg.Co2Grams, meter.Id, meter.Co2GramsPerMwh, inferred)
	}
	return inferred.Uint64(), nil
}

func hasAnyRole(roles, wanted []balancingtypes.Role) bool {
	for _, w := range wanted {
		if balancingtypes.HasRole(roles, w) {
			return true
		}
	}
	return false
}
