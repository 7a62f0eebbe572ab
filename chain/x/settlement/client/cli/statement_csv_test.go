package cli_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/settlement/client/cli"
	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

func money(denom string, energyPay, paid, fee int64) types.PeriodMoney {
	z := sdkmath.ZeroInt()
	return types.PeriodMoney{
		Denom:   denom,
		Charges: []types.ChargeAmounts{{Kind: types.ChargeKind_CHARGE_KIND_ENERGY, Payable: sdkmath.NewInt(energyPay), Receivable: z, Wh: 1_000_000}},
		Gross:   types.Amounts{Denom: denom, Payable: sdkmath.NewInt(energyPay), Receivable: z},
		Net:     sdkmath.NewInt(-energyPay), Paid: sdkmath.NewInt(paid), BankFee: sdkmath.NewInt(fee), Received: z,
		Postponed: sdkmath.NewInt(energyPay - paid), Unpaid: z, Offset: z, ImbalanceValue: sdkmath.NewInt(-2_500),
	}
}

func TestStatementCSVHasAHeaderWithUnitsARowPerPeriodAndDenomAndTotals(t *testing.T) {
	res := &types.QueryParticipantStatementResponse{
		Participant: "grid1x", FromPeriod: 10, ToPeriod: 12, SettledBefore: 11,
		Periods: []types.ParticipantPeriod{
			{Period: 10, Settled: true, Energy: types.PeriodEnergy{ScheduledConsumedWh: 1_000_000, MeasuredConsumedWh: 1_250_000, SuppliedWh: 250_000},
				Money: []types.PeriodMoney{money("uchf.a", 80_000_000, 80_000_000, 8_000)}},
			{Period: 11, Energy: types.PeriodEnergy{MeasuredConsumedWh: 5}},
		},
		Energy: types.PeriodEnergy{ScheduledConsumedWh: 1_000_000, MeasuredConsumedWh: 1_250_005, SuppliedWh: 250_000},
		Totals: []types.PeriodMoney{money("uchf.a", 80_000_000, 80_000_000, 8_000)},
	}
	var out bytes.Buffer
	require.NoError(t, cli.WriteStatementCSV(&out, res))
	require.True(t, strings.HasSuffix(out.String(), "\r\n"), "CRLF line ends")
	rows, err := csv.NewReader(&out).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4, "header, two period rows, one total")
	header := rows[0]
	require.Equal(t, cli.StatementHeader(), header)
	require.Equal(t, []string{"record", "period", "settled", "denom", "scheduled_consumed_wh"}, header[:5])
	for _, h := range header[4:] {
		require.True(t, strings.HasSuffix(h, "_wh") || strings.HasSuffix(h, "_grams") || strings.HasSuffix(h, "_base"), "column %q names its unit", h)
	}
	col := func(row []string, name string) string {
		for i, h := range header {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	for _, r := range rows {
		require.Len(t, r, len(header))
	}
	require.Equal(t, []string{"period", "10", "true", "uchf.a"}, rows[1][:4])
	require.Equal(t, "1250000", col(rows[1], "measured_consumed_wh"))
	require.Equal(t, "250000", col(rows[1], "supplied_wh"))
	require.Equal(t, "80000000", col(rows[1], "energy_payable_base"))
	require.Equal(t, "0", col(rows[1], "transmission_payable_base"))
	require.Equal(t, "-80000000", col(rows[1], "net_base"))
	require.Equal(t, "8000", col(rows[1], "bank_fee_base"))
	require.Equal(t, "-2500", col(rows[1], "imbalance_value_base"))
	require.Equal(t, []string{"period", "11", "false", ""}, rows[2][:4], "energy without money: one row, no denom")
	require.Equal(t, "0", col(rows[2], "gross_payable_base"))
	require.Equal(t, []string{"total", "", "", "uchf.a"}, rows[3][:4])
	require.Equal(t, "1250005", col(rows[3], "measured_consumed_wh"))
	require.Equal(t, "80000000", col(rows[3], "paid_base"))
}

func TestStatementCSVOfNothingIsItsHeader(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, cli.WriteStatementCSV(&out, &types.QueryParticipantStatementResponse{}))
	require.Equal(t, strings.Join(cli.StatementHeader(), ",")+"\r\n", out.String())
}

func TestStatementCSVCommandRefusesPeriodsThatAreNoNumbers(t *testing.T) {
	cmd := cli.StatementCSVCommand()
	cmd.SetArgs([]string{"grid1x", "ten", "12"})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	require.ErrorContains(t, err, `from-period "ten" is not a period number`)
	cmd = cli.StatementCSVCommand()
	cmd.SetArgs([]string{"grid1x", "10"})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	require.Error(t, cmd.Execute(), "three arguments")
}

// goldenCSV is what the example statement prints; ts-client's participant.spec.ts pins the
// same bytes for participantStatementToCsv, so the CLI and the client write the same file.
const goldenCSV = "record,period,settled,denom,scheduled_consumed_wh,scheduled_produced_wh,measured_consumed_wh,measured_produced_wh,supplied_wh,taken_wh,co2_grams," +
	"energy_payable_base,energy_receivable_base,imbalance_payable_base,imbalance_receivable_base,token_grid_fee_payable_base,token_grid_fee_receivable_base," +
	"transmission_payable_base,transmission_receivable_base,security_of_supply_payable_base,security_of_supply_receivable_base,co2_payable_base,co2_receivable_base," +
	"late_fee_payable_base,late_fee_receivable_base,default_fee_payable_base,default_fee_receivable_base," +
	"gross_payable_base,gross_receivable_base,net_base,paid_base,bank_fee_base,received_base,postponed_base,unpaid_base,offset_base,imbalance_value_base\r\n" +
	"period,10,true,uchf.a,1000000,0,1250000,0,250000,0,0,80000000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,80000000,0,-80000000,60000000,8000,0,20000000,0,0,-2500\r\n" +
	"period,11,false,,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n" +
	"total,,,uchf.a,1000000,0,1250005,0,250000,0,0,80000000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,80000000,0,-80000000,60000000,8000,0,20000000,0,0,-2500\r\n"

func TestStatementCSVIsTheClientsFileByteForByte(t *testing.T) {
	res := &types.QueryParticipantStatementResponse{
		Periods: []types.ParticipantPeriod{
			{Period: 10, Settled: true, Energy: types.PeriodEnergy{ScheduledConsumedWh: 1_000_000, MeasuredConsumedWh: 1_250_000, SuppliedWh: 250_000},
				Money: []types.PeriodMoney{money("uchf.a", 80_000_000, 60_000_000, 8_000)}},
			{Period: 11, Energy: types.PeriodEnergy{MeasuredConsumedWh: 5}},
		},
		Energy: types.PeriodEnergy{ScheduledConsumedWh: 1_000_000, MeasuredConsumedWh: 1_250_005, SuppliedWh: 250_000},
		Totals: []types.PeriodMoney{money("uchf.a", 80_000_000, 60_000_000, 8_000)},
	}
	var out bytes.Buffer
	require.NoError(t, cli.WriteStatementCSV(&out, res))
	require.Equal(t, goldenCSV, out.String())
}
