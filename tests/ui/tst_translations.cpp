// The German console: oc::installTranslations picks the language, the approve dialog, the main window's
// menus and tabs and a whole approval run read German (Qt's own buttons too), and resources/translations/orgconsole_de.ts
// is complete: every message translated, placeholders and accelerators intact, and nothing in the sources
// that lupdate would add as unfinished.
#include "approvedialog.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "phone/countrycatalog.h"
#include "runsmodel.h"
#include "runsview.h"
#include "translations.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace oc;
using oc::phone::CountryCatalog;

namespace {

Organization org(const QString &name, qint64 id = 1)
{
    Organization o;
    o.id = id;
    o.companyName = name;
    o.ownerName = QStringLiteral("Erika Mustermann");
    o.ownerEmail = QStringLiteral("erika@example.com");
    return o;
}

const QLocale German(QLocale::German, QLocale::Germany);
const QLocale English(QLocale::English, QLocale::UnitedStates);

// The letter after a single '&' ("&&" is a literal ampersand), lower case; null without one.
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

int mnemonicCount(const QString &text)
{
    static const QRegularExpression single(QStringLiteral("(?<!&)&(?=[^&\\s;])"));
    return int(text.count(single));
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression arg(QStringLiteral("%L?(\\d+|n)"));
    QSet<QString> found;
    for (auto it = arg.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(0));
    return found;
}

bool qtTranslationsInstalled()
{
    return QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm"));
}

struct Message {
    QString context;
    QString source;
    QString translationType; // "" when finished
    QStringList forms;       // one, or the numerus forms
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            current = Message{context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes"};
        } else if (name == u"source") {
            current.source = xml.readElementText();
        } else if (name == u"translation") {
            current.translationType = xml.attributes().value(QLatin1String("type")).toString();
            if (current.numerus) {
                while (xml.readNextStartElement())
                    current.forms.append(xml.readElementText());
            } else {
                current.forms.append(xml.readElementText());
            }
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// Every problem of a translated message, one line each; empty when it is fine.
QStringList problemsOf(const Message &m)
{
    QStringList problems;
    const QString where = m.context + QStringLiteral(" \u201C") + m.source + QStringLiteral("\u201D: ");
    if (!m.translationType.isEmpty())
        problems << where + QStringLiteral("translation is ") + m.translationType;
    if (m.forms.isEmpty() || (m.numerus && m.forms.size() != 2)) // German has one and other
        problems << where + QStringLiteral("%1 form(s)").arg(m.forms.size());
    for (const QString &form : m.forms) {
        if (form.trimmed().isEmpty())
            problems << where + QStringLiteral("empty translation");
        if (placeholders(form) != placeholders(m.source))
            problems << where + QStringLiteral("placeholders differ in \u201C%1\u201D").arg(form);
        if (mnemonicCount(form) != mnemonicCount(m.source))
            problems << where + QStringLiteral("accelerators differ in \u201C%1\u201D").arg(form);
        if (m.source.endsWith(QChar(0x2026)) != form.endsWith(QChar(0x2026)))
            problems << where + QStringLiteral("the ellipsis (a dialog follows) differs in \u201C%1\u201D").arg(form);
        // German quotes are „…“; English ones or straight quotes are a slip.
        if (form.contains(QChar(0x201D)) || form.contains(u'"'))
            problems << where + QStringLiteral("English quotation marks in \u201C%1\u201D").arg(form);
        static const QRegularExpression du(QStringLiteral("\\b(du|dich|dir|dein|deine|deinen)\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
        if (form.contains(du))
            problems << where + QStringLiteral("addresses the user with du, not Sie: \u201C%1\u201D").arg(form);
    }
    return problems;
}

// With ORGCONSOLE_SCREENSHOT_DIR set, what the German console looks like, to look at (de-NAME.png).
void saveScreenshot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    const QString path = dir + QStringLiteral("/de-") + QLatin1String(name) + QStringLiteral(".png");
    if (!w->grab().save(path))
        qWarning("could not write %s", qPrintable(path));
}

QString sourceDir()
{
    return qEnvironmentVariable("ORGCONSOLE_SOURCE_DIR");
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        for (const char *name : {"TWILIO_API_BASE", "VAPI_API_BASE", "ORGCONSOLE_DATABASE", "SMTP_URL"})
            qunsetenv(name);
        applyApplicationIdentity();
        if (!qtTranslationsInstalled())
            qWarning("qt6-translations-l10n is not installed: Qt's standard buttons are not checked in German");
    }

    void cleanup()
    {
        installTranslations(English); // every test starts English
    }

    void germanIsCompiledIn()
    {
        QVERIFY2(availableTranslations().contains(QStringLiteral("de")), qPrintable(availableTranslations().join(u',')));
    }

    void theLocaleChoosesTheLanguage_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("installed");
        QTest::newRow("de_DE") << German << "de";
        QTest::newRow("de_AT falls back to de") << QLocale(QLocale::German, QLocale::Austria) << "de";
        QTest::newRow("de_CH falls back to de") << QLocale(QLocale::German, QLocale::Switzerland) << "de";
        QTest::newRow("en_US: the source texts") << English << "";
        QTest::newRow("en_GB") << QLocale(QLocale::English, QLocale::UnitedKingdom) << "";
        QTest::newRow("fr_FR: not translated, English") << QLocale(QLocale::French, QLocale::France) << "";
        QTest::newRow("C") << QLocale::c() << "";
    }
    void theLocaleChoosesTheLanguage()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, installed);
        QCOMPARE(installTranslations(locale), installed);
        // Installed means used: Qt looks the texts up in what was installed.
        const QString approve = QCoreApplication::translate("oc::ApproveDialog", "Approve");
        QCOMPARE(approve, installed == u"de" ? QStringLiteral("Genehmigen") : QStringLiteral("Approve"));
        QCOMPARE(CountryCatalog::displayLanguage(), installed.isEmpty() ? QStringLiteral("en") : installed);
    }

    void approveDialogIsGerman()
    {
        QCOMPARE(installTranslations(German), QStringLiteral("de"));
        ApproveDialog dialog({org(QStringLiteral("Zahnarztpraxis Sonnenschein"))}, AssistantTemplate{}, QStringLiteral("US"),
                             QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(dialog.windowTitle(), QStringLiteral("Organisation genehmigen"));
        QCOMPARE(dialog.approveButton()->text(), QStringLiteral("Genehmigen"));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
        QCOMPARE(cancel->accessibleName(), QStringLiteral("Abbrechen"));
        if (qtTranslationsInstalled()) // Qt's own text, from qtbase_de.qm
            QCOMPARE(cancel->text().remove(u'&'), QStringLiteral("Abbrechen"));

        QStringList labels;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labels << label->text();
        QVERIFY2(labels.contains(QStringLiteral("&Land:")), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(QStringLiteral("&Vorwahl:")), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(QStringLiteral("Eingangsassistent:")), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(QStringLiteral("\u201EZahnarztpraxis Sonnenschein\u201C genehmigen?")), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(QStringLiteral("Inhaber: Erika Mustermann <erika@example.com>")), qPrintable(labels.join(u'|')));
        QVERIFY2(std::any_of(labels.cbegin(), labels.cend(),
                             [](const QString &t) { return t.startsWith(QStringLiteral("Die Genehmigung kauft eine Ortsrufnummer")); }),
                 qPrintable(labels.join(u'|')));
        // The buddies' accelerators differ: Alt+L and Alt+V.
        QCOMPARE(mnemonic(QStringLiteral("&Land:")), QChar(u'l'));

        // Country names in German from ICU, the hint and problems from CountryCatalog too.
        QCOMPARE(dialog.countryBox()->currentText(), QStringLiteral("Vereinigte Staaten (+1)"));
        QCOMPARE(dialog.message(), QStringLiteral("Eine Ortsrufnummer in California."));
        saveScreenshot(&dialog, "approve-dialog");
        dialog.areaCodeBox()->setEditText(QStringLiteral("12a"));
        QCOMPARE(dialog.message(),
                 QStringLiteral("\u201E12a\u201C ist keine Vorwahl: Verwenden Sie nur Ziffern, etwa 510, oder lassen Sie das Feld "
                                "f\u00FCr eine beliebige Vorwahl leer."));
        QVERIFY(!dialog.approveButton()->isEnabled());
        saveScreenshot(&dialog, "approve-dialog-problem");
        dialog.areaCodeBox()->setEditText(QStringLiteral("212"));
        QVERIFY(dialog.approveButton()->isEnabled());

        // The English name still finds a country in the German list.
        dialog.countryBox()->setEditText(QStringLiteral("Germany"));
        QCOMPARE(dialog.countryCode(), QStringLiteral("DE"));
        dialog.countryBox()->setEditText(QStringLiteral("Deutschland"));
        QCOMPARE(dialog.countryCode(), QStringLiteral("DE"));
        dialog.reject();
    }

    void approveDialogForManyIsGerman()
    {
        installTranslations(German);
        QList<Organization> many;
        for (int i = 1; i <= 12; ++i)
            many << org(QStringLiteral("Firma %1").arg(i), i);
        ApproveDialog dialog(many, AssistantTemplate{}, QStringLiteral("DE"), QString());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("12 Organisationen genehmigen"));
        QCOMPARE(dialog.approveButton()->text(), QStringLiteral("12 genehmigen"));
        QCOMPARE(dialog.countryBox()->currentText(), QStringLiteral("Deutschland (+49)"));
        const auto *names = dialog.findChild<QLabel *>(QStringLiteral("names"));
        QVERIFY(names);
        QVERIFY2(names->text().endsWith(QStringLiteral("\u2026 und 8 weitere")), qPrintable(names->text()));
    }

    void englishStaysEnglish()
    {
        QCOMPARE(installTranslations(English), QString());
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, AssistantTemplate{}, QStringLiteral("US"), QString());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Approve organization"));
        QCOMPARE(dialog.approveButton()->text(), QStringLiteral("Approve"));
        QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->text().remove(u'&'),
                 QStringLiteral("Cancel"));
        QCOMPARE(dialog.countryBox()->currentText(), QStringLiteral("United States (+1)"));
        // A language the console lacks loads none of Qt's either: no French buttons in an English dialog.
        QCOMPARE(installTranslations(QLocale(QLocale::French, QLocale::France)), QString());
        ApproveDialog french({org(QStringLiteral("Acme"))}, AssistantTemplate{}, QStringLiteral("FR"), QString());
        QCOMPARE(french.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->text().remove(u'&'),
                 QStringLiteral("Cancel"));
        QCOMPARE(french.countryBox()->currentText(), QStringLiteral("France (+33)"));
    }

    void countryNamesFollowTheLanguage()
    {
        installTranslations(German);
        QCOMPARE(CountryCatalog::country(QStringLiteral("DE"))->name, QStringLiteral("Deutschland"));
        QCOMPARE(CountryCatalog::country(QStringLiteral("DE"))->englishName, QStringLiteral("Germany"));
        QCOMPARE(CountryCatalog::territoryName(QStringLiteral("FR")), QStringLiteral("Frankreich"));
        QVERIFY(CountryCatalog::territoryName(QStringLiteral("zz!")).isEmpty());
        // Sorted the German way: Österreich among the Os, not after Z.
        const QList<phone::Country> countries = CountryCatalog::countries();
        const auto at = [&](const char *iso) {
            for (int i = 0; i < countries.size(); ++i) {
                if (countries[i].isoCode == QLatin1String(iso))
                    return i;
            }
            return -1;
        };
        QVERIFY(at("AT") < at("PE")); // Österreich < Peru
        QVERIFY(at("NO") < at("AT")); // Norwegen < Österreich
        installTranslations(English);
        QCOMPARE(CountryCatalog::country(QStringLiteral("DE"))->name, QStringLiteral("Germany"));
        QCOMPARE(CountryCatalog::territoryName(QStringLiteral("FR")), QStringLiteral("France"));
    }

    // The sandbox console in German, as `LANGUAGE=de orgconsole --sandbox` starts it: menus, tabs, an approval
    // run's steps and log, the organization's status.
    void mainWindowAndARunAreGerman()
    {
        QCOMPARE(installTranslations(German), QStringLiteral("de"));
        ConsoleApp console;
        ConsoleApp::Options options;
        options.sandbox = true;
        options.sandboxScale = 0.0;
        options.demoOrganizations = 50;
        auto started = console.start(options);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        MainWindow &w = console.window();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("Or&ganisation"), QStringLiteral("&Ansicht"),
                                     QStringLiteral("&Sandbox"), QStringLiteral("&Hilfe")}));
        QStringList tabs;
        for (int i = 0; i < w.tabs()->count(); ++i)
            tabs << w.tabs()->tabText(i);
        QCOMPARE(tabs.mid(0, 6), (QStringList{QStringLiteral("&Organisationen"), QStringLiteral("&L\u00E4ufe"),
                                              QStringLiteral("Dash&board"), QStringLiteral("&Verwaiste Ressourcen"),
                                              QStringLiteral("&Kosten"), QStringLiteral("A&udit-Protokoll")}));
        QVERIFY2(tabs.value(6).startsWith(QStringLiteral("&Postausgang")), qPrintable(tabs.value(6)));

        // Alt+letter reaches one thing only: the menu bar, the tabs and the organizations page share the window.
        QStringList windowLevel = menus + tabs;
        for (const QLabel *label : w.organizationsView()->findChildren<QLabel *>())
            windowLevel << label->text();
        QHash<QChar, QString> taken;
        for (const QString &text : std::as_const(windowLevel)) {
            const QChar key = mnemonic(text);
            if (key.isNull())
                continue;
            QVERIFY2(!taken.contains(key), qPrintable(QStringLiteral("Alt+%1: %2 and %3").arg(key, taken.value(key), text)));
            taken.insert(key, text);
        }
        // ... and within each menu, one entry per letter.
        for (QAction *menuAction : w.menuBar()->actions()) {
            QHash<QChar, QString> inMenu;
            for (QAction *a : menuAction->menu()->actions()) {
                const QChar key = mnemonic(a->text());
                if (key.isNull())
                    continue;
                QVERIFY2(!inMenu.contains(key),
                         qPrintable(QStringLiteral("%1: %2 and %3").arg(menuAction->text(), inMenu.value(key), a->text())));
                inMenu.insert(key, a->text());
            }
        }

        OrganizationsModel *model = w.organizationsView()->model();
        const QSet<QString> germanStatuses{QStringLiteral("ausstehend"), QStringLiteral("verifiziert"),
                                           QStringLiteral("abgelehnt"), QStringLiteral("gesperrt")};
        const QString shownStatus = model->index(0, OrganizationsModel::StatusColumn).data().toString();
        QVERIFY2(germanStatuses.contains(shownStatus), qPrintable(shownStatus));
        QCOMPARE(model->headerData(OrganizationsModel::CompanyColumn, Qt::Horizontal).toString(), QStringLiteral("Firma"));

        w.setCountryChooser([](const QList<Organization> &, QString &country, QString &area) {
            country = QStringLiteral("US");
            area = QString();
            return true;
        });
        w.organizationsView()->table()->selectRow(0);
        const Organization approved = w.organizationsView()->selectedOrganizations().value(0);
        w.approveAction()->trigger();
        LiveRun *run = w.runsView()->currentRun();
        QVERIFY(run);
        QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));

        QCOMPARE(run->kindTitle(), QStringLiteral("Genehmigung"));
        QCOMPARE(run->steps().value(0).title, QStringLiteral("Telefonnummer suchen"));
        QCOMPARE(run->steps().value(1).title, QStringLiteral("Telefonnummer kaufen"));
        QCOMPARE(w.runsView()->stepsModel()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Schritt"));
        const QString log = w.runsView()->logPane()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Telefonnummer kaufen: erfolgreich")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("Genehmigung erfolgreich abgeschlossen.")), qPrintable(log));
        // A starting step's detail is its own (English) title: never shown twice, never in English.
        QVERIFY2(!log.contains(QStringLiteral("Search for a phone number")), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("suchen: l\u00E4uft \u2014 Telefonnummer suchen")), qPrintable(log));

        bool found = false;
        for (int row = 0; row < model->rowCount() && !found; ++row) {
            if (model->organizationAt(row)->id != approved.id)
                continue;
            found = true;
            QTRY_COMPARE(model->index(row, OrganizationsModel::StatusColumn).data().toString(), QStringLiteral("verifiziert"));
            QCOMPARE(model->index(row, OrganizationsModel::StatusColumn).data(OrganizationsModel::RawValueRole).toString(),
                     QStringLiteral("verified"));
            // The model reloads from the store thread: "verified" lands with the approval, "active" with the
            // run's outcome, in a later refresh.
            QTRY_COMPARE(model->index(row, OrganizationsModel::SetupColumn).data().toString(), QStringLiteral("Aktiv"));
        }
        QVERIFY(found);
        saveScreenshot(&w, "main-window-runs");
    }

    void tsFileIsComplete()
    {
        QVERIFY2(!sourceDir().isEmpty(), "ORGCONSOLE_SOURCE_DIR is not set");
        QString error;
        const QList<Message> messages = readTs(sourceDir() + QStringLiteral("/resources/translations/orgconsole_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 400, qPrintable(QString::number(messages.size())));
        QStringList problems;
        for (const Message &m : messages)
            problems << problemsOf(m);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        qInfo("%lld German translations, all finished", qlonglong(messages.size()));
    }

    // lupdate over the same sources as `update_translations`, into a copy: a new tr() string the .ts lacks
    // shows up here as unfinished, with what to translate.
    void tsFileIsUpToDateWithTheSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("orgconsole_de.ts"));
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/resources/translations/orgconsole_de.ts"), copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(OC_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-I"), sourceDir() + QStringLiteral("/core"), QStringLiteral("-I"),
                       sourceDir() + QStringLiteral("/ui"), QStringLiteral("-I"), sourceDir() + QStringLiteral("/app"),
                       QStringLiteral("@") + QStringLiteral(OC_TRANSLATION_SOURCES), QStringLiteral("-ts"), copy});
        QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));

        QString error;
        const QList<Message> committed = readTs(sourceDir() + QStringLiteral("/resources/translations/orgconsole_de.ts"), &error);
        const QList<Message> updated = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList untranslated;
        for (const Message &m : updated) {
            if (!m.translationType.isEmpty())
                untranslated << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("Not in resources/translations/orgconsole_de.ts yet (run `cmake --build build --target "
                                           "update_translations` and translate them):\n")
                            + untranslated.join(u'\n')));
        QCOMPARE(updated.size(), committed.size()); // and nothing the sources no longer have
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
