package types

// ModuleName is the module's name and store key.
const ModuleName = "fiat"
