module github.com/gridledger/gridledger/chain

go 1.24.0

require (
	github.com/cosmos/cosmos-sdk v0.53.8
	github.com/cosmos/gogoproto v1.7.2
	github.com/cosmos/cosmos-proto v1.0.0-beta.5
	github.com/cosmos/ibc-go/v10 v10.7.0
	github.com/grpc-ecosystem/grpc-gateway v1.16.0
)

// bytedance/sonic before v1.15 does not compile on Go 1.26 (it links against
// runtime internals that moved); SDK 0.53 pulls v1.14.x indirectly. See docs/adr/001.
replace github.com/bytedance/sonic => github.com/bytedance/sonic v1.15.5

replace github.com/syndtr/goleveldb => github.com/syndtr/goleveldb v1.0.1-0.20210819022825-2ae1ddf74ef7
