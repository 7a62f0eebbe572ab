package ibcnet

import (
	ibctesting "github.com/cosmos/ibc-go/v10/testing"

	"github.com/gridledger/gridledger/chain/app"
)

var _ ibctesting.TestingApp = (*app.App)(nil)
