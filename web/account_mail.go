package web

import (
	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
)

// The account mail: plain German text, a greeting by name when there is
// one, and what to do when the mail comes unexpectedly.

func greeting(u *account.User) string {
	if u.DisplayName != "" {
		return "Guten Tag " + u.DisplayName + ",\n\n"
	}
	return "Guten Tag,\n\n"
}

const signature = "\n\nViele Grüße\nIhr lernnetz Saar\n\n" +
	"Diese E-Mail wurde automatisch verschickt. Antworten darauf lesen wir nicht.\n"

func verifyMail(u *account.User, link string) mail.Message {
	return mail.Message{
		Subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
		Text: greeting(u) +
			"Sie haben bei lernnetz Saar ein Konto angelegt. Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link:\n\n" +
			link + "\n\n" +
			"Der Link gilt 48 Stunden und nur einmal.\n\n" +
			"Sie haben kein Konto angelegt? Dann hat sich jemand bei der Adresse vertippt. Sie müssen nichts tun; ohne Bestätigung bleibt das Konto gesperrt." +
			signature,
	}
}

func alreadyRegisteredMail(u *account.User, login, reset string) mail.Message {
	return mail.Message{
		Subject: "Sie haben schon ein Konto bei lernnetz Saar",
		Text: greeting(u) +
			"jemand wollte gerade mit Ihrer E-Mail-Adresse ein neues Konto anlegen. Sie haben aber schon eins.\n\n" +
			"Anmelden: " + login + "\n" +
			"Passwort vergessen? " + reset + "\n\n" +
			"Waren Sie das nicht, können Sie diese E-Mail einfach löschen. Ihr Konto bleibt, wie es ist." +
			signature,
	}
}

func resetMail(u *account.User, link string) mail.Message {
	return mail.Message{
		Subject: "Neues Passwort für lernnetz Saar",
		Text: greeting(u) +
			"Sie haben ein neues Passwort angefordert. Mit diesem Link wählen Sie es:\n\n" +
			link + "\n\n" +
			"Der Link gilt eine Stunde und nur einmal.\n\n" +
			"Sie haben nichts angefordert? Dann können Sie diese E-Mail löschen. Ihr Passwort bleibt, wie es ist." +
			signature,
	}
}

func passwordChangedMail(u *account.User, reset string) mail.Message {
	return mail.Message{
		Subject: "Ihr Passwort wurde geändert",
		Text: greeting(u) +
			"das Passwort Ihres Kontos bei lernnetz Saar wurde gerade geändert. Alle anderen Sitzungen wurden beendet.\n\n" +
			"Waren Sie das nicht? Dann wählen Sie bitte sofort ein neues Passwort: " + reset +
			signature,
	}
}

func totpEnabledMail(u *account.User) mail.Message {
	return mail.Message{
		Subject: "Anmeldung mit zweitem Faktor eingerichtet",
		Text: greeting(u) +
			"für Ihr Konto bei lernnetz Saar ist jetzt die Anmeldung mit zweitem Faktor eingerichtet. " +
			"Bei jeder Anmeldung fragen wir nach dem Code aus Ihrer App.\n\n" +
			"Waren Sie das nicht? Bitte melden Sie sich umgehend bei der Netzwerkkoordination." +
			signature,
	}
}
