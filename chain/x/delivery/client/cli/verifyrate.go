package cli

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"time"

	sdked25519 "github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/spf13/cobra"

	"github.com/gridledger/gridledger/chain/x/delivery/types"
)

// VerifyRateCommand measures how many reading signatures one core verifies per second with
// the verifier the chain uses (ed25519consensus, ZIP-215): the baseline `npm run bench`
// prints the chain's reading throughput against.
func VerifyRateCommand() *cobra.Command {
	var seconds float64
	cmd := &cobra.Command{
		Use:   "verify-rate",
		Short: "Measure this machine's single-core ed25519 reading-signature verifications per second (the bench's baseline)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			key := ed25519.NewKeyFromSeed(make([]byte, 32))
			pub := &sdked25519.PubKey{Key: key.Public().(ed25519.PublicKey)}
			r := types.SignedReading{MeterId: "CH1012301234500000000000000001234", Period: 1966080, Wh: 1234567}
			msg := types.ReadingSignBytes("gridledger-bench-1", r)
			sig := ed25519.Sign(key, msg)
			deadline := time.Now().Add(time.Duration(seconds * float64(time.Second)))
			start, n := time.Now(), 0
			for time.Now().Before(deadline) {
				for i := 0; i < 100; i++ {
					if !pub.VerifySignature(msg, sig) {
						return fmt.Errorf("the reference signature does not verify")
					}
				}
				n += 100
			}
			rate := float64(n) / time.Since(start).Seconds()
			out, err := json.Marshal(map[string]any{"verifies_per_second": int64(rate), "verifies": n, "verifier": "ed25519consensus (ZIP-215), 1 goroutine"})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return err
		},
	}
	cmd.Flags().Float64Var(&seconds, "seconds", 2, "how long to measure")
	return cmd
}
