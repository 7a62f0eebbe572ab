/** Meters, a participant and a good form for the Issue view's tests (shaped as @gridledger/client returns them). */
import { EnergyCategory, type Meter, MeterKind, MeterStatus, type Participant, ParticipantStatus, Role } from "@gridledger/client";

import { CHF_BANK } from "../market/fixtures.js";
import { blankForm, firstOpenPeriod, type IssueContext, type IssueForm } from "./validate.js";

export const SOLAR = EnergyCategory.ENERGY_CATEGORY_SOLAR;
export const WIND = EnergyCategory.ENERGY_CATEGORY_WIND;
export const params = { periodSeconds: 900n, gateClosureSeconds: 900n, maxTokenPeriods: 2976n };
// Fri 4 Dec 2026 05:50 UTC: period 1,995,959 runs 06:00–06:15 UTC, its gate closed at 05:45.
export const NOW = 1_796_363_400;
export const meter = (over: Partial<Meter> & { id: string; kind: MeterKind }): Meter => ({
  owner: "grid1bob",
  category: SOLAR,
  location: undefined,
  keyAlgorithm: 0,
  publicKey: new Uint8Array(),
  registeredHeight: 1n,
  co2GramsPerMwh: 0,
  pointKind: 0,
  consentHash: new Uint8Array(),
  consentHeight: 0n,
  status: MeterStatus.METER_STATUS_ACTIVE,
  keyRotatedHeight: 0n,
  retiredHeight: 0n,
  ...over,
});
export const PV = meter({ id: "bob-pv-1", kind: MeterKind.METER_KIND_PRODUCTION });
export const VIRTUAL = meter({ id: "virtual:grid1bob:solar", kind: MeterKind.METER_KIND_VIRTUAL });
export const HOME = meter({ id: "bob-home", kind: MeterKind.METER_KIND_CONSUMPTION, category: EnergyCategory.ENERGY_CATEGORY_UNSPECIFIED });
export const WINDMILL = meter({ id: "bob-wind", kind: MeterKind.METER_KIND_PRODUCTION, category: WIND });
export const bob: Participant = {
  address: "grid1bob",
  legalId: "12X-BOB",
  displayName: "Bob Solar AG",
  roles: [Role.ROLE_PRODUCER, Role.ROLE_TRADER],
  status: ParticipantStatus.PARTICIPANT_STATUS_ACTIVE,
  positionLimitWh: 10_000_000n,
  tradedCategories: [SOLAR],
  admittedHeight: 1n,
};
export const band = { denom: CHF_BANK.denom, minPerMwh: -9_999_000_000n, maxPerMwh: 9_999_000_000n };
export const ctx: IssueContext = { participant: bob, meters: [HOME, VIRTUAL, PV, WINDMILL], params, now: NOW, units: [CHF_BANK], band, timeZone: "Europe/Zurich", locale: "en-GB" };
export const open = firstOpenPeriod(NOW, params);
export const good: IssueForm = {
  ...blankForm(),
  firstPeriod: open.toString(),
  periods: "4",
  energy: "250",
  producerMeterId: "bob-pv-1",
  consumerMeterId: "virtual:grid1bob:solar",
  denom: CHF_BANK.denom,
  faceValue: "80",
};
