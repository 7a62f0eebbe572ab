import { describe, expect, it } from "vitest";

import type { PeriodMoney } from "../../generated/gridledger/settlement/v1/query.js";
import { ChargeKind } from "../../generated/gridledger/settlement/v1/types.js";
import { PARTICIPANT_STATEMENT_CSV_HEADER, type ParticipantStatement, participantStatementToCsv } from "./participant.js";

const money = (denom: string, energyPay: bigint, paid: bigint, fee: bigint): PeriodMoney => ({
  denom,
  charges: [{ kind: ChargeKind.CHARGE_KIND_ENERGY, payable: energyPay.toString(), receivable: "0", wh: 1_000_000n, co2Grams: 0n }],
  gross: { denom, payable: energyPay.toString(), receivable: "0" },
  net: (-energyPay).toString(),
  paid: paid.toString(),
  bankFee: fee.toString(),
  received: "0",
  postponed: (energyPay - paid).toString(),
  unpaid: "0",
  // The chain writes an unset cosmos.Int as "".
  offset: "",
  imbalanceValue: "-2500",
});

const energy = (scheduledConsumedWh: bigint, measuredConsumedWh: bigint, suppliedWh: bigint) => ({
  scheduledConsumedWh,
  scheduledProducedWh: 0n,
  measuredConsumedWh,
  measuredProducedWh: 0n,
  suppliedWh,
  takenWh: 0n,
  co2Grams: 0n,
});

// The same statement as chain/x/settlement/client/cli/statement_csv_test.go's
// TestStatementCSVIsTheClientsFileByteForByte, and the same bytes: the CLI and the client
// write one file.
const statement: ParticipantStatement = {
  periods: [
    { period: 10n, settled: true, energy: energy(1_000_000n, 1_250_000n, 250_000n), money: [money("uchf.a", 80_000_000n, 60_000_000n, 8_000n)] },
    { period: 11n, settled: false, energy: energy(0n, 5n, 0n), money: [] },
  ],
  energy: energy(1_000_000n, 1_250_005n, 250_000n),
  totals: [money("uchf.a", 80_000_000n, 60_000_000n, 8_000n)],
};

const golden =
  "record,period,settled,denom,scheduled_consumed_wh,scheduled_produced_wh,measured_consumed_wh,measured_produced_wh,supplied_wh,taken_wh,co2_grams," +
  "energy_payable_base,energy_receivable_base,imbalance_payable_base,imbalance_receivable_base,token_grid_fee_payable_base,token_grid_fee_receivable_base," +
  "transmission_payable_base,transmission_receivable_base,security_of_supply_payable_base,security_of_supply_receivable_base,co2_payable_base,co2_receivable_base," +
  "late_fee_payable_base,late_fee_receivable_base,default_fee_payable_base,default_fee_receivable_base," +
  "gross_payable_base,gross_receivable_base,net_base,paid_base,bank_fee_base,received_base,postponed_base,unpaid_base,offset_base,imbalance_value_base\r\n" +
  "period,10,true,uchf.a,1000000,0,1250000,0,250000,0,0,80000000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,80000000,0,-80000000,60000000,8000,0,20000000,0,0,-2500\r\n" +
  "period,11,false,,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n" +
  "total,,,uchf.a,1000000,0,1250005,0,250000,0,0,80000000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,80000000,0,-80000000,60000000,8000,0,20000000,0,0,-2500\r\n";

describe("participantStatementToCsv", () => {
  const csv = participantStatementToCsv(statement);
  const rows = csv.slice(0, -2).split("\r\n").map((r) => r.split(","));

  it("writes what gridd query settlement statement-csv writes, byte for byte", () => {
    expect(csv).toBe(golden);
  });

  it("names every column with its unit", () => {
    expect(rows[0]).toEqual([...PARTICIPANT_STATEMENT_CSV_HEADER]);
    for (const h of PARTICIPANT_STATEMENT_CSV_HEADER.slice(4)) expect(h).toMatch(/_(wh|grams|base)$/);
    for (const r of rows) expect(r).toHaveLength(PARTICIPANT_STATEMENT_CSV_HEADER.length);
  });

  it("has one row per period and denom, a denom-less row for energy without money, and a total per denom", () => {
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ["record", "period", "settled", "denom"],
      ["period", "10", "true", "uchf.a"],
      ["period", "11", "false", ""],
      ["total", "", "", "uchf.a"],
    ]);
    const col = (row: string[], name: string) => row[PARTICIPANT_STATEMENT_CSV_HEADER.indexOf(name)];
    expect(col(rows[1] ?? [], "offset_base")).toBe("0");
    expect(col(rows[1] ?? [], "postponed_base")).toBe("20000000");
    expect(col(rows[3] ?? [], "measured_consumed_wh")).toBe("1250005");
  });

  it("of an empty statement is its header; of energy without money a total row without denom", () => {
    expect(participantStatementToCsv({ periods: [], energy: undefined, totals: [] })).toBe(PARTICIPANT_STATEMENT_CSV_HEADER.join(",") + "\r\n");
    const onlyEnergy = participantStatementToCsv({ periods: [statement.periods[1]!], energy: energy(0n, 5n, 0n), totals: [] });
    expect(onlyEnergy.split("\r\n")[2]?.slice(0, 30)).toBe("total,,,,0,0,5,0,0,0,0,0,0,0,0");
  });

  it("quotes a denom that needs quoting", () => {
    const odd = participantStatementToCsv({ ...statement, totals: [money('u"chf,x', 1n, 1n, 0n)] });
    expect(odd).toContain('total,,,"u""chf,x",');
  });
});
