package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis is an empty registry with default parameters.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks every record and the references between them.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	addrs := make(map[string]bool, len(gs.Participants))
	legalIDs := make(map[string]bool, len(gs.Participants))
	for _, p := range gs.Participants {
		if err := p.Validate(); err != nil {
			return err
		}
		if addrs[p.Address] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "participant %s listed twice", p.Address)
		}
		if legalIDs[p.LegalId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "legal_id %s listed twice", p.LegalId)
		}
		addrs[p.Address], legalIDs[p.LegalId] = true, true
	}
	ids := make(map[string]bool, len(gs.Meters))
	for _, m := range gs.Meters {
		if err := m.Validate(); err != nil {
			return err
		}
		if ids[m.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "meter %s listed twice", m.Id)
		}
		if !addrs[m.Owner] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "meter %s: owner %s is not a participant", m.Id, m.Owner)
		}
		ids[m.Id] = true
	}
	relayers := make(map[string]bool, len(gs.Relayers))
	for _, r := range gs.Relayers {
		if err := validateStoredAddress("relayer address", r); err != nil {
			return err
		}
		if relayers[r] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "relayer %s listed twice", r)
		}
		relayers[r] = true
	}
	if gs.Co2Authority != "" && !addrs[gs.Co2Authority] {
		return errorsmod.Wrapf(ErrInvalidGenesis, "co2_authority %s is not a participant", gs.Co2Authority)
	}
	return nil
}

// Validate checks a stored participant record.
func (p Participant) Validate() error {
	if err := validateStoredAddress("participant address", p.Address); err != nil {
		return err
	}
	if err := ValidateLegalID(p.LegalId); err != nil {
		return err
	}
	if err := ValidateDisplayName(p.DisplayName); err != nil {
		return err
	}
	if err := ValidateRoles(p.Roles); err != nil {
		return err
	}
	if err := ValidateTradedCategories(p.Roles, p.TradedCategories); err != nil {
		return err
	}
	if _, known := ParticipantStatus_name[int32(p.Status)]; !known || p.Status == ParticipantStatus_PARTICIPANT_STATUS_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidStatus, "participant %s: unknown status %d", p.Address, p.Status)
	}
	return nil
}

// Validate checks a stored meter record.
func (m Meter) Validate() error {
	if err := validateStoredAddress("meter "+m.Id+" owner", m.Owner); err != nil {
		return err
	}
	switch m.Status {
	case MeterStatus_METER_STATUS_ACTIVE:
		if m.RetiredHeight != 0 {
			return errorsmod.Wrapf(ErrInvalidStatus, "meter %s is active but has retired_height %d", m.Id, m.RetiredHeight)
		}
	case MeterStatus_METER_STATUS_RETIRED:
	default:
		return errorsmod.Wrapf(ErrInvalidStatus, "meter %s: status must be active or retired, got %d", m.Id, m.Status)
	}
	if m.Kind == MeterKind_METER_KIND_VIRTUAL {
		if err := ValidateCategory("category", m.Category); err != nil {
			return err
		}
		if m.PointKind != MeteringPointKind_METERING_POINT_KIND_UNSPECIFIED || len(m.ConsentHash) != 0 || m.ConsentHeight != 0 {
			return errorsmod.Wrapf(ErrInvalidPointKind, "virtual meter %s measures nothing: point_kind and consent must be unset", m.Id)
		}
		if m.Id != VirtualMeterID(m.Owner, m.Category) {
			return errorsmod.Wrapf(ErrInvalidMeterID, "virtual meter id %q must be %q", m.Id, VirtualMeterID(m.Owner, m.Category))
		}
		return nil
	}
	if err := ValidateMeterID(m.Id); err != nil {
		return err
	}
	if err := ValidatePhysicalMeter(m.Kind, m.Category); err != nil {
		return err
	}
	if err := ValidateLocation(m.Location); err != nil {
		return err
	}
	if err := ValidatePointKind(m.PointKind, m.ConsentHash); err != nil {
		return errorsmod.Wrapf(err, "meter %s", m.Id)
	}
	if (m.PointKind == MeteringPointKind_METERING_POINT_KIND_HOUSEHOLD_OPT_IN) != (m.ConsentHeight > 0) {
		return errorsmod.Wrapf(ErrInvalidPointKind, "meter %s: consent_height is set exactly for a household that opted in", m.Id)
	}
	return ValidateMeterKey(m.KeyAlgorithm, m.PublicKey)
}

// validateStoredAddress checks a stored address and that it is in the canonical
// lower-case form the keeper writes. Bech32 also decodes the upper-case form, but
// records are compared as strings (duplicate and owner checks above, meter owners),
// so a second spelling of one account would slip past them.
func validateStoredAddress(field, addr string) error {
	bz, err := sdk.AccAddressFromBech32(addr)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, addr, err)
	}
	if bz.String() != addr {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q is not in canonical form %q", field, addr, bz.String())
	}
	return nil
}

// ValidatePhysicalMeter checks a physical meter's kind and category: production meters
// name what they produce, consumption meters name nothing.
func ValidatePhysicalMeter(kind MeterKind, c EnergyCategory) error {
	switch kind {
	case MeterKind_METER_KIND_PRODUCTION:
		return ValidateCategory("category", c)
	case MeterKind_METER_KIND_CONSUMPTION:
		if c != EnergyCategory_ENERGY_CATEGORY_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidCategory, "category must be unspecified for a consumption meter, got %s", c)
		}
		return nil
	case MeterKind_METER_KIND_VIRTUAL:
		return errorsmod.Wrap(ErrInvalidMeterKind, "kind: virtual meters are created from traded_categories at admission, not registered")
	default:
		return errorsmod.Wrapf(ErrInvalidMeterKind, "kind: unknown meter kind %d", kind)
	}
}
