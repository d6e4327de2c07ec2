package search

import (
	"testing"
)

func BenchmarkDebugDomain(b *testing.B) {
	e := benchEngine(b)
	cls := benchClasses(e)
	st := e.cur.Load()
	s := st.segs[0]
	var bmsz, chsz uint64
	for _, x := range s.bms {
		bmsz += x.GetSizeInBytes()
	}
	for _, x := range s.champs {
		chsz += x.GetSizeInBytes()
	}
	var codes, cells uint64
	for _, x := range s.codes {
		codes += x.GetSizeInBytes()
	}
	for _, x := range s.cells {
		cells += x.GetSizeInBytes()
	}
	b.Logf("pay %d MiB, small %d MiB, bms %d MiB (%d), champs %d MiB (%d), terms %d MiB, disp %d MiB, dates %d MiB, codes %d MiB, cells %d MiB, docs %d MiB",
		len(s.pay)*2>>20, len(s.small)*4>>20, bmsz>>20, len(s.bms), chsz>>20, len(s.champs), (len(s.termBytes)+len(s.termOff)*4*7)>>20,
		(len(s.dispBytes)+len(s.dispOff)*4)>>20, len(s.dateID)*44>>20, codes>>20, cells>>20, s.n*(8+4+2+24+24)>>20)
	for _, name := range []string{"facets_radius", "browse_filters", "frequent"} {
		for _, q := range cls[name][:3] {
			q = normalizeQuery(q)
			f := compileFilters(&q, genNow.Unix(), nil)
			if q.Near != "" {
				p, _ := e.gaz.Resolve(q.Near)
				c := newCircle(p.Lat, p.Lon, q.RadiusKm)
				f = compileFilters(&q, genNow.Unix(), c)
			}
			slots, _ := e.plan(st, q.Text)
			T := st.live[0]
			if len(slots) > 0 {
				T = textMatch(s, T, segSlots(s, slots))
			}
			pl := f.approx(s, bPlace)
			if pl == nil {
				pl = s.all
			}
			b.Logf("%s %q: T=%d place=%d T∩place=%d all=%d online=%d onlinemode=%d", name, q.Text, T.GetCardinality(), pl.GetCardinality(),
				T.AndCardinality(pl), f.approxAll(s, T, f.active).GetCardinality(), s.code(keyOnline).GetCardinality(), s.code(keyOnlineMode).GetCardinality())
		}
	}
}
