/** Energy categories and sides as people name them. */
import { EnergyCategory, Side } from "@gridledger/client";

/** CATEGORIES are the real categories, in the chain's order (UNSPECIFIED is never valid). */
export const CATEGORIES: readonly EnergyCategory[] = [
  EnergyCategory.ENERGY_CATEGORY_SOLAR,
  EnergyCategory.ENERGY_CATEGORY_WIND,
  EnergyCategory.ENERGY_CATEGORY_HYDRO,
  EnergyCategory.ENERGY_CATEGORY_NUCLEAR,
  EnergyCategory.ENERGY_CATEGORY_COAL,
  EnergyCategory.ENERGY_CATEGORY_METHANE,
  EnergyCategory.ENERGY_CATEGORY_BIOMASS,
  EnergyCategory.ENERGY_CATEGORY_OTHER,
];

const NAMES: Readonly<Record<number, string>> = {
  [EnergyCategory.ENERGY_CATEGORY_SOLAR]: "Solar",
  [EnergyCategory.ENERGY_CATEGORY_WIND]: "Wind",
  [EnergyCategory.ENERGY_CATEGORY_HYDRO]: "Hydro",
  [EnergyCategory.ENERGY_CATEGORY_NUCLEAR]: "Nuclear",
  [EnergyCategory.ENERGY_CATEGORY_COAL]: "Coal",
  [EnergyCategory.ENERGY_CATEGORY_METHANE]: "Gas",
  [EnergyCategory.ENERGY_CATEGORY_BIOMASS]: "Biomass",
  [EnergyCategory.ENERGY_CATEGORY_OTHER]: "Other",
};

export function categoryName(category: EnergyCategory): string {
  return NAMES[category] ?? "Unknown";
}

/** CATEGORY_COLOURS tell categories apart in charts (colour-blind safe: Okabe-Ito). */
export const CATEGORY_COLOURS: Readonly<Record<number, string>> = {
  [EnergyCategory.ENERGY_CATEGORY_SOLAR]: "#E69F00",
  [EnergyCategory.ENERGY_CATEGORY_WIND]: "#56B4E9",
  [EnergyCategory.ENERGY_CATEGORY_HYDRO]: "#0072B2",
  [EnergyCategory.ENERGY_CATEGORY_NUCLEAR]: "#CC79A7",
  [EnergyCategory.ENERGY_CATEGORY_COAL]: "#000000",
  [EnergyCategory.ENERGY_CATEGORY_METHANE]: "#D55E00",
  [EnergyCategory.ENERGY_CATEGORY_BIOMASS]: "#009E73",
  [EnergyCategory.ENERGY_CATEGORY_OTHER]: "#999999",
};

/** SIDES are the two sides of a token. */
export const SIDES: readonly Side[] = [Side.SIDE_CONSUMER, Side.SIDE_PRODUCER];

/**
 * sideName names a side by what its holder does: the consumer side takes the energy (buying it
 * buys energy), the producer side delivers it (buying it takes on a delivery, as a bid asks).
 */
export function sideName(side: Side): string {
  return side === Side.SIDE_CONSUMER ? "consumer side" : side === Side.SIDE_PRODUCER ? "producer side" : "unknown side";
}

/** sideAction is what buying the side means. */
export function sideAction(side: Side): string {
  return side === Side.SIDE_CONSUMER ? "take the energy" : "deliver the energy";
}
