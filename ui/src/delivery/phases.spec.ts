import { ReconciliationPhase as R, TokenPhase as T } from "@gridledger/client";
import { describe, expect, it } from "vitest";

import { periodStage } from "./phases.js";

describe("a period's phase", () => {
  it("is x/energy's until the period ends, then x/delivery's", () => {
    expect(periodStage(T.TOKEN_PHASE_OPEN, R.RECONCILIATION_PHASE_PENDING)).toBe("open");
    expect(periodStage(T.TOKEN_PHASE_FROZEN, R.RECONCILIATION_PHASE_PENDING)).toBe("frozen");
    expect(periodStage(T.TOKEN_PHASE_IN_DELIVERY, R.RECONCILIATION_PHASE_PENDING)).toBe("in delivery");
    expect(periodStage(T.TOKEN_PHASE_DELIVERED, R.RECONCILIATION_PHASE_READING_WINDOW)).toBe("reading window");
    expect(periodStage(T.TOKEN_PHASE_DELIVERED, R.RECONCILIATION_PHASE_DUE)).toBe("due");
    expect(periodStage(T.TOKEN_PHASE_DELIVERED, R.RECONCILIATION_PHASE_RECONCILING)).toBe("reconciling");
    expect(periodStage(T.TOKEN_PHASE_DELIVERED, R.RECONCILIATION_PHASE_RECONCILED)).toBe("reconciled");
    expect(periodStage(T.TOKEN_PHASE_DELIVERED, R.RECONCILIATION_PHASE_BEFORE_START)).toBe("before reconciliation");
  });
});
