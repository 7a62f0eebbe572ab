// Package cli holds the delivery commands autocli cannot generate: they work off-chain.
package cli

import (
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// DeliveryCommand is `gridd delivery`: off-chain tools of data hubs and aggregators.
func DeliveryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delivery",
		Short: "Off-chain tools for meter readings: aggregation point commitments, the verification baseline",
	}
	cmd.AddCommand(CommitmentCommand(), VerifyRateCommand())
	return cmd
}

// CommitmentCommand computes an aggregation point's household commitment from a CSV.
func CommitmentCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "commitment [households.csv]",
		Short: "Compute an aggregation point's commitment from its households' readings (CSV: household,wh; '-' reads stdin)",
		Long: `Reads one line per household: the aggregator's pseudonymous household reference and the
household's Wh for the period (an optional header line "household,wh" is skipped). Prints the
32-byte commitment (hex) the aggregation point's signed reading carries, the number of households
and their sum, which must be the reading's wh. The hashing is in docs/adr/010-signed-meter-readings.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := cmd.InOrStdin()
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			households, err := ReadHouseholdsCSV(in)
			if err != nil {
				return err
			}
			commitment, sum, err := types.HouseholdCommitment(households)
			if err != nil {
				return err
			}
			out, err := json.Marshal(map[string]string{
				"commitment": hex.EncodeToString(commitment),
				"households": strconv.Itoa(len(households)),
				"wh":         strconv.FormatUint(sum, 10),
			})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return err
		},
	}
}

// ReadHouseholdsCSV reads household,wh lines; an optional first line "household,wh" is a header.
func ReadHouseholdsCSV(in io.Reader) ([]types.HouseholdReading, error) {
	r := csv.NewReader(in)
	r.FieldsPerRecord = 2
	r.TrimLeadingSpace = true
	var out []types.HouseholdReading
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("households CSV: %w", err)
		}
		if line == 1 && strings.EqualFold(rec[0], "household") {
			continue
		}
		wh, err := strconv.ParseUint(strings.TrimSpace(rec[1]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("households CSV line %d: wh %q is not a whole number of Wh", line, rec[1])
		}
		out = append(out, types.HouseholdReading{Ref: strings.TrimSpace(rec[0]), Wh: wh})
	}
	if len(out) == 0 {
		return nil, errors.New("households CSV lists no household")
	}
	return out, nil
}
