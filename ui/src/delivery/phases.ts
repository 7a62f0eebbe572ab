/** Where a period stands, in one word people read: x/energy's phase until it ends, then x/delivery's. */
import { ReconciliationPhase, TokenPhase } from "@gridledger/client";

/** PeriodStage is a period's phase for people. */
export type PeriodStage = "open" | "frozen" | "in delivery" | "reading window" | "due" | "reconciling" | "reconciled" | "before reconciliation" | "unknown";

/** periodStage combines the two modules' phases: reconciliation's once the period has ended. */
export function periodStage(energy: TokenPhase, reconciliation: ReconciliationPhase): PeriodStage {
  switch (reconciliation) {
    case ReconciliationPhase.RECONCILIATION_PHASE_READING_WINDOW:
      return "reading window";
    case ReconciliationPhase.RECONCILIATION_PHASE_DUE:
      return "due";
    case ReconciliationPhase.RECONCILIATION_PHASE_RECONCILING:
      return "reconciling";
    case ReconciliationPhase.RECONCILIATION_PHASE_RECONCILED:
      return "reconciled";
    case ReconciliationPhase.RECONCILIATION_PHASE_BEFORE_START:
      return "before reconciliation";
    default:
      break;
  }
  switch (energy) {
    case TokenPhase.TOKEN_PHASE_OPEN:
      return "open";
    case TokenPhase.TOKEN_PHASE_FROZEN:
      return "frozen";
    case TokenPhase.TOKEN_PHASE_IN_DELIVERY:
      return "in delivery";
    default:
      return "unknown";
  }
}

/** STAGE_HINTS say what each stage means for a participant. */
export const STAGE_HINTS: Readonly<Record<PeriodStage, string>> = {
  open: "tokens trade",
  frozen: "past gate closure: only the grid operator acts",
  "in delivery": "energy is flowing",
  "reading window": "meter readings are accepted",
  due: "waiting for reconciliation",
  reconciling: "being reconciled now",
  reconciled: "imbalances settled",
  "before reconciliation": "ended before the chain reconciled",
  unknown: "",
};
