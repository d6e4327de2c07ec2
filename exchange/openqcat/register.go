package openqcat

import (
	"io"

	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/record"
)

func init() {
	exchange.Register(exchange.Format{
		Name: "openqcat", Title: "open-Qcat 1.1 (KURSNET)", MediaType: "application/xml", Ext: ".xml",
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
