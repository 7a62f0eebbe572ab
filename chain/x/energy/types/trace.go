package types

// Bounds of the Traceability query (seed §3.5.3): one call never reads more than
// MaxTraceReads store records, nor covers more than MaxTracePeriods periods.
const (
	// MaxTracePeriods is the longest period range one query covers: 31 days of 15-minute
	// periods. A longer range is refused (ErrTraceRangeTooLong); ask month by month.
	MaxTracePeriods = 31 * 96
	// MaxTraceReads is how many store records (index entries, tokens, trades, meters) one
	// call reads. A page stops before the consumed token that would cross it and says where
	// to resume; a single consumed token whose lineage alone crosses it is refused
	// (ErrTraceTooLarge).
	MaxTraceReads = 2000
)
