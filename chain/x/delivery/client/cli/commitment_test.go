package cli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridledger/gridledger/chain/x/delivery/client/cli"
)

func TestCommitmentCommand(t *testing.T) {
	run := func(csv string) (map[string]string, error) {
		cmd := cli.CommitmentCommand()
		var out bytes.Buffer
		cmd.SetIn(strings.NewReader(csv))
		cmd.SetOut(&out)
		cmd.SetArgs([]string{"-"})
		if err := cmd.Execute(); err != nil {
			return nil, err
		}
		var got map[string]string
		require.NoError(t, json.Unmarshal(out.Bytes(), &got))
		return got, nil
	}
	// The ADR 010 vector, with a header, in another order.
	got, err := run("household,wh\nhh-5c2d81e0b6a4,0\nhh-b71e0c2a9d4f, 420\nhh-03f9aa51c7e2,1310\n")
	require.NoError(t, err)
	require.Equal(t, map[string]string{
		"commitment": "7caedc15c08ab8b134e9505b27ce8db191dfc120da3f5bff156c762bc71441b2", "households": "3", "wh": "1730",
	}, got)
	for name, csv := range map[string]string{
		"no household":        "household,wh\n",
		"negative wh":         "hh-1,-5\n",
		"fractional wh":       "hh-1,1.5\n",
		"three columns":       "hh-1,5,x\n",
		"household twice":     "hh-1,5\nhh-1,6\n",
		"empty household ref": ",5\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := run(csv)
			require.Error(t, err)
		})
	}
}
