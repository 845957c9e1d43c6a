<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CountryCatalog</name>
    <message>
        <location filename="../../core/phone/countrycatalog.cpp" line="+184"/>
        <source>“%1”</source>
        <comment>typed text quoted in a message</comment>
        <translation>„%1“</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the %1</source>
        <comment>a country name that takes an article in an English sentence</comment>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>en</source>
        <comment>ICU language code for country and place names: the language of this translation</comment>
        <translation>de</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1 is not a country Twilio sells local numbers in — pick one from the list.</source>
        <translation>In %1 verkauft Twilio keine Ortsrufnummern — wählen Sie ein Land aus der Liste.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not an area code: use digits only, or leave it empty for any area code.</source>
        <translation>%1 ist keine Vorwahl: Verwenden Sie nur Ziffern oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not an area code: use digits only, such as %2, or leave it empty for any area code.</source>
        <translation>%1 ist keine Vorwahl: Verwenden Sie nur Ziffern, etwa %2, oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Area codes in %1 have 3 digits, such as %2.</source>
        <translation>Vorwahlen im Land %1 haben 3 Ziffern, etwa %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is an area code in %2, not in %3 — pick one from the list or leave it empty for any area code.</source>
        <translation>%1 ist eine Vorwahl im Land %2, nicht im Land %3 — wählen Sie eine aus der Liste oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is a toll-free code, not an area code — pick one from the list or leave it empty for any area code.</source>
        <translation>%1 ist eine gebührenfreie Vorwahl, keine Ortsvorwahl — wählen Sie eine aus der Liste oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not an area code in %2 — pick one from the list or leave it empty for any area code.</source>
        <translation>%1 ist keine Vorwahl im Land %2 — wählen Sie eine aus der Liste oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use an area code of %1 to %2 digits, or leave it empty for any area code.</source>
        <translation>Geben Sie eine Vorwahl mit %1 bis %2 Ziffern ein oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use an area code of %1 to %2 digits, such as %3, or leave it empty for any area code.</source>
        <translation>Geben Sie eine Vorwahl mit %1 bis %2 Ziffern ein, etwa %3, oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Leave out the leading 0: the area code is %1.</source>
        <translation>Lassen Sie die führende 0 weg: Die Vorwahl lautet %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not an area code in %2 — check it or leave it empty for any area code.</source>
        <translation>%1 ist keine Vorwahl im Land %2 — prüfen Sie die Eingabe oder lassen Sie das Feld für eine beliebige Vorwahl leer.</translation>
    </message>
</context>
<context>
    <name>SettingsValidation</name>
    <message>
        <location filename="../../ui/settingsvalidation.cpp" line="+53"/>
        <source>Enter a web address such as https://api.example.com, or leave the field empty for the default.</source>
        <translation>Geben Sie eine Webadresse wie https://api.example.com ein oder lassen Sie das Feld für den Standardwert leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the user name and password from the address: credentials belong in the Credentials tab.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der Adresse: Zugangsdaten gehören auf die Registerkarte „Zugangsdaten“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use https:// — only an endpoint on this machine (localhost) may use plain http.</source>
        <translation>Verwenden Sie https:// — nur ein Endpunkt auf diesem Rechner (localhost) darf unverschlüsseltes http verwenden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The password in this URL is not saved. Put it in ~/.pgpass, PGPASSWORD or ORGCONSOLE_DATABASE.</source>
        <translation>Das Passwort in dieser URL wird nicht gespeichert. Hinterlegen Sie es in ~/.pgpass, PGPASSWORD oder ORGCONSOLE_DATABASE.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An account SID is &quot;AC&quot; followed by 32 letters and digits (0–9, a–f); copy it from the Twilio console.</source>
        <translation>Eine Account-SID besteht aus „AC“ und 32 Buchstaben und Ziffern (0–9, a–f); kopieren Sie sie aus der Twilio-Konsole.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The value contains a line break or control character; paste it again without one.</source>
        <translation>Der Wert enthält einen Zeilenumbruch oder ein Steuerzeichen; fügen Sie ihn ohne diese erneut ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No SMTP server: owners are not e-mailed.</source>
        <translation>Kein SMTP-Server: Inhaber erhalten keine E-Mails.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter smtps://host:465 (TLS) or smtp://host:587 (STARTTLS).</source>
        <translation>Geben Sie smtps://host:465 (TLS) oder smtp://host:587 (STARTTLS) ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the user name and password from the URL: use the SMTP user field and the SMTP password in Credentials.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der URL: Verwenden Sie das Feld „Benutzer“ und das SMTP-Passwort unter „Zugangsdaten“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The user name contains a line break or control character.</source>
        <translation>Der Benutzername enthält einen Zeilenumbruch oder ein Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the user name for the SMTP server.</source>
        <translation>Geben Sie den Benutzernamen für den SMTP-Server ein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>File not found: %1. Choose the CA certificate file again.</source>
        <translation>Datei nicht gefunden: %1. Wählen Sie die CA-Zertifikatsdatei erneut aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a folder; choose a PEM file with the CA certificate.</source>
        <translation>%1 ist ein Ordner; wählen Sie eine PEM-Datei mit dem CA-Zertifikat aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).</source>
        <translation>%1 enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the address e-mails are sent from, e.g. notifications@example.com.</source>
        <translation>Geben Sie die Absenderadresse der E-Mails ein, z. B. notifications@example.com.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sender address contains a line break or control character; type it again without one.</source>
        <translation>Die Absenderadresse enthält einen Zeilenumbruch oder ein Steuerzeichen; geben Sie sie ohne diese erneut ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sender address is longer than 254 characters.</source>
        <translation>Die Absenderadresse ist länger als 254 Zeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sender address contains characters other than ASCII, which the mailer does not send.</source>
        <translation>Die Absenderadresse enthält Zeichen außerhalb von ASCII, die der Mailversand nicht senden kann.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not an e-mail address: enter one such as notifications@example.com.</source>
        <translation>„%1“ ist keine E-Mail-Adresse: Geben Sie eine Adresse wie notifications@example.com ein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the web address of an image, e.g. https://example.com/logo.png; e-mails cannot show files from this computer.</source>
        <translation>Geben Sie die Webadresse eines Bildes ein, z. B. https://example.com/logo.png; E-Mails können keine Dateien von diesem Computer anzeigen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Many mail clients block images over http; prefer https.</source>
        <translation>Viele E-Mail-Programme blockieren Bilder über http; verwenden Sie besser https.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>An area code is digits only, e.g. 510.</source>
        <translation>Eine Vorwahl besteht nur aus Ziffern, z. B. 510.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area codes in the US and Canada have three digits and do not start with 0 or 1, e.g. 510.</source>
        <translation>Vorwahlen in den USA und Kanada haben drei Ziffern und beginnen nicht mit 0 oder 1, z. B. 510.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Give each row a country code, such as DE, or remove the row.</source>
        <translation>Geben Sie jeder Zeile einen Ländercode, etwa DE, oder entfernen Sie die Zeile.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a country Twilio sells local numbers in: use its two-letter code, such as DE.</source>
        <translation>„%1“ ist kein Land, in dem Twilio Ortsnummern verkauft: verwenden Sie den zweistelligen Code, etwa DE.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: give a bundle, an address or both, or remove the row.</source>
        <translation>%1: geben Sie ein Bundle, eine Adresse oder beides an, oder entfernen Sie die Zeile.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the bundle is &quot;BU&quot; and 32 hexadecimal digits, as Twilio&apos;s console shows it (Regulatory Compliance → Bundles).</source>
        <translation>%1: das Bundle ist „BU“ und 32 Hexadezimalziffern, wie Twilios Konsole es zeigt (Regulatory Compliance → Bundles).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the address is &quot;AD&quot; and 32 hexadecimal digits, as Twilio&apos;s console shows it (Phone Numbers → Addresses).</source>
        <translation>%1: die Adresse ist „AD“ und 32 Hexadezimalziffern, wie Twilios Konsole sie zeigt (Phone Numbers → Addresses).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 numbers need no bundle: this default is kept but not needed.</source>
        <translation>Nummern in %1 brauchen kein Bundle: diese Vorgabe bleibt gespeichert, wird aber nicht gebraucht.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/orgconsole_main.cpp" line="+87"/>
        <source>Approve organizations and provision their voice-AI setup.</source>
        <translation>Organisationen genehmigen und ihre Sprach-KI einrichten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: emulated Twilio, VAPI and SMTP in this process and a demo database; no credentials needed.</source>
        <translation>Demomodus: emuliertes Twilio, VAPI und SMTP in diesem Prozess und eine Demodatenbank; keine Zugangsdaten nötig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database URL (file path, sqlite:PATH, postgresql://…).</source>
        <translation>Datenbank-URL (Dateipfad, sqlite:PFAD, postgresql://…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox latency: multiplies the seed&apos;s timings (default 0.3, ~3 s a setup).</source>
        <translation>Sandbox-Latenz: Faktor für die Zeiten der Vorlage (Standard 0.3, ca. 3 s pro Einrichtung).</translation>
    </message>
</context>
<context>
    <name>oc::ApproveDialog</name>
    <message>
        <location filename="../../ui/approvedialog.cpp" line="+53"/>
        <source>Approve %L1 organizations</source>
        <translation>%L1 Organisationen genehmigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approve organization</source>
        <translation>Organisation genehmigen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Country:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+174"/>
        <source>Area code</source>
        <translation>Vorwahl</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+170"/>
        <location line="+4"/>
        <source>Any area code</source>
        <translation>Beliebige Vorwahl</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+161"/>
        <source>&amp;Area code:</source>
        <translation>&amp;Vorwahl:</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area code check</source>
        <translation>Prüfung der Vorwahl</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Regulatory compliance</source>
        <translation>Regulatorische Anforderungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the regulatory compliance again</source>
        <translation>Regulatorische Anforderungen erneut prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compliance:</source>
        <translation>Regulierung:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inbound assistant name</source>
        <translation>Name des Eingangsassistenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbound assistant name</source>
        <translation>Name des Ausgangsassistenten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Inbound assistant:</source>
        <translation>Eingangsassistent:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbound assistant:</source>
        <translation>Ausgangsassistent:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant names note</source>
        <translation>Hinweis zu den Assistentennamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown for the first organization; each one gets its own pair, named the same way.</source>
        <translation>Gezeigt für die erste Organisation; jede erhält ein eigenes, gleich benanntes Paar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Approve %L1</source>
        <translation>%L1 genehmigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Organizations to approve</source>
        <translation>Zu genehmigende Organisationen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Approve “%1”?</source>
        <translation>„%1“ genehmigen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approving buys a local phone number for this organization (billed monthly), creates its two voice assistants and e-mails the owner.</source>
        <translation>Die Genehmigung kauft eine Ortsrufnummer für diese Organisation (monatlich berechnet), erstellt ihre zwei Sprachassistenten und benachrichtigt den Inhaber per E-Mail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No organization selected</source>
        <translation>Keine Organisation ausgewählt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approve %L1 organizations?</source>
        <translation>%L1 Organisationen genehmigen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approving buys a local phone number for each organization (billed monthly), creates their voice assistants and e-mails their owners.</source>
        <translation>Die Genehmigung kauft für jede Organisation eine Ortsrufnummer (monatlich berechnet), erstellt ihre Sprachassistenten und benachrichtigt die Inhaber per E-Mail.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>… and %L1 more</source>
        <translation>… und %L1 weitere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Names of the organizations</source>
        <translation>Namen der Organisationen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner: %1</source>
        <translation>Inhaber: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What approving does</source>
        <translation>Was die Genehmigung bewirkt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Prefix or city:</source>
        <translation>&amp;Vorwahl oder Stadt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefix or city</source>
        <translation>Vorwahl oder Stadt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any prefix or city, such as 30 or Berlin</source>
        <translation>Jede Vorwahl oder Stadt, etwa 30 oder Berlin</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Checking what %1 requires…</source>
        <translation>Prüfe, was %1 verlangt …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 needs no regulatory bundle for local numbers.</source>
        <translation>%1 verlangt für Ortsnummern kein Regulatory Bundle.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (not among the approved bundles: Twilio decides)</source>
        <translation>%1 (nicht unter den genehmigten Bundles: Twilio entscheidet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2, approved %3)</source>
        <translation>%1 (%2, genehmigt am %3)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 requires an approved business bundle — %2 will be used.</source>
        <translation>%1 verlangt ein genehmigtes Bundle für Unternehmen — %2 wird verwendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 requires an approved business bundle — %2 and the address in %3 will be used.</source>
        <translation>%1 verlangt ein genehmigtes Bundle für Unternehmen — %2 und die Adresse in %3 werden verwendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No approved bundle for %1 — create one in Twilio&apos;s console (Regulatory Compliance), then press Refresh.</source>
        <translation>Kein genehmigtes Bundle für %1 — legen Sie eines in der Twilio-Konsole an (Regulatory Compliance) und klicken Sie dann auf „Aktualisieren“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No address in %1 on the Twilio account — add one in Twilio&apos;s console (Addresses), then press Refresh.</source>
        <translation>Keine Adresse in %1 im Twilio-Konto — legen Sie eine in der Twilio-Konsole an (Addresses) und klicken Sie dann auf „Aktualisieren“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not check what %1 requires: %2</source>
        <translation>Konnte nicht prüfen, was %1 verlangt: %2</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Select at least one organization to approve.</source>
        <translation>Wählen Sie mindestens eine Organisation zum Genehmigen aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a country from the list: type part of its name, its code (US) or its dial code (+44).</source>
        <translation>Wählen Sie ein Land aus der Liste: Geben Sie einen Teil des Namens, den Ländercode (US) oder die Ländervorwahl (+44) ein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Any area code: Twilio picks an available local number.</source>
        <translation>Beliebige Vorwahl: Twilio wählt eine verfügbare Ortsrufnummer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A local number starting %1.</source>
        <translation>Eine Ortsnummer, beginnend mit %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A local number starting %1 %2.</source>
        <translation>Eine Ortsnummer, beginnend mit %1 %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A local number in %1, starting %2 %3.</source>
        <translation>Eine Ortsnummer in %1, beginnend mit %2 %3.</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+12"/>
        <source>A local number in %1.</source>
        <translation>Eine Ortsrufnummer in %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A local number with area code %1.</source>
        <translation>Eine Ortsrufnummer mit der Vorwahl %1.</translation>
    </message>
</context>
<context>
    <name>oc::AssistantsEditor</name>
    <message>
        <location filename="../../ui/assistantseditor.cpp" line="+37"/>
        <source>Model provider</source>
        <translation>Modellanbieter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Voice provider</source>
        <translation>Stimmenanbieter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First message</source>
        <translation>Erste Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview organization</source>
        <translation>Vorschau-Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What changed</source>
        <translation>Was sich geändert hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dry run…</source>
        <translation>&amp;Probelauf…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roll &amp;back…</source>
        <translation>Zurück&amp;rollen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant template versions</source>
        <translation>Versionen der Assistentenvorlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the assistant is told before every call. {orgName} and {role} are replaced.</source>
        <translation>Was der Assistent vor jedem Anruf gesagt bekommt. {orgName} und {role} werden ersetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the assistant says first. {orgName} and {role} are replaced.</source>
        <translation>Was der Assistent zuerst sagt. {orgName} und {role} werden ersetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbound assistant</source>
        <translation>Eingangsassistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbound assistant</source>
        <translation>Ausgangsassistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview role</source>
        <translation>Vorschau-Rolle</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+229"/>
        <source>Acme Dental</source>
        <translation>Acme Dental</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>JSON preview</source>
        <translation>JSON-Vorschau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What changed (shown in the list)</source>
        <translation>Was sich geändert hat (in der Liste angezeigt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read every active setup&apos;s assistants and list what a rollout of the selected version would change; nothing is changed</source>
        <translation>Liest die Assistenten jeder aktiven Einrichtung und zeigt, was ein Rollout der gewählten Version ändern würde; nichts wird geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the version before the current one back on every active setup&apos;s assistants</source>
        <translation>Setzt die Version vor der aktuellen wieder auf die Assistenten jeder aktiven Einrichtung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model &amp;provider:</source>
        <translation>Modell&amp;anbieter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voice p&amp;rovider:</source>
        <translation>Stimmen&amp;anbieter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vo&amp;ice:</source>
        <translation>St&amp;imme:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;First message:</source>
        <translation>&amp;Erste Nachricht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System prompt:</source>
        <translation>&amp;Systemprompt:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What a new assistant gets (POST /assistant)</source>
        <translation>Was ein neuer Assistent bekommt (POST /assistant)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>for</source>
        <translation>für</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A rollout changes only these keys of each assistant: model (provider, model, the system message), voice (provider, voice), firstMessage and metadata.templateVersion; everything else is kept.</source>
        <translation>Ein Rollout ändert nur diese Schlüssel jedes Assistenten: model (Anbieter, Modell, die Systemnachricht), voice (Anbieter, Stimme), firstMessage und metadata.templateVersion; alles andere bleibt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Versions (★ the one new setups use):</source>
        <translation>Versionen (★ die, die neue Einrichtungen verwenden):</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved to the team database at once: the dialog&apos;s Save and Cancel do not apply here.</source>
        <translation>Sofort in der Team-Datenbank gespeichert: Speichern und Abbrechen des Dialogs gelten hier nicht.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard your changes to version %1?</source>
        <translation>Ihre Änderungen an Version %1 verwerfen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save them as a new version first to keep them.</source>
        <translation>Speichern Sie sie zuerst als neue Version, um sie zu behalten.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Reading the versions…</source>
        <translation>Versionen werden gelesen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not read the assistant templates: %1</source>
        <translation>Die Assistentenvorlagen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved by %1 on %2</source>
        <translation>Gespeichert von %1 am %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New setups use version %1.</source>
        <translation>Neue Einrichtungen verwenden Version %1.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>&amp;Save as version %1</source>
        <translation>Als Version %1 &amp;speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the template as version %1; nothing changes at VAPI until it is rolled out</source>
        <translation>Speichert die Vorlage als Version %1; bei VAPI ändert sich nichts, bis sie ausgerollt wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every field needs a value</source>
        <translation>Jedes Feld braucht einen Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>R&amp;oll out version %1…</source>
        <translation>Version %1 aus&amp;rollen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>R&amp;oll out…</source>
        <translation>Aus&amp;rollen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save your changes as a version first</source>
        <translation>Speichern Sie Ihre Änderungen zuerst als Version</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Update every active setup&apos;s assistants to version %1; it becomes the version new setups use</source>
        <translation>Aktualisiert die Assistenten jeder aktiven Einrichtung auf Version %1; sie wird die Version für neue Einrichtungen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Saved as version %1. Roll it out to update the existing assistants.</source>
        <translation>Als Version %1 gespeichert. Rollen Sie sie aus, um die bestehenden Assistenten zu aktualisieren.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+4"/>
        <source>Roll out</source>
        <translation>Ausrollen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Update the assistants of every active setup to version %1?</source>
        <translation>Die Assistenten jeder aktiven Einrichtung auf Version %1 aktualisieren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each assistant&apos;s model, system prompt, first message and voice are replaced; its other settings are kept. Version %1 becomes the one new setups use. Roll back puts the previous version back the same way.</source>
        <translation>Modell, Systemprompt, erste Nachricht und Stimme jedes Assistenten werden ersetzt; seine übrigen Einstellungen bleiben. Version %1 wird die Version für neue Einrichtungen. Zurückrollen setzt die vorige Version auf dieselbe Weise wieder ein.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+1"/>
        <source>Roll back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Put version %1 back on every active setup&apos;s assistants?</source>
        <translation>Version %1 wieder auf die Assistenten jeder aktiven Einrichtung setzen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1 becomes the one new setups use again.</source>
        <translation>Version %1 wird wieder die Version für neue Einrichtungen.</translation>
    </message>
</context>
<context>
    <name>oc::AuditExport</name>
    <message>
        <location filename="../../core/store/auditexport.cpp" line="+51"/>
        <source>Export canceled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not create %1: %2. Choose another folder.</source>
        <translation>%1 konnte nicht angelegt werden: %2. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+20"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Could not read the audit log: %1</source>
        <translation>Das Audit-Protokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>oc::AuditModel</name>
    <message>
        <location filename="../../ui/auditmodel.cpp" line="+176"/>
        <source>External ids: %1</source>
        <translation>Externe IDs: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>oc::AuditView</name>
    <message>
        <location filename="../../ui/auditview.cpp" line="+29"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search detail, run or external id</source>
        <translation>Details, Lauf oder externe ID suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the audit log</source>
        <translation>Audit-Protokoll durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action filter</source>
        <translation>Aktionsfilter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actor filter</source>
        <translation>Akteurfilter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organization id</source>
        <translation>Organisations-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organization id filter</source>
        <translation>Filter nach Organisations-ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the matching audit records as CSV</source>
        <translation>Die passenden Audit-Einträge als CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writes every record that matches the filter, not only those on screen.</source>
        <translation>Schreibt alle Einträge, die zum Filter passen, nicht nur die angezeigten.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Audit records</source>
        <translation>Audit-Einträge</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Audit log status</source>
        <translation>Status des Audit-Protokolls</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not read the audit log: %1. Check the database connection, then refresh (F5).</source>
        <translation>Das Audit-Protokoll konnte nicht gelesen werden: %1. Prüfen Sie die Datenbankverbindung und aktualisieren Sie dann (F5).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No audit records match the filter.</source>
        <translation>Keine Audit-Einträge passen zum Filter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 record</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 records</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest %1 records shown; scroll down for older ones.</source>
        <translation>Die neuesten %1 Einträge werden angezeigt; scrollen Sie nach unten für ältere.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export audit log</source>
        <translation>Audit-Protokoll exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Exporting…</source>
        <translation>Exportiere…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting… %1 records written</source>
        <translation>Exportiere… geschriebene Einträge: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported %1 records to %2</source>
        <translation>Einträge nach %2 exportiert: %1</translation>
    </message>
</context>
<context>
    <name>oc::CleanupRecipe</name>
    <message>
        <location filename="../../core/provisioning/cleanupsteps.cpp" line="+136"/>
        <source>Delete the VAPI phone number</source>
        <translation>VAPI-Telefonnummer löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the inbound assistant</source>
        <translation>Eingangsassistenten löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the outbound assistant</source>
        <translation>Ausgangsassistenten löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release the phone number</source>
        <translation>Telefonnummer freigeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the AI configuration</source>
        <translation>KI-Konfiguration löschen</translation>
    </message>
</context>
<context>
    <name>oc::ConfigurationCheckView</name>
    <message>
        <location filename="../../ui/configurationcheckview.cpp" line="+16"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VAPI</source>
        <translation>VAPI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMTP</source>
        <translation>SMTP</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Configuration test results</source>
        <translation>Ergebnisse des Konfigurationstests</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Testing the configuration</source>
        <translation>Konfiguration wird getestet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Testing the configuration: database, Twilio, VAPI and SMTP…</source>
        <translation>Konfiguration wird getestet: Datenbank, Twilio, VAPI und SMTP…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The test could not run: %1</source>
        <translation>Der Test konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test reported no checks.</source>
        <translation>Der Test hat keine Prüfungen gemeldet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The check passed.</source>
        <translation>Die Prüfung war erfolgreich.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All %1 checks passed.</source>
        <translation>Alle %1 Prüfungen waren erfolgreich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The check failed. Fix the settings and test again.</source>
        <translation>Die Prüfung ist fehlgeschlagen. Korrigieren Sie die Einstellungen und testen Sie erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 checks failed. Fix the settings below and test again.</source>
        <translation>%1 von %2 Prüfungen sind fehlgeschlagen. Korrigieren Sie die Einstellungen unten und testen Sie erneut.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>oc::ConsoleApp</name>
    <message>
        <location filename="../../app/gui/consoleapp.cpp" line="+125"/>
        <source>the Twilio account SID</source>
        <translation>die Twilio-Konto-SID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the Twilio auth token</source>
        <translation>das Twilio-Auth-Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the VAPI private API key</source>
        <translation>der private VAPI-API-Schlüssel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is missing</source>
        <translation>Es fehlt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 are missing</source>
        <translation>Es fehlen: %1</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1

Check the database setting or start with --sandbox for the demo.</source>
        <translation>%1

Prüfen Sie die Datenbankeinstellung oder starten Sie mit --sandbox für die Demo.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The sandbox could not start: %1</source>
        <translation>Die Sandbox konnte nicht gestartet werden: %1</translation>
    </message>
</context>
<context>
    <name>oc::ConsoleEngine</name>
    <message>
        <location filename="../../core/console/consoleengine.cpp" line="+153"/>
        <location line="+461"/>
        <location filename="../../ui/runsview.cpp" line="+87"/>
        <source>this console</source>
        <translation>diese Konsole</translation>
    </message>
    <message>
        <location line="-404"/>
        <source>%1 %2 in %3 (any area code)</source>
        <translation>%1: %2, Land %3 (beliebige Vorwahl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 in %3, area code %4</source>
        <translation>%1: %2, Land %3, Vorwahl %4</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>E-mail the owner</source>
        <translation>Inhaber per E-Mail benachrichtigen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancel requested: the process that runs it stops and undoes what it did</source>
        <translation>Abbruch angefordert: Der Prozess, der den Lauf ausführt, hält an und macht rückgängig, was er getan hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel could not be requested: the run has ended or the database refused it</source>
        <translation>Abbruch konnte nicht angefordert werden: Der Lauf ist beendet oder die Datenbank hat es abgelehnt</translation>
    </message>
    <message>
        <location filename="../../core/console/enginebackend.cpp" line="+406"/>
        <source>organization %1</source>
        <translation>Organisation %1</translation>
    </message>
    <message>
        <location filename="../../core/console/consoleengine.cpp" line="+346"/>
        <source>Claimed from the queue (queued by %1)</source>
        <translation>Aus der Warteschlange übernommen (eingereiht von %1)</translation>
    </message>
</context>
<context>
    <name>oc::CostsView</name>
    <message>
        <location filename="../../ui/costsview.cpp" line="+50"/>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VAPI phone number</source>
        <translation>VAPI-Telefonnummer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Costs</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each organization&apos;s setup costs this month: its number&apos;s monthly price (Twilio&apos;s price list, kept for a day) and the VAPI calls of its two assistants. Only reads.</source>
        <translation>Was die Einrichtung jeder Organisation diesen Monat kostet: der Monatspreis ihrer Nummer (Twilios Preisliste, einen Tag lang vorgehalten) und die VAPI-Anrufe ihrer beiden Assistenten. Liest nur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Month:</source>
        <translation>&amp;Monat:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh the costs</source>
        <translation>Kosten aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the costs as CSV</source>
        <translation>Die Kosten als CSV exportieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading costs</source>
        <translation>Kosten werden geladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not loaded yet.</source>
        <translation>Noch nicht geladen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Number $/month</source>
        <translation>Nummer $/Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls $ this month</source>
        <translation>Anrufe $ diesen Monat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Costs by organization</source>
        <translation>Kosten nach Organisation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orphan</source>
        <translation>Verwaist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Monthly cost</source>
        <translation>Monatliche Kosten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orphans and their cost</source>
        <translation>Verwaiste Ressourcen und ihre Kosten</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Reading prices from Twilio and calls from VAPI…</source>
        <translation>Preise werden von Twilio und Anrufe von VAPI gelesen…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The costs could not be read: %1</source>
        <translation>Die Kosten konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n Anruf</numerusform>
            <numerusform>%n Anrufe</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The calls could not be listed: %1</source>
        <translation>Die Anrufe konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Totals: %n organization(s) · numbers %1 · calls %2 · together %3</source>
        <translation>
            <numerusform>Summen: %n Organisation · Nummern %1 · Anrufe %2 · zusammen %3</numerusform>
            <numerusform>Summen: %n Organisationen · Nummern %1 · Anrufe %2 · zusammen %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No orphans.</source>
        <translation>Keine verwaisten Ressourcen.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n orphan(s), %1 a month — release them in the Orphans tab.</source>
        <translation>
            <numerusform>%n verwaiste Ressource, %1 im Monat — geben Sie sie im Tab „Verwaiste Ressourcen“ frei.</numerusform>
            <numerusform>%n verwaiste Ressourcen, %1 im Monat — geben Sie sie im Tab „Verwaiste Ressourcen“ frei.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 in all.</source>
        <translation>%1: %2 insgesamt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export costs</source>
        <translation>Kosten exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to %1.</source>
        <translation>Exportiert nach %1.</translation>
    </message>
</context>
<context>
    <name>oc::CountryPicker</name>
    <message>
        <location filename="../../ui/countrypicker.cpp" line="+29"/>
        <source>Country name, code or dial code</source>
        <translation>Land, Ländercode oder Ländervorwahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type part of a country&apos;s name, its code (US) or its dial code (+1).</source>
        <translation>Geben Sie einen Teil des Ländernamens, den Ländercode (US) oder die Ländervorwahl (+1) ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>oc::DashboardView</name>
    <message>
        <location filename="../../ui/dashboardview.cpp" line="+29"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provisioning</source>
        <translation>In Bereitstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No AI setup</source>
        <translation>Ohne KI-Einrichtung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>≥ %1 s</source>
        <translation>≥ %1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt; %1 s</source>
        <translation>&lt; %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search number</source>
        <translation>Nummer suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buy number</source>
        <translation>Nummer kaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbound assistant</source>
        <translation>Eingangsassistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbound assistant</source>
        <translation>Ausgangsassistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register number</source>
        <translation>Nummer registrieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove duplicates</source>
        <translation>Duplikate entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove duplicate registrations</source>
        <translation>Doppelte Registrierungen entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send e-mail</source>
        <translation>E-Mail senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before any step</source>
        <translation>Vor dem ersten Schritt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Organizations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Setup success rate</source>
        <translation>Erfolgsquote der Einrichtungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live runs</source>
        <translation>Laufende Vorgänge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median setup time</source>
        <translation>Mittlere Einrichtungsdauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assistants behind</source>
        <translation>Assistenten im Rückstand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Monthly number spend</source>
        <translation>Monatliche Nummernkosten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed setups by step</source>
        <translation>Fehlgeschlagene Einrichtungen nach Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setup time of successful setups</source>
        <translation>Dauer erfolgreicher Einrichtungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh the dashboard</source>
        <translation>Dashboard aktualisieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AI setups</source>
        <translation>KI-Einrichtungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dashboard error</source>
        <translation>Dashboard-Fehler</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No setup has failed.</source>
        <translation>Keine Einrichtung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No setup has succeeded yet.</source>
        <translation>Noch keine Einrichtung war erfolgreich.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 of organizations</source>
        <translation>%1 der Organisationen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no organizations yet</source>
        <translation>noch keine Organisationen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 new in the last 7 days</source>
        <translation>%1 neu in den letzten 7 Tagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 finished setups succeeded</source>
        <translation>%1 von %2 abgeschlossenen erfolgreich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No setup has finished yet</source>
        <translation>Noch keine Einrichtung abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 running · %2 rolling back</source>
        <translation>%1 laufend · %2 beim Zurückrollen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>95 % within %1 · %2 setups timed</source>
        <translation>95 % in höchstens %1 · gemessen: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No setup has succeeded yet</source>
        <translation>Noch keine Einrichtung erfolgreich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>active setups not at version %1 — roll it out in Settings → Assistants</source>
        <translation>aktive Einrichtungen nicht auf Version %1 — in Einstellungen → Assistenten ausrollen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every active setup is at version %1</source>
        <translation>jede aktive Einrichtung ist auf Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no assistant template version yet</source>
        <translation>noch keine Version der Assistentenvorlage</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 failed setups: %2 rolled back, %3 need attention, %4 canceled</source>
        <translation>Fehlgeschlagen: %1 · zurückgerollt: %2 · brauchen Aufmerksamkeit: %3 · abgebrochen: %4</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Median %1 · 95th percentile %2 · measured to the saved configuration</source>
        <translation>Median %1 · 95. Perzentil %2 · gemessen bis zur gespeicherten Konfiguration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read in %1 ms</source>
        <translation>Gelesen in %1 ms</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no active numbers</source>
        <translation>keine aktiven Nummern</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>number prices are not available</source>
        <translation>Nummernpreise sind nicht verfügbar</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>loading prices for %n number(s)…</source>
        <translation>
            <numerusform>Preise für %n Nummer werden geladen…</numerusform>
            <numerusform>Preise für %n Nummern werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no price known for these numbers</source>
        <translation>für diese Nummern ist kein Preis bekannt</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 active numbers in %n country(ies)</source>
        <translation>
            <numerusform>%1 aktive Nummern in %n Land</numerusform>
            <numerusform>%1 aktive Nummern in %n Ländern</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 active numbers; no price yet for %2</source>
        <translation>%1 aktive Nummern; noch kein Preis für %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not read the dashboard: %1. The numbers shown may be out of date; it tries again on its own — check the database connection if this persists.</source>
        <translation>Das Dashboard konnte nicht gelesen werden: %1. Die angezeigten Zahlen sind möglicherweise veraltet; es wird automatisch erneut versucht — prüfen Sie die Datenbankverbindung, falls der Fehler bestehen bleibt.</translation>
    </message>
</context>
<context>
    <name>oc::EmailPreviewBrowser</name>
    <message>
        <location filename="../../ui/emailpreviewbrowser.cpp" line="+16"/>
        <source>image: %1</source>
        <translation>Bild: %1</translation>
    </message>
</context>
<context>
    <name>oc::EmailPreviewPanel</name>
    <message>
        <location filename="../../ui/emailpreviewpanel.cpp" line="+40"/>
        <source>The e-mail could not be rendered: %1</source>
        <translation>Die E-Mail konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>E-mail to preview</source>
        <translation>E-Mail für die Vorschau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval e-mail</source>
        <translation>Genehmigungs-E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure e-mail</source>
        <translation>Fehler-E-Mail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Formatted e-mail preview</source>
        <translation>Formatierte E-Mail-Vorschau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plain-text e-mail preview</source>
        <translation>E-Mail-Vorschau als reiner Text</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Formatted</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample organization. Images are not loaded in the preview; owners see your logo.</source>
        <translation>Beispielorganisation. Bilder werden in der Vorschau nicht geladen; Inhaber sehen Ihr Logo.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
</context>
<context>
    <name>oc::EnvironmentSecretStore</name>
    <message>
        <location filename="../../core/secrets/environmentsecretstore.cpp" line="+69"/>
        <source>environment</source>
        <comment>where secrets are kept: the process environment</comment>
        <translation>Umgebungsvariablen</translation>
    </message>
</context>
<context>
    <name>oc::KeychainSecretStore</name>
    <message>
        <location filename="../../core/secrets/keychainsecretstore.cpp" line="+89"/>
        <source>system keychain</source>
        <comment>where secrets are kept: &quot;Secrets are kept in the system keychain&quot;</comment>
        <translation>Schlüsselbund des Systems</translation>
    </message>
</context>
<context>
    <name>oc::LiveRun</name>
    <message>
        <location filename="../../core/console/liverun.cpp" line="+22"/>
        <source>Approve</source>
        <translation>Genehmigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean up</source>
        <translation>Bereinigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend e-mail</source>
        <translation>E-Mail-Neuversand</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed — rolled back</source>
        <translation>Fehlgeschlagen — zurückgerollt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled — rolled back</source>
        <translation>Abgebrochen — zurückgerollt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pending</source>
        <comment>step state in the run log</comment>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <comment>step state in the run log</comment>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>succeeded</source>
        <comment>step state in the run log</comment>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <comment>step state in the run log</comment>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <comment>step state in the run log</comment>
        <translation>übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>canceled</source>
        <comment>step state in the run log</comment>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>compensating</source>
        <comment>step state in the run log: being undone</comment>
        <translation>wird rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>compensated</source>
        <comment>step state in the run log: undone</comment>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>compensation failed</source>
        <comment>step state in the run log: undo failed</comment>
        <translation>Rückgängigmachen fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>%1: %2</source>
        <comment>run log: step title: state</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (attempt %1)</source>
        <translation> (Versuch %1)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancel requested: stopping and rolling back what was created.</source>
        <translation>Abbruch angefordert: Der Lauf wird angehalten und bereits Erstelltes zurückgerollt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 finished successfully.</source>
        <translation>%1 erfolgreich abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>oc::MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="+380"/>
        <source>OrgConsole</source>
        <translation>OrgConsole</translation>
    </message>
    <message>
        <location line="-315"/>
        <source>&amp;Organizations</source>
        <translation>&amp;Organisationen</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dashboard</source>
        <translation>Dash&amp;board</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or&amp;phans</source>
        <translation>&amp;Verwaiste Ressourcen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Costs</source>
        <translation>&amp;Kosten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;udit log</source>
        <translation>A&amp;udit-Protokoll</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Out&amp;box</source>
        <translation>&amp;Postausgang</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The e-mails the sandbox&apos;s SMTP server received</source>
        <translation>Die E-Mails, die der SMTP-Server der Sandbox empfangen hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out&amp;box (%1)</source>
        <translation>&amp;Postausgang (%1)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Provisioning is not configured: %1</source>
        <translation>Die Einrichtung ist nicht konfiguriert: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sandbox · %1</source>
        <translation>Sandbox · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 organization</source>
        <translation>1 Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>%L1 organizations</source>
        <translation>%L1 Organisationen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Counting organizations…</source>
        <translation>Organisationen werden gezählt…</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+149"/>
        <source>Provisioning is not configured: %1. Open Settings to set it up.</source>
        <translation>Die Einrichtung ist nicht konfiguriert: %1. Öffnen Sie die Einstellungen, um sie einzurichten.</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Provisioning is not configured — %1. The organizations can be browsed; approving, retrying and cleaning up need the vendors&apos; credentials.</source>
        <translation>Die Einrichtung ist nicht konfiguriert — %1. Die Organisationen lassen sich ansehen; Freigeben, Wiederholen und Aufräumen brauchen die Zugangsdaten der Anbieter.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Assistants…</source>
        <translation>&amp;Assistenten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the assistants&apos; template, roll a version out or back</source>
        <translation>Die Vorlage der Assistenten bearbeiten, eine Version aus- oder zurückrollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Or&amp;ganization</source>
        <translation>Or&amp;ganisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+87"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Genehmigen…</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Verify the selected organizations and set up their phone number and assistants</source>
        <translation>Die ausgewählten Organisationen verifizieren und ihre Telefonnummer und Assistenten einrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Retry setup…</source>
        <translation>Einrichtung &amp;wiederholen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Clean up…</source>
        <translation>&amp;Bereinigen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resend &amp;e-mail</source>
        <translation>&amp;E-Mail erneut senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View runs</source>
        <translation>&amp;Läufe anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About OrgConsole</source>
        <translation>&amp;Über OrgConsole</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About OrgConsole</source>
        <translation>Über OrgConsole</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;OrgConsole %1&lt;/b&gt;&lt;p&gt;Approve organizations and provision their voice-AI setup: a Twilio number, two VAPI assistants, the number registered with VAPI, the configuration saved, the owner e-mailed — journaled so nothing paid is leaked.&lt;/p&gt;</source>
        <translation>&lt;b&gt;OrgConsole %1&lt;/b&gt;&lt;p&gt;Organisationen genehmigen und ihre Sprach-KI einrichten: eine Twilio-Nummer, zwei VAPI-Assistenten, die Nummer bei VAPI registriert, die Konfiguration gespeichert, der Inhaber per E-Mail benachrichtigt — protokolliert, damit nichts Bezahltes verloren geht.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;Approve %1 organizations…</source>
        <translation>%1 Organisationen &amp;genehmigen…</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n run(s) in progress</source>
        <translation>
            <numerusform>%n Lauf aktiv</numerusform>
            <numerusform>%n Läufe aktiv</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: %2 finished</source>
        <translation>%1: %2 abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, number %1</source>
        <translation>, Nummer %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+25"/>
        <source>Assistants</source>
        <translation>Assistenten</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Settings saved: the next setup uses them.</source>
        <translation>Einstellungen gespeichert: Die nächste Einrichtung verwendet sie.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Checking for runs an earlier session left unfinished…</source>
        <translation>Suche nach Läufen, die eine frühere Sitzung nicht beendet hat…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not recover unfinished runs: %1. They will be retried at the next start.</source>
        <translation>Unbeendete Läufe konnten nicht wiederhergestellt werden: %1. Beim nächsten Start wird es erneut versucht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Recovered %n unfinished run(s) from an earlier session.</source>
        <translation>
            <numerusform>%n unbeendeter Lauf aus einer früheren Sitzung wiederhergestellt.</numerusform>
            <numerusform>%n unbeendete Läufe aus einer früheren Sitzung wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n run(s) are still held by another console.</source>
        <translation>
            <numerusform>%n Lauf wird noch von einer anderen Konsole gehalten.</numerusform>
            <numerusform>%n Läufe werden noch von einer anderen Konsole gehalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>oc::MemorySecretStore</name>
    <message>
        <location filename="../../core/secrets/memorysecretstore.cpp" line="+44"/>
        <source>memory (tests only)</source>
        <comment>where secrets are kept</comment>
        <translation>Arbeitsspeicher (nur für Tests)</translation>
    </message>
</context>
<context>
    <name>oc::OrganizationsModel</name>
    <message>
        <location filename="../../ui/organizationsmodel.cpp" line="+248"/>
        <source>Its assistants have template version %1</source>
        <translation>Ihre Assistenten haben Vorlagenversion %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its assistants were made before template versions (version 1)</source>
        <translation>Ihre Assistenten entstanden vor den Vorlagenversionen (Version 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>v1</source>
        <translation>v1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI setup</source>
        <translation>KI-Einrichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/organizationsview.cpp" line="+64"/>
        <source>Assistants</source>
        <translation>Assistenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
</context>
<context>
    <name>oc::OrganizationsView</name>
    <message>
        <location filename="../../ui/organizationsview.cpp" line="-36"/>
        <source>Organizations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Search company, owner or e-mail  (Ctrl+F)</source>
        <translation>Firma, Inhaber oder E-Mail suchen  (Strg+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search organizations</source>
        <translation>Organisationen durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Status:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>oc::OrphansView</name>
    <message>
        <location filename="../../ui/orphansview.cpp" line="+24"/>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VAPI phone number</source>
        <translation>VAPI-Telefonnummer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resources at Twilio and VAPI that carry OrgConsole&apos;s tags but belong to no configuration and no running setup — left by a crash or a failed undo. Scanning only reads; nothing is released until you confirm.</source>
        <translation>Ressourcen bei Twilio und VAPI, die die Tags von OrgConsole tragen, aber zu keiner Konfiguration und keiner laufenden Einrichtung gehören — Überbleibsel eines Absturzes oder eines fehlgeschlagenen Rückgängigmachens. Die Suche liest nur; nichts wird freigegeben, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Scan for orphans</source>
        <translation>Nach verwaisten Ressourcen such&amp;en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan for orphans</source>
        <translation>Nach verwaisten Ressourcen suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Release all…</source>
        <translation>Alle &amp;freigeben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release all orphans</source>
        <translation>Alle verwaisten Ressourcen freigeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sweep in progress</source>
        <translation>Suche läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not scanned yet.</source>
        <translation>Noch nicht gesucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Monthly cost</source>
        <translation>Monatliche Kosten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orphans</source>
        <translation>Verwaiste Ressourcen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Listing numbers and assistants at Twilio and VAPI…</source>
        <translation>Nummern und Assistenten bei Twilio und VAPI werden aufgelistet…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Release orphans</source>
        <translation>Verwaiste Ressourcen freigeben</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Release and delete these %n resource(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Diese %n Ressource freigeben und löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Diese %n Ressourcen freigeben und löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves about %1 a month.</source>
        <translation>Spart etwa %1 im Monat.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Release %n</source>
        <translation>
            <numerusform>%n freigeben</numerusform>
            <numerusform>%n freigeben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Releasing…</source>
        <translation>Wird freigegeben…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source> (released)</source>
        <translation> (freigegeben)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sweep failed: %1. Check the configuration (Settings → Test configuration) and scan again.</source>
        <translation>Die Suche ist fehlgeschlagen: %1. Prüfen Sie die Konfiguration (Einstellungen → Konfiguration testen) und suchen Sie erneut.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Released %n resource(s). Nothing is left over.</source>
        <translation>
            <numerusform>%n Ressource freigegeben. Nichts ist übrig geblieben.</numerusform>
            <numerusform>%n Ressourcen freigegeben. Nichts ist übrig geblieben.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released %1; %2 could not be released — scan again to retry.</source>
        <translation>Freigegeben: %1; nicht freigegeben: %2 — suchen Sie erneut, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No orphans: every tagged number and assistant belongs to a configuration or a running setup.</source>
        <translation>Keine verwaisten Ressourcen: Jede markierte Nummer und jeder markierte Assistent gehört zu einer Konfiguration oder einer laufenden Einrichtung.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n orphan(s), about %1 a month.</source>
        <translation>
            <numerusform>%n verwaiste Ressource, etwa %1 im Monat.</numerusform>
            <numerusform>%n verwaiste Ressourcen, etwa %1 im Monat.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>oc::OutboxModel</name>
    <message>
        <location filename="../../ui/outboxmodel.cpp" line="+76"/>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
</context>
<context>
    <name>oc::OutboxView</name>
    <message>
        <location filename="../../ui/outboxview.cpp" line="+50"/>
        <source>E-mails sent in sandbox mode are kept here and never delivered.</source>
        <translation>Im Sandbox-Modus gesendete E-Mails werden hier aufbewahrt und nie zugestellt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent e-mails</source>
        <translation>Gesendete E-Mails</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received:</source>
        <translation>Empfangen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Formatted e-mail</source>
        <translation>Formatierte E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain-text e-mail</source>
        <translation>E-Mail als reiner Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail headers</source>
        <translation>E-Mail-Kopfzeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail source</source>
        <translation>E-Mail-Quelltext</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Formatted</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers</source>
        <translation>Kopfzeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>1 e-mail</source>
        <translation>1 E-Mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%L1 e-mails</source>
        <translation>%L1 E-Mails</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No e-mails yet. Approve an organization in the sandbox and the owner&apos;s e-mail appears here.</source>
        <translation>Noch keine E-Mails. Genehmigen Sie eine Organisation in der Sandbox, dann erscheint hier die E-Mail an den Inhaber.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an e-mail to read it.</source>
        <translation>Wählen Sie eine E-Mail aus, um sie zu lesen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
</context>
<context>
    <name>oc::ProvisioningActions</name>
    <message>
        <location filename="../../ui/provisioningactions.cpp" line="+46"/>
        <source>Retry setup</source>
        <translation>Einrichtung wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n setup(s) queued: this console sets up %1 at once, workers help.</source>
        <translation>
            <numerusform>%n Einrichtung eingereiht: Diese Konsole richtet %1 gleichzeitig ein, Worker helfen mit.</numerusform>
            <numerusform>%n Einrichtungen eingereiht: Diese Konsole richtet %1 gleichzeitig ein, Worker helfen mit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n setup(s) queued for the workers (this console does not set queued approvals up: Settings → Defaults → Team).</source>
        <translation>
            <numerusform>%n Einrichtung für die Worker eingereiht (diese Konsole richtet eingereihte Genehmigungen nicht ein: Einstellungen → Standardwerte → Team).</numerusform>
            <numerusform>%n Einrichtungen für die Worker eingereiht (diese Konsole richtet eingereihte Genehmigungen nicht ein: Einstellungen → Standardwerte → Team).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n could not be queued: %1</source>
        <translation>
            <numerusform>%n konnte nicht eingereiht werden: %1</numerusform>
            <numerusform>%n konnten nicht eingereiht werden: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n organization(s) already have a setup in progress; they were left alone.</source>
        <translation>
            <numerusform>Für %n Organisation läuft bereits eine Einrichtung; sie wurde nicht verändert.</numerusform>
            <numerusform>Für %n Organisationen läuft bereits eine Einrichtung; sie wurden nicht verändert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 already has a setup in progress.</source>
        <translation>Für %1 läuft bereits eine Einrichtung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has a setup in progress: cancel it first.</source>
        <translation>Für %1 läuft eine Einrichtung: Brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>• Release phone number %1 (%2)</source>
        <translation>• Telefonnummer %1 (%2) freigeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Delete its VAPI registration %1</source>
        <translation>• Ihre VAPI-Registrierung %1 löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Delete the inbound assistant %1</source>
        <translation>• Eingangsassistenten %1 löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Delete the outbound assistant %1</source>
        <translation>• Ausgangsassistenten %1 löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>• Delete the AI configuration (kept if anything above cannot be removed)</source>
        <translation>• KI-Konfiguration löschen (bleibt erhalten, falls oben etwas nicht entfernt werden kann)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Anything a failed run left at Twilio or VAPI, found by its tags</source>
        <translation>• Alles, was ein fehlgeschlagener Lauf bei Twilio oder VAPI hinterlassen hat, anhand seiner Tags gefunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clean up %1</source>
        <translation>%1 bereinigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean up the AI setup of %1?</source>
        <translation>Die KI-Einrichtung von %1 bereinigen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A released number cannot be bought back. The organization stays verified.</source>
        <translation>Eine freigegebene Nummer kann nicht zurückgekauft werden. Die Organisation bleibt verifiziert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean up</source>
        <translation>Bereinigung</translation>
    </message>
</context>
<context>
    <name>oc::ProvisioningRecipe</name>
    <message>
        <location filename="../../core/provisioning/provisioningrecipe.cpp" line="+40"/>
        <source>Search for a phone number</source>
        <translation>Telefonnummer suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Buy the phone number</source>
        <translation>Telefonnummer kaufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create the inbound assistant</source>
        <translation>Eingangsassistenten erstellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the outbound assistant</source>
        <translation>Ausgangsassistenten erstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Register the number with VAPI</source>
        <translation>Nummer bei VAPI registrieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the AI configuration</source>
        <translation>KI-Konfiguration speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove duplicate assistants</source>
        <translation>Doppelte Assistenten entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove duplicate VAPI registrations</source>
        <translation>Doppelte VAPI-Registrierungen entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail the owner</source>
        <translation>Inhaber per E-Mail benachrichtigen</translation>
    </message>
</context>
<context>
    <name>oc::ResendEmailOperation</name>
    <message>
        <location filename="../../core/provisioning/resendemailoperation.cpp" line="+27"/>
        <source>No SMTP server is configured: set one in Settings, then resend.</source>
        <translation>Es ist kein SMTP-Server konfiguriert: Legen Sie einen in den Einstellungen fest und senden Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no completed AI setup: approve it first.</source>
        <translation>%1 hat keine abgeschlossene KI-Einrichtung: Genehmigen Sie die Organisation zuerst.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Approval e-mail sent to %1</source>
        <translation>Genehmigungs-E-Mail an %1 gesendet</translation>
    </message>
</context>
<context>
    <name>oc::RolloutDialog</name>
    <message>
        <location filename="../../ui/rolloutdialog.cpp" line="+24"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already there</source>
        <translation>Bereits aktuell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Would change</source>
        <translation>Würde sich ändern</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>inbound</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outbound</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to change</source>
        <translation>nichts zu ändern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>version %1 → %2</source>
        <translation>Version %1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already at version %1</source>
        <translation>bereits auf Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceled: what it had changed was put back</source>
        <translation>abgebrochen: was geändert war, wurde zurückgesetzt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>needs attention: %1 — see its run in Runs</source>
        <translation>braucht Aufmerksamkeit: %1 — siehe den Lauf unter Läufe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel rollout</source>
        <translation>Rollout abbrechen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organizations in this rollout</source>
        <translation>Organisationen in diesem Rollout</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rollout progress</source>
        <translation>Rollout-Fortschritt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Finding the organizations…</source>
        <translation>Organisationen werden gesucht…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop: organizations not finished yet get back what they had</source>
        <translation>Anhalten: noch nicht fertige Organisationen bekommen zurück, was sie hatten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Canceling: what was changed of organizations not finished yet is put back…</source>
        <translation>Wird abgebrochen: was bei noch nicht fertigen Organisationen geändert wurde, wird zurückgesetzt…</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+64"/>
        <source>Nothing was rolled out: %1</source>
        <translation>Nichts wurde ausgerollt: %1</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Assistant rollout</source>
        <translation>Assistenten-Rollout</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dry run of assistant version %1</source>
        <translation>Probelauf der Assistentenversion %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dry run of the rollback</source>
        <translation>Probelauf des Zurückrollens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolling the assistants back to version %1</source>
        <translation>Assistenten werden auf Version %1 zurückgerollt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rolling the assistants back</source>
        <translation>Assistenten werden zurückgerollt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolling out assistant version %1</source>
        <translation>Assistentenversion %1 wird ausgerollt</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n organization(s) to update…</source>
        <translation>
            <numerusform>%n Organisation zu aktualisieren…</numerusform>
            <numerusform>%n Organisationen zu aktualisieren…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No organization has an active setup.</source>
        <translation>Keine Organisation hat eine aktive Einrichtung.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 of %2 done…</source>
        <translation>%1 von %2 erledigt…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dry run: %1 organization(s) would change, %2 are already at version %3, %4 could not be read. Nothing was changed.</source>
        <translation>Probelauf: %1 Organisation(en) würden sich ändern, %2 sind bereits auf Version %3, %4 konnten nicht gelesen werden. Nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version %1: %2 updated, %3 already there, %4 failed, %5 canceled.</source>
        <translation>Version %1: %2 aktualisiert, %3 bereits aktuell, %4 fehlgeschlagen, %5 abgebrochen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The failed ones kept their assistants as they were: fix the cause and roll out again — organizations already at the version are left alone.</source>
        <translation>Die fehlgeschlagenen behielten ihre Assistenten unverändert: beheben Sie die Ursache und rollen Sie erneut aus — Organisationen, die die Version schon haben, bleiben unberührt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New setups use version %1.</source>
        <translation>Neue Einrichtungen verwenden Version %1.</translation>
    </message>
</context>
<context>
    <name>oc::RolloutRecipe</name>
    <message>
        <location filename="../../core/provisioning/rolloutsteps.cpp" line="+58"/>
        <source>Read the inbound assistant</source>
        <translation>Den eingehenden Assistenten lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the outbound assistant</source>
        <translation>Den ausgehenden Assistenten lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update the inbound assistant</source>
        <translation>Den eingehenden Assistenten aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update the outbound assistant</source>
        <translation>Den ausgehenden Assistenten aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record the template version</source>
        <translation>Die Vorlagenversion festhalten</translation>
    </message>
</context>
<context>
    <name>oc::RunsModel</name>
    <message>
        <location filename="../../ui/runsmodel.cpp" line="+17"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+102"/>
        <location line="+1"/>
        <location filename="../../ui/runsview.cpp" line="-8"/>
        <source>Canceling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../../ui/runsview.cpp" line="+0"/>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/runsview.cpp" line="+1"/>
        <source>%1 of %2 steps</source>
        <translation>%1 von %2 Schritten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for a worker</source>
        <translation>wartet auf einen Worker</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>oc::RunsView</name>
    <message>
        <location filename="../../ui/runsview.cpp" line="-28"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Queue: —</source>
        <translation>Warteschlange: —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 on %2 (%3): %4 of %5 running, heartbeat %6 s ago</source>
        <translation>%1 auf %2 (%3): %4 von %5 laufen, Lebenszeichen vor %6 s</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n eingereiht</numerusform>
            <numerusform>%n eingereiht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n worker(s) alive</source>
        <translation>
            <numerusform>%n Worker aktiv</numerusform>
            <numerusform>%n Worker aktiv</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, %1 of %2 running</source>
        <translation>, %1 von %2 laufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No worker or console is setting up queued approvals: start orgctl worker, or set Settings → Defaults → Team</source>
        <translation>Kein Worker und keine Konsole richtet eingereihte Genehmigungen ein: Starten Sie orgctl worker oder stellen Sie es unter Einstellungen → Standardwerte → Team ein</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Overall progress</source>
        <translation>Gesamtfortschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%v of %m steps</source>
        <translation>%v von %m Schritten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Steps of the selected run</source>
        <translation>Schritte des ausgewählten Laufs</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Run log</source>
        <translation>Laufprotokoll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happens in the selected run is logged here, with timestamps.</source>
        <translation>Was im ausgewählten Lauf geschieht, wird hier mit Zeitstempeln protokolliert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Cancel run</source>
        <translation>Lauf abb&amp;rechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop this run and remove what it created so far</source>
        <translation>Diesen Lauf anhalten und entfernen, was er bisher erstellt hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Retry…</source>
        <translation>&amp;Wiederholen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean up what the failed run left and set up again</source>
        <translation>Bereinigen, was der fehlgeschlagene Lauf hinterlassen hat, und neu einrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lean up…</source>
        <translation>Berei&amp;nigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release the number, delete the assistants and the configuration</source>
        <translation>Die Nummer freigeben, die Assistenten und die Konfiguration löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend &amp;e-mail</source>
        <translation>&amp;E-Mail erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the approval e-mail to the owner again</source>
        <translation>Die Genehmigungs-E-Mail erneut an den Inhaber senden</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>No runs yet</source>
        <translation>Noch keine Läufe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a run</source>
        <translation>Wählen Sie einen Lauf aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve an organization (Organizations tab, Ctrl+Return) and its setup appears here, step by step.</source>
        <translation>Genehmigen Sie eine Organisation (Registerkarte „Organisationen“, Strg+Eingabe), dann erscheint ihre Einrichtung hier Schritt für Schritt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Canceling: removing what was created so far…</source>
        <translation>Wird abgebrochen: Bisher Erstelltes wird entfernt…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished successfully.</source>
        <translation>Erfolgreich abgeschlossen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active with %1.</source>
        <translation>Aktiv mit %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some resources could not be removed — Clean up or Retry removes them.</source>
        <translation>Einige Ressourcen konnten nicht entfernt werden — „Bereinigen“ oder „Wiederholen“ entfernt sie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was left behind. Retry, perhaps with another area code.</source>
        <translation>Es ist nichts zurückgeblieben. Wiederholen Sie den Vorgang, eventuell mit einer anderen Vorwahl.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancel the queued setup of %1?

Nothing has been bought for it yet.</source>
        <translation>Die eingereihte Einrichtung von %1 abbrechen?

Für sie wurde noch nichts gekauft.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask %1 to cancel the setup of %2?

It stops and releases and deletes what it created so far.</source>
        <translation>%1 bitten, die Einrichtung von %2 abzubrechen?

Der Lauf hält an und gibt frei bzw. löscht, was er bisher angelegt hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel run</source>
        <translation>Lauf abbrechen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Cancel the setup of %1?

What it created so far — a purchased number, assistants — is released and deleted.</source>
        <translation>Die Einrichtung von %1 abbrechen?

Was bisher erstellt wurde — eine gekaufte Nummer, Assistenten — wird freigegeben und gelöscht.</translation>
    </message>
</context>
<context>
    <name>oc::SandboxMenu</name>
    <message>
        <location filename="../../ui/sandboxmenu.cpp" line="+6"/>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fail the next number &amp;purchase</source>
        <translation>Nächsten Nummern&amp;kauf scheitern lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail the next &amp;assistant creation</source>
        <translation>Nächste &amp;Assistentenerstellung scheitern lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail the next number &amp;registration</source>
        <translation>Nächste Nummern&amp;registrierung scheitern lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail the next number registration &amp;and its undo</source>
        <translation>Nächste Nummernregistrierung &amp;und ihr Rückgängigmachen scheitern lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the vendors &amp;slow (2 s per call)</source>
        <translation>Anbieter &amp;verlangsamen (2 s pro Aufruf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sandbox: %1 — armed. Approve an organization to see it.</source>
        <translation>Sandbox: %1 — aktiviert. Genehmigen Sie eine Organisation, um es zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox: %1</source>
        <translation>Sandbox: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Clear faults</source>
        <translation>Fehler &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox: faults cleared; vendors behave again.</source>
        <translation>Sandbox: Fehler zurückgesetzt; die Anbieter verhalten sich wieder normal.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Area code 999 never has numbers</source>
        <translation>Vorwahl 999 hat nie freie Nummern</translation>
    </message>
</context>
<context>
    <name>oc::SecretField</name>
    <message>
        <location filename="../../ui/secretfield.cpp" line="+17"/>
        <location line="+71"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Remove %1 from the keychain</source>
        <translation>%1 aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>will be removed from the keychain when you save</source>
        <translation>wird beim Speichern aus dem Schlüsselbund entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>•••• stored in keychain — type to replace</source>
        <translation>•••• im Schlüsselbund gespeichert — zum Ersetzen tippen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set — type to store it in the keychain</source>
        <translation>nicht gesetzt — tippen, um es im Schlüsselbund zu speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keychain unavailable</source>
        <translation>Schlüsselbund nicht verfügbar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>•••• stored in keychain</source>
        <translation>•••• im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the stored value</source>
        <translation>Den gespeicherten Wert behalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the stored value when you save</source>
        <translation>Den gespeicherten Wert beim Speichern entfernen</translation>
    </message>
</context>
<context>
    <name>oc::SettingsDialog</name>
    <message>
        <location filename="../../ui/settingsdialog.cpp" line="+53"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defaults</source>
        <translation>Standardwerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Configuration test</source>
        <translation>Konfigurationstest</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Test configuration</source>
        <translation>Konfiguration testen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the database, Twilio and VAPI with read-only calls, using the values in this dialog.</source>
        <translation>Datenbank, Twilio und VAPI mit rein lesenden Aufrufen prüfen, mit den Werten aus diesem Dialog.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Set up provisioning</source>
        <translation>Einrichtung konfigurieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save and start</source>
        <translation>Speichern und starten</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Checking the %1…</source>
        <translation>Wird geprüft: %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Secrets are kept in the %1 and never shown. Type a new value to replace one; Remove deletes it when you save.</source>
        <translation>Geheime Werte werden nie angezeigt; Speicherort: %1. Tippen Sie einen neuen Wert, um einen zu ersetzen; „Entfernen“ löscht ihn beim Speichern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The %1 could not be read: %2. Unlock your keyring, then open Settings again.</source>
        <translation>Lesen nicht möglich (%1): %2. Entsperren Sie Ihren Schlüsselbund und öffnen Sie die Einstellungen erneut.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 is set in the environment and is used instead of this value.</source>
        <translation>%1 ist in der Umgebung gesetzt und wird anstelle dieses Werts verwendet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Fix 1 problem to save: %1.</source>
        <translation>Beheben Sie 1 Problem, um zu speichern: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix %1 problems to save: %2.</source>
        <translation>Beheben Sie %1 Probleme, um zu speichern: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored settings that need attention: %1.</source>
        <translation>Gespeicherte Einstellungen, die Aufmerksamkeit brauchen: %1.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saving to the %1…</source>
        <translation>Wird gespeichert: %1…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The other settings are saved, but the %1 did not take: %2. Unlock your keyring and press Save again.</source>
        <translation>Die übrigen Einstellungen sind gespeichert, aber das Speichern der geheimen Werte (%1) ist fehlgeschlagen: %2. Entsperren Sie Ihren Schlüsselbund und klicken Sie erneut auf „Speichern“.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the %1 could not be read: %2</source>
        <translation>Lesen nicht möglich (%1): %2</translation>
    </message>
    <message>
        <location filename="../../ui/settingsdialogpages.cpp" line="+58"/>
        <source>&lt;b&gt;Sandbox mode&lt;/b&gt; — these settings apply when you start OrgConsole without --sandbox. They are shown read-only; nothing here is used by the sandbox.</source>
        <translation>&lt;b&gt;Sandbox-Modus&lt;/b&gt; — diese Einstellungen gelten, wenn Sie OrgConsole ohne --sandbox starten. Sie werden schreibgeschützt angezeigt; die Sandbox verwendet nichts davon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sandbox mode: settings are read-only</source>
        <translation>Sandbox-Modus: Einstellungen sind schreibgeschützt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Provisioning is not configured yet: %1.

Enter the Twilio account SID and the Twilio and VAPI secrets (kept in your keychain, never in a file), the SMTP server for the owners&apos; e-mails, then press Test configuration. Save applies them at once: no restart.</source>
        <translation>Die Einrichtung ist noch nicht konfiguriert: %1.

Geben Sie die Twilio-Konto-SID und die Geheimnisse für Twilio und VAPI ein (im Schlüsselbund gespeichert, nie in einer Datei), den SMTP-Server für die E-Mails an die Inhaber, und drücken Sie dann „Konfiguration testen“. Speichern wendet alles sofort an: kein Neustart.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Provider APIs</source>
        <translation>Anbieter-APIs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Twilio API base:</source>
        <translation>Twilio-API-Basis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+7"/>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>VAPI API base:</source>
        <translation>VAPI-API-Basis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave these empty for the providers&apos; own endpoints. Other addresses are for testing; they must use https unless they run on this machine.</source>
        <translation>Lassen Sie diese Felder leer, um die Endpunkte der Anbieter zu verwenden. Andere Adressen sind für Tests gedacht; sie müssen https verwenden, sofern sie nicht auf diesem Rechner laufen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database URL:</source>
        <translation>Datenbank-URL:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file path or sqlite:PATH for a database on this computer; postgresql://user@host:5432/dbname to share one with your team. Takes effect the next time OrgConsole starts.</source>
        <translation>Ein Dateipfad oder sqlite:PFAD für eine Datenbank auf diesem Computer; postgresql://benutzer@host:5432/dbname, um eine mit Ihrem Team zu teilen. Gilt ab dem nächsten Start von OrgConsole.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account SID:</source>
        <translation>Account-SID:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Auth token:</source>
        <translation>Auth-Token:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Twilio auth token</source>
        <translation>Twilio-Auth-Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VAPI</source>
        <translation>VAPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private API key:</source>
        <translation>Privater API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VAPI API key</source>
        <translation>VAPI-API-Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMTP</source>
        <translation>SMTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SMTP password</source>
        <translation>SMTP-Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The SMTP server and user are on the E-mail tab.</source>
        <translation>SMTP-Server und Benutzer finden Sie auf der Registerkarte „E-Mail“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service (orgctl serve)</source>
        <translation>Dienst (orgctl serve)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Webhook secret:</source>
        <translation>Webhook-Geheimnis:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>webhook secret</source>
        <translation>Webhook-Geheimnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signs the platform&apos;s approval webhook (X-OrgConsole-Signature). Empty: the webhook is refused.</source>
        <translation>Signiert den Freigabe-Webhook der Plattform (X-OrgConsole-Signature). Leer: der Webhook wird abgewiesen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system&apos;s trusted certificates</source>
        <translation>die Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the CA certificate file</source>
        <translation>CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CA certificate for the SMTP server</source>
        <translation>CA-Zertifikat für den SMTP-Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sender address:</source>
        <translation>Absenderadresse:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Branding</source>
        <translation>Branding</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company name:</source>
        <translation>Firmenname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support contact:</source>
        <translation>Support-Kontakt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>support@example.com, a web address or a phone number</source>
        <translation>support@example.com, eine Webadresse oder eine Telefonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo URL:</source>
        <translation>Logo-URL:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown in the e-mails organization owners receive when a setup is ready or has failed.</source>
        <translation>Erscheint in den E-Mails, die Inhaber von Organisationen erhalten, wenn eine Einrichtung fertig oder fehlgeschlagen ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New setups</source>
        <translation>Neue Einrichtungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Default country</source>
        <translation>Standardland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country:</source>
        <translation>Land:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area code:</source>
        <translation>Vorwahl:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any, e.g. 510</source>
        <translation>beliebig, z. B. 510</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preselected when you approve an organization; you can change them for each setup.</source>
        <translation>Vorausgewählt, wenn Sie eine Organisation genehmigen; Sie können die Werte für jede Einrichtung ändern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none — leave them to the workers</source>
        <translation>keine — den Workern überlassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> at once</source>
        <translation> gleichzeitig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued approvals this console sets up at once</source>
        <translation>Eingereihte Genehmigungen, die diese Konsole gleichzeitig einrichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up queued approvals:</source>
        <translation>Eingereihte Genehmigungen einrichten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While it is open, this console sets up approvals queued by anyone (orgctl approve --queue, the service, a colleague&apos;s bulk approval) like a worker. Applies at once.</source>
        <translation>Solange sie geöffnet ist, richtet diese Konsole wie ein Worker Genehmigungen ein, die irgendjemand eingereiht hat (orgctl approve --queue, der Dienst, die Sammelgenehmigung einer Kollegin). Gilt sofort.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regulatory compliance</source>
        <translation>Regulatorische Anforderungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Default bundle and address per country</source>
        <translation>Standard-Bundle und -Adresse je Land</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundle (BU…)</source>
        <translation>Bundle (BU…)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address (AD…)</source>
        <translation>Adresse (AD…)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Defaults:</source>
        <translation>Vorgaben:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regulatory compliance defaults</source>
        <translation>Vorgaben für regulatorische Anforderungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is listed twice: keep one row per country.</source>
        <translation>%1 steht zweimal in der Liste: behalten Sie eine Zeile pro Land.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A&amp;dd country</source>
        <translation>Land &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Approvals in a country listed here use its bundle and address unless they name others (orgctl --bundle/--address); elsewhere the most recently approved bundle and an address in the country are picked. Find the sids in Twilio&apos;s console: Regulatory Compliance → Bundles, Phone Numbers → Addresses.</source>
        <translation>Freigaben in einem hier aufgeführten Land verwenden dessen Bundle und Adresse, sofern sie keine anderen nennen (orgctl --bundle/--address); sonst werden das zuletzt genehmigte Bundle und eine Adresse im Land gewählt. Die Sids finden Sie in Twilios Konsole: Regulatory Compliance → Bundles, Phone Numbers → Addresses.</translation>
    </message>
</context>
<context>
    <name>oc::StepsModel</name>
    <message>
        <location filename="../../ui/runsmodel.cpp" line="+95"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>oc::ui</name>
    <message>
        <location filename="../../ui/stateicons.cpp" line="+127"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provisioning</source>
        <translation>In Bereitstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pending</source>
        <comment>organization status</comment>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verified</source>
        <comment>organization status</comment>
        <translation>verifiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <comment>organization status</comment>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspended</source>
        <comment>organization status</comment>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undoing</source>
        <translation>Wird rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo failed</source>
        <translation>Rückgängigmachen fehlgeschlagen</translation>
    </message>
</context>
</TS>
