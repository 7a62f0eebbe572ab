package cmd_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	msgv1 "cosmossdk.io/api/cosmos/msg/v1"
	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client/flags"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/gridledger/gridledger/chain/app"
	"github.com/gridledger/gridledger/chain/cmd/gridd/cmd"
)

// skippedMsgs are messages deliberately without a `gridd tx` command, each with its reason.
// Empty: every message of our modules can be sent from the command line.
var skippedMsgs = map[string]string{}

// govOnlyMsgs are the messages whose signer must be the x/gov module account: their
// command submits a governance proposal carrying the message (autocli's GovProposal).
var govOnlyMsgs = map[string]bool{
	"gridledger.balancing.v1.MsgUpdateParams":        true,
	"gridledger.balancing.v1.MsgAppointCo2Authority": true,
	"gridledger.delivery.v1.MsgUpdateParams":         true,
	"gridledger.settlement.v1.MsgUpdateParams":       true,
	"gridledger.interchain.v1.MsgUpdateParams":       true,
	"gridledger.fiat.v1.MsgApproveBank":              true,
	"gridledger.fiat.v1.MsgUpdateBank":               true,
	"gridledger.energy.v1.MsgPublishCo2Intensity":    false, // signed by the appointed CO2 authority
	"gridledger.energy.v1.MsgSetCo2Rate":             false, // signed by the appointed CO2 authority
}

// twoSignerMsgs are the messages both owners of a token sign; their command is built with
// --generate-only by the first signer and signed by each (chain/README.md).
var twoSignerMsgs = []string{
	"gridledger.energy.v1.MsgCancelTokenJointly",
	"gridledger.energy.v1.MsgHandOverSide",
	"gridledger.energy.v1.MsgMergeTokens",
	"gridledger.energy.v1.MsgSplitToken",
}

// TestEveryMsgHasACommand walks every gridledger Msg service the app knows (any module
// added later included) and requires a `gridd tx <module> <command>` for each of its
// methods (or a reasoned skip), a governance proposal command for the messages only x/gov
// may send, and the second signer of two-signer messages as an argument, so that nothing a
// participant, the grid operator or governance can do needs a hand-written transaction.
func TestEveryMsgHasACommand(t *testing.T) {
	root := cmd.NewRootCmd()
	gridApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	moduleOptions := gridApp.AutoCliOpts().ModuleOptions
	var services []protoreflect.ServiceDescriptor
	seenServices := map[protoreflect.FullName]bool{}
	proto.HybridResolver.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if strings.HasPrefix(string(fd.Package()), "gridledger.") {
			for i := 0; i < fd.Services().Len(); i++ {
				if sd := fd.Services().Get(i); sd.Name() == "Msg" && !seenServices[sd.FullName()] {
					seenServices[sd.FullName()] = true
					services = append(services, sd)
				}
			}
		}
		return true
	})
	require.GreaterOrEqual(t, len(services), 5, "the Msg services of x/balancing, x/delivery, x/energy, x/fiat, x/settlement")
	var twoSigners []string
	seen := 0
	for _, sd := range services {
		name := strings.Split(string(sd.FullName()), ".")[1] // gridledger.<module>.v1.Msg
		opts := moduleOptions[name]
		require.NotNil(t, opts, "x/%s has no autocli options", name)
		require.NotNil(t, opts.Tx, name)
		require.Equal(t, string(sd.FullName()), opts.Tx.Service, name)
		byMethod := map[string]*autocliv1.RpcCommandOptions{}
		for _, o := range opts.Tx.RpcCommandOptions {
			byMethod[o.RpcMethod] = o
		}
		methods := sd.Methods()
		for i := 0; i < methods.Len(); i++ {
			m := methods.Get(i)
			msgName := string(m.Input().FullName())
			seen++
			o := byMethod[string(m.Name())]
			if o == nil {
				o = &autocliv1.RpcCommandOptions{}
			}
			if o.Skip {
				require.NotEmpty(t, skippedMsgs[msgName], "%s is skipped by x/%s/autocli.go without a reason in skippedMsgs", msgName, name)
				continue
			}
			use := kebab(string(m.Name()))
			if o.Use != "" {
				use = strings.Fields(o.Use)[0]
			}
			path := []string{"tx", name, use}
			found, _, err := root.Find(path)
			require.NoError(t, err, "no command for %s: gridd %v", msgName, path)
			require.Equal(t, use, found.Name(), "no command for %s: gridd %v", msgName, path)

			signers := protov2.GetExtension(m.Input().Options(), msgv1.E_Signer).([]string)
			require.NotEmpty(t, signers, msgName)
			if signers[0] == "authority" {
				gov, classified := govOnlyMsgs[msgName]
				require.True(t, classified, "%s is signed by an authority: say in govOnlyMsgs whether it is x/gov", msgName)
				require.Equal(t, gov, o.GovProposal, "%s: a governance-only message's command must submit a proposal (GovProposal)", msgName)
				if gov {
					for _, flag := range []string{"deposit", "title", "summary", "no-proposal"} {
						require.NotNil(t, found.Flags().Lookup(flag), "gridd %v has no --%s", path, flag)
					}
					// the authority is the gov module account, filled in by the command
					require.Nil(t, found.Flags().Lookup("authority"), "gridd %v asks for the authority", path)
				}
			} else {
				require.False(t, o.GovProposal, "%s is not governance-only", msgName)
			}
			if len(signers) > 1 {
				twoSigners = append(twoSigners, msgName)
				require.Len(t, signers, 2, msgName)
				second := signers[1]
				positional := false
				for _, p := range o.PositionalArgs {
					positional = positional || p.ProtoField == second
				}
				require.True(t, positional || found.Flags().Lookup(strings.ReplaceAll(second, "_", "-")) != nil,
					"gridd %v: the second signer %s can not be given", path, second)
				require.Contains(t, found.Short, "sign", "gridd %v: the help must say both owners sign", path)
				require.NotNil(t, found.Flags().Lookup("generate-only"), "gridd %v", path)
			}
		}
	}
	require.Greater(t, seen, 40, "the walk found the Msg services")
	sort.Strings(twoSigners)
	require.Equal(t, twoSignerMsgs, twoSigners, "the two-signer messages (two cosmos.msg.v1.signer options)")
	for msgName := range skippedMsgs {
		require.NotContains(t, twoSignerMsgs, msgName)
	}
}

// kebab names a method's command as autocli does when x/<module>/autocli.go gives no Use.
func kebab(method string) string {
	var b strings.Builder
	for i, r := range method {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

// TestGovOnlyCommandSubmitsAProposal runs a governance-only message's command offline with
// --generate-only: it prints a MsgSubmitProposal by the sender carrying the message, whose
// authority is the x/gov module account.
func TestGovOnlyCommandSubmitsAProposal(t *testing.T) {
	const proposer = "grid1vf2s8g68a9xqhe75lr8dl0mz7v33qy7xmj79vu"
	root := cmd.NewRootCmd()
	root.PersistentFlags().String(flags.FlagHome, "", "as svrcmd.Execute adds it")
	var out strings.Builder
	root.SetOut(&out)
	root.SetArgs([]string{"tx", "fiat", "update-bank", "uchf.alpine", "--status", "revoked",
		"--fee-model", `{"kind":"FEE_KIND_BASIS_POINTS","basis_points":5}`,
		"--from", proposer, "--generate-only",
		"--chain-id", "gridledger-test-1", "--home", t.TempDir(),
		"--title", "Revoke the Alpine bank", "--summary", "Its licence was withdrawn", "--deposit", "10000000ugrid"})
	require.NoError(t, root.Execute())

	var tx struct {
		Body struct {
			Messages []struct {
				Type     string `json:"@type"`
				Proposer string `json:"proposer"`
				Title    string `json:"title"`
				Messages []struct {
					Type      string `json:"@type"`
					Authority string `json:"authority"`
					Denom     string `json:"denom"`
					Status    string `json:"status"`
				} `json:"messages"`
			} `json:"messages"`
		} `json:"body"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.String()), &tx), out.String())
	require.Len(t, tx.Body.Messages, 1)
	prop := tx.Body.Messages[0]
	require.Equal(t, "/cosmos.gov.v1.MsgSubmitProposal", prop.Type)
	require.Equal(t, proposer, prop.Proposer)
	require.Equal(t, "Revoke the Alpine bank", prop.Title)
	require.Len(t, prop.Messages, 1)
	require.Equal(t, "/gridledger.fiat.v1.MsgUpdateBank", prop.Messages[0].Type)
	require.Equal(t, authtypes.NewModuleAddress(govtypes.ModuleName).String(), prop.Messages[0].Authority)
	require.Equal(t, "uchf.alpine", prop.Messages[0].Denom)
	require.Equal(t, "BANK_ENTITY_STATUS_REVOKED", prop.Messages[0].Status)
}
