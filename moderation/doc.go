// Package moderation owns how the network's coordinators keep the catalogue
// trustworthy: the review queue (a new provider asks to join; a provider's
// first publication waits for approval; later changes go live at once and
// are flagged for a look) and the append-only audit log that records every
// change with who, when, what, before and after.
//
// The rules are plain functions (Review) over catalogue types; the Store
// interface is implemented by package storage on SQLite and PostgreSQL and
// passes storetest.RunModeration. Like catalogue and account it imports no
// HTTP or SQL.
package moderation
