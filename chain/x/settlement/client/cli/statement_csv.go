// Package cli holds the settlement command autocli cannot generate: the combined statement
// as CSV. Every other settlement command comes from proto (autocli.go).
package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/spf13/cobra"

	"github.com/gridledger/gridledger/chain/x/settlement/types"
)

// QueryCommand is `gridd query settlement`: autocli adds the generated queries to it
// (EnhanceCustomCommand), this package adds statement-csv.
func QueryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Querying commands for the settlement module",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(StatementCSVCommand())
	return cmd
}

// StatementCSVCommand prints a participant's combined statement as CSV.
func StatementCSVCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "statement-csv [participant] [from-period] [to-period]",
		Short: "A participant's combined statement as CSV: one row per period and denom, then one total row per denom (at most 2976 periods)",
		Long: `Prints the participant-statement query as CSV (RFC 4180, CRLF): a header row naming each column
with its unit, one row per period and denom (energy in Wh and CO2 in grams, amounts in base units of the
denom, signed where a sign means something), then one "total" row per denom. A period with energy but no
money has one row with an empty denom. The JSON is 'gridd query settlement participant-statement'.`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := strconv.ParseUint(args[1], 10, 64)
			if err != nil {
				return fmt.Errorf("from-period %q is not a period number", args[1])
			}
			to, err := strconv.ParseUint(args[2], 10, 64)
			if err != nil {
				return fmt.Errorf("to-period %q is not a period number", args[2])
			}
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).ParticipantStatement(cmd.Context(),
				&types.QueryParticipantStatementRequest{Participant: args[0], FromPeriod: from, ToPeriod: to})
			if err != nil {
				return err
			}
			return WriteStatementCSV(cmd.OutOrStdout(), res)
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// chargeKinds are the kinds with a column each, in column order.
var chargeKinds = []types.ChargeKind{
	types.ChargeKind_CHARGE_KIND_ENERGY, types.ChargeKind_CHARGE_KIND_IMBALANCE, types.ChargeKind_CHARGE_KIND_TOKEN_GRID_FEE,
	types.ChargeKind_CHARGE_KIND_TRANSMISSION, types.ChargeKind_CHARGE_KIND_SECURITY_OF_SUPPLY, types.ChargeKind_CHARGE_KIND_CO2,
	types.ChargeKind_CHARGE_KIND_LATE_FEE, types.ChargeKind_CHARGE_KIND_DEFAULT_FEE,
}

// kindColumn is a kind's column name stem: "energy", "token_grid_fee".
func kindColumn(k types.ChargeKind) string {
	return strings.ToLower(strings.TrimPrefix(k.String(), "CHARGE_KIND_"))
}

// StatementHeader is the CSV's header row; @gridledger/client's participantStatementToCsv
// writes the same columns.
func StatementHeader() []string {
	h := []string{"record", "period", "settled", "denom",
		"scheduled_consumed_wh", "scheduled_produced_wh", "measured_consumed_wh", "measured_produced_wh",
		"supplied_wh", "taken_wh", "co2_grams"}
	for _, k := range chargeKinds {
		h = append(h, kindColumn(k)+"_payable_base", kindColumn(k)+"_receivable_base")
	}
	return append(h, "gross_payable_base", "gross_receivable_base", "net_base", "paid_base", "bank_fee_base",
		"received_base", "postponed_base", "unpaid_base", "offset_base", "imbalance_value_base")
}

// WriteStatementCSV writes res as CSV: the header, a row per period and denom, a total row
// per denom. The energy columns repeat on every row of a period (they belong to the period,
// not the denom); the total rows carry the range's energy.
func WriteStatementCSV(out io.Writer, res *types.QueryParticipantStatementResponse) error {
	w := csv.NewWriter(out)
	w.UseCRLF = true
	if err := w.Write(StatementHeader()); err != nil {
		return err
	}
	for _, p := range res.Periods {
		period, settled := strconv.FormatUint(p.Period, 10), strconv.FormatBool(p.Settled)
		if len(p.Money) == 0 {
			if err := w.Write(statementRow("period", period, settled, p.Energy, nil)); err != nil {
				return err
			}
		}
		for i := range p.Money {
			if err := w.Write(statementRow("period", period, settled, p.Energy, &p.Money[i])); err != nil {
				return err
			}
		}
	}
	if len(res.Totals) == 0 && len(res.Periods) > 0 {
		if err := w.Write(statementRow("total", "", "", res.Energy, nil)); err != nil {
			return err
		}
	}
	for i := range res.Totals {
		if err := w.Write(statementRow("total", "", "", res.Energy, &res.Totals[i])); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func statementRow(record, period, settled string, e types.PeriodEnergy, m *types.PeriodMoney) []string {
	u := func(v uint64) string { return strconv.FormatUint(v, 10) }
	row := []string{record, period, settled, "", u(e.ScheduledConsumedWh), u(e.ScheduledProducedWh), u(e.MeasuredConsumedWh),
		u(e.MeasuredProducedWh), u(e.SuppliedWh), u(e.TakenWh), u(e.Co2Grams)}
	if m == nil {
		for range chargeKinds {
			row = append(row, "0", "0")
		}
		return append(row, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")
	}
	row[3] = m.Denom
	for _, k := range chargeKinds {
		pay, rec := "0", "0"
		for _, c := range m.Charges {
			if c.Kind == k {
				pay, rec = c.Payable.String(), c.Receivable.String()
			}
		}
		row = append(row, pay, rec)
	}
	return append(row, m.Gross.Payable.String(), m.Gross.Receivable.String(), m.Net.String(), m.Paid.String(), m.BankFee.String(),
		m.Received.String(), m.Postponed.String(), m.Unpaid.String(), m.Offset.String(), m.ImbalanceValue.String())
}
