package openqcat

import "github.com/lernnetz/lernnetz/exchange/internal/xmlsafe"

// element is one XML element of a record with all it holds, as the shared
// safe-XML base decodes it; Path is set (see Reader.decode).
type element = xmlsafe.Element

const msgForbidden = "DOCTYPE- und ENTITY-Deklarationen sind in open-Qcat-Dateien nicht erlaubt (Schutz vor XXE und „Billion Laughs“); bitte ohne DTD exportieren."
