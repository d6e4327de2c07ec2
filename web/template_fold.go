package web

import (
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// Folding constant translations. Most of a portal page's template actions
// are {{t "some.key"}}: a message whose text depends only on the language
// of the template set, yet html/template calls t and then its escaper, both
// through reflection, on every render (on the offer page they were about a
// third of the template engine's time). foldConstants replaces each such
// action, once at start-up, with the text it would always produce.
//
// It works on the escaped trees, so html/template has already decided each
// action's context: an action is folded only when its pipeline is exactly
// `t "key" | E` with E one of the escapers whose output for a plain string
// is htmlReplacer(s, htmlReplacementTable) — element content, quoted
// attribute values, RCDATA — or `catalogueLang | _html_template_htmlnamefilter`,
// which passes its template.HTMLAttr unchanged. Everything else (URLs,
// scripts, unquoted attributes, messages with arguments) is left to the
// engine. TestFoldedTemplatesRenderTheSame renders every kind of page with
// and without folding and compares the bytes.

// htmlTextEscapers are html/template's escapers that, given a plain string,
// replace exactly the characters escapeHTMLText replaces.
var htmlTextEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// escapeHTMLText escapes s as html/template escapes a plain string in
// element content and quoted attribute values (its htmlReplacementTable).
var escapeHTMLText = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace

// foldConstants escapes tmpl (by executing its "layout" once without data,
// which is how html/template escapes a set) and folds the constant
// translations of every template of the set in the language of l. It
// returns how many actions it folded.
func foldConstants(tmpl *template.Template, l *locale) int {
	// The execution fails for want of data; escaping happens before it, and
	// an escaping error would fail every real render too (and the tests).
	_ = tmpl.ExecuteTemplate(io.Discard, "layout", nil)
	n := 0
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			n += foldList(t.Tree.Root, l)
		}
	}
	return n
}

func foldList(list *parse.ListNode, l *locale) int {
	if list == nil {
		return 0
	}
	n := 0
	for i, node := range list.Nodes {
		switch node := node.(type) {
		case *parse.ActionNode:
			if text, ok := foldedText(node.Pipe, l); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: node.Pos, Text: []byte(text)}
				n++
			}
		case *parse.IfNode:
			n += foldList(node.List, l) + foldList(node.ElseList, l)
		case *parse.RangeNode:
			n += foldList(node.List, l) + foldList(node.ElseList, l)
		case *parse.WithNode:
			n += foldList(node.List, l) + foldList(node.ElseList, l)
		case *parse.ListNode:
			n += foldList(node, l)
		}
	}
	return n
}

// foldedText returns what the escaped pipeline p always writes in the
// language of l, when it is a constant translation.
func foldedText(p *parse.PipeNode, l *locale) (string, bool) {
	if p == nil || len(p.Decl) != 0 || len(p.Cmds) != 2 || len(p.Cmds[1].Args) != 1 {
		return "", false
	}
	call, escaper := p.Cmds[0].Args, p.Cmds[1].Args[0]
	esc, ok := escaper.(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	fn, ok := call[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	switch {
	case fn.Ident == "t" && len(call) == 2 && htmlTextEscapers[esc.Ident]:
		key, ok := call[1].(*parse.StringNode)
		if !ok {
			return "", false
		}
		return escapeHTMLText(l.T(key.Text)), true
	case fn.Ident == "catalogueLang" && len(call) == 1 && esc.Ident == "_html_template_htmlnamefilter":
		return string(catalogueLangAttr(l)), true
	}
	return "", false
}
