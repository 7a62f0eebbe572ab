package app

import (
	_ "embed"
	"net/http"
	"sync"

	gogoproto "github.com/cosmos/gogoproto/proto"
	golangproto "github.com/golang/protobuf/proto" //nolint:staticcheck // the REST gateway (grpc-gateway v1) reads enums through it
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/runtime/protoimpl"
)

var gatewayEnumsOnce sync.Once

// RegisterGatewayEnumNames lets the REST gateway read enum values by name in query strings
// (`?side=SIDE_CONSUMER`) as well as by number (`?side=2`).
//
// grpc-gateway v1's query parser looks enum names up in github.com/golang/protobuf's
// registry, which knows only the enums of protoregistry.GlobalFiles (the SDK's own, from
// cosmossdk.io/api). Enums generated with gogoproto, ours and those of ibc-go, are only in
// gogoproto's registry, so a name failed with `strconv.ParseInt: parsing "SIDE_CONSUMER"`.
// This copies every such enum's name→number map into the registry the gateway reads.
// Path parameters need none of this: the generated handlers pass the map themselves.
func RegisterGatewayEnumNames() {
	gatewayEnumsOnce.Do(func() {
		gogoproto.HybridResolver.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
			registerEnums(fd.Enums())
			registerNestedEnums(fd.Messages())
			return true
		})
	})
}

func registerNestedEnums(msgs protoreflect.MessageDescriptors) {
	for i := 0; i < msgs.Len(); i++ {
		registerEnums(msgs.Get(i).Enums())
		registerNestedEnums(msgs.Get(i).Messages())
	}
}

func registerEnums(enums protoreflect.EnumDescriptors) {
	for i := 0; i < enums.Len(); i++ {
		// the name in a generated struct tag's enum=, as both registries key their maps
		name := protoimpl.X.LegacyEnumName(enums.Get(i))
		values := gogoproto.EnumValueMap(name)
		if values == nil || golangproto.EnumValueMap(name) != nil {
			continue
		}
		golangproto.RegisterEnum(name, nil, values)
	}
}

// openAPI is the OpenAPI (Swagger 2.0) document of every gridledger query route, generated
// from proto/ by scripts/proto-gen.sh (protoc-gen-openapiv2) and checked for drift.
//
//go:embed openapi/gridledger.swagger.json
var openAPI []byte

// OpenAPIPath is where every node's API server serves the OpenAPI document.
const OpenAPIPath = "/openapi.json"

// ServeOpenAPI answers GET /openapi.json with the generated document.
func ServeOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, _ = w.Write(openAPI)
}
