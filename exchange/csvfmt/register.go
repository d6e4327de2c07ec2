package csvfmt

import (
	"io"

	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/record"
)

func init() {
	exchange.Register(exchange.Format{
		Name: "csv", Title: "CSV (lernnetz-Vorlage)", MediaType: "text/csv; charset=utf-8", Ext: ".csv",
		NewReader: func(r io.Reader, cfg exchange.ReaderConfig) record.Reader {
			opts := []Option{WithLimits(cfg.EffectiveLimits())}
			if cfg.Gazetteer != nil {
				opts = append(opts, WithGazetteer(cfg.Gazetteer))
			}
			return NewReader(r, opts...)
		},
		NewWriter: func(w io.Writer) record.Writer { return NewWriter(w) },
	})
}
