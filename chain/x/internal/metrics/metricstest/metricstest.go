// Package metricstest records the modules' metrics in memory for tests.
package metricstest

import (
	"sort"
	"strings"
	"sync"
	"time"

	gometrics "github.com/hashicorp/go-metrics"

	"github.com/cosmos/cosmos-sdk/telemetry"
)

var (
	once sync.Once
	sink *gometrics.InmemSink
)

// Start turns telemetry on for the test binary, recording into one in-memory sink, and
// returns a reader of it. Counters only grow: compare a value before and after an action,
// in a test that does not run in parallel with others of its package.
func Start() Reader {
	once.Do(func() {
		sink = gometrics.NewInmemSink(time.Hour, 24*time.Hour)
		conf := gometrics.DefaultConfig("")
		conf.EnableHostname, conf.EnableRuntimeMetrics, conf.EnableServiceLabel = false, false, false
		if _, err := gometrics.NewGlobal(conf, sink); err != nil {
			panic(err)
		}
		telemetry.EnableTelemetry()
	})
	return Reader{}
}

// Reader reads the sink Start set up.
type Reader struct{}

// Counter is the sum of counter name ("energy.trades") with exactly labels
// ("kind=buy", in any order), over every interval kept.
func (Reader) Counter(name string, labels ...string) float64 {
	want := flatten(name, labels)
	total := 0.0
	for _, iv := range sink.Data() {
		iv.RLock()
		for _, c := range iv.Counters {
			if flatten(c.Name, labelPairs(c.Labels)) == want {
				total += c.Sum
			}
		}
		iv.RUnlock()
	}
	return total
}

// Gauge is the latest value of gauge name with exactly labels, and whether it was set.
func (Reader) Gauge(name string, labels ...string) (float32, bool) {
	want := flatten(name, labels)
	data := sink.Data()
	for i := len(data) - 1; i >= 0; i-- {
		iv := data[i]
		iv.RLock()
		for _, g := range iv.Gauges {
			if flatten(g.Name, labelPairs(g.Labels)) == want {
				iv.RUnlock()
				return g.Value, true
			}
		}
		iv.RUnlock()
	}
	return 0, false
}

func labelPairs(labels []gometrics.Label) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l.Name + "=" + l.Value
	}
	return out
}

func flatten(name string, labels []string) string {
	sorted := append([]string(nil), labels...)
	sort.Strings(sorted)
	return name + "{" + strings.Join(sorted, ",") + "}"
}
