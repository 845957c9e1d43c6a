#include "approvedialog.h"
#include "phone/countrycatalog.h"
#include "vapi/assistantname.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace oc;
using oc::phone::CountryCatalog;

namespace {

Organization org(const QString &name, qint64 id = 1)
{
    Organization o;
    o.id = id;
    o.companyName = name;
    o.ownerName = QStringLiteral("Jane Doe");
    o.ownerEmail = QStringLiteral("jane@example.com");
    return o;
}

QList<Organization> orgs(int count)
{
    QList<Organization> list;
    for (int i = 1; i <= count; ++i)
        list.append(org(QStringLiteral("Company %1").arg(i), i));
    return list;
}

QStringList completions(QComboBox *combo)
{
    QStringList out;
    QAbstractItemModel *model = combo->completer()->completionModel();
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, 0).data(Qt::DisplayRole).toString());
    return out;
}

// Types into the combo as a person does: focus, select what is there, type.
void typeInto(QComboBox *combo, const QString &text)
{
    combo->lineEdit()->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClick(combo->lineEdit(), Qt::Key_Backspace);
    QTest::keyClicks(combo->lineEdit(), text);
}

// Picks the completion showing `entry` from the open popup with the keyboard.
bool pickCompletion(QComboBox *combo, const QString &entry)
{
    QCompleter *completer = combo->completer();
    QAbstractItemView *popup = completer->popup();
    if (!popup->isVisible())
        return false;
    const QStringList shown = completions(combo);
    const int row = int(shown.indexOf(entry));
    if (row < 0)
        return false;
    for (int i = 0; i <= row; ++i)
        QTest::keyClick(popup, Qt::Key_Down);
    if (combo->lineEdit()->text() != entry) // while choosing, the field shows the entry as listed
        return false;
    QTest::keyClick(popup, Qt::Key_Return);
    return !popup->isVisible();
}

} // namespace

class TestApproveDialog : public QObject
{
    Q_OBJECT

    AssistantTemplate m_template;

private Q_SLOTS:
    void startsWithTheRememberedChoice_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("area");
        QTest::addColumn<QString>("expectedCountry");
        QTest::addColumn<QString>("expectedText");
        QTest::addColumn<QString>("expectedArea");
        QTest::newRow("US 510") << "US" << "510" << "US" << "United States (+1)" << "510";
        QTest::newRow("Canada 416") << "CA" << "416" << "CA" << "Canada (+1)" << "416";
        QTest::newRow("lower-case GB, any area") << "gb" << "" << "GB" << "United Kingdom (+44)" << "";
        QTest::newRow("unknown country falls back to the US") << "XX" << "" << "US" << "United States (+1)" << "";
    }
    void startsWithTheRememberedChoice()
    {
        QFETCH(QString, country);
        QFETCH(QString, area);
        QFETCH(QString, expectedCountry);
        QFETCH(QString, expectedText);
        QFETCH(QString, expectedArea);
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, country, area);
        QCOMPARE(dialog.countryCode(), expectedCountry);
        QCOMPARE(dialog.countryBox()->currentText(), expectedText);
        QCOMPARE(dialog.areaCode(), expectedArea);
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.approveButton()->text(), QStringLiteral("Approve"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Approve organization"));
    }

    void choosesACountryByTypingItsNameCodeOrDialCode_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("iso");
        QTest::newRow("part of the name") << "germ" << "Germany (+49)" << "DE";
        QTest::newRow("name in capitals") << "UNITED K" << "United Kingdom (+44)" << "GB";
        QTest::newRow("middle of the name") << "zeal" << "New Zealand (+64)" << "NZ";
        QTest::newRow("ISO code") << "gb" << "United Kingdom (+44)" << "GB";
        QTest::newRow("dial code") << "+353" << "Ireland (+353)" << "IE";
        QTest::newRow("shared dial code") << "+1" << "Canada (+1)" << "CA";
    }
    void choosesACountryByTypingItsNameCodeOrDialCode()
    {
        QFETCH(QString, typed);
        QFETCH(QString, entry);
        QFETCH(QString, iso);
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typeInto(dialog.countryBox(), typed);
        QTRY_VERIFY(dialog.countryBox()->completer()->popup()->isVisible());
        QVERIFY2(completions(dialog.countryBox()).contains(entry), qPrintable(completions(dialog.countryBox()).join(u'|')));
        QVERIFY(pickCompletion(dialog.countryBox(), entry));
        QCOMPARE(dialog.countryBox()->currentText(), entry);
        QCOMPARE(dialog.countryCode(), iso);
        QCOMPARE(dialog.countryBox()->currentData(Qt::UserRole + 1).toString(), iso);
    }

    void typedCountryIsTidiedWhenLeft()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typeInto(dialog.countryBox(), QStringLiteral("germany"));
        QCOMPARE(dialog.countryCode(), QStringLiteral("DE"));
        QTest::keyClick(dialog.countryBox()->completer()->popup(), Qt::Key_Escape);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(dialog.countryBox()->currentText(), QStringLiteral("Germany (+49)"));
    }

    void unknownCountryDisablesApprove()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typeInto(dialog.countryBox(), QStringLiteral("Atlantis"));
        QCOMPARE(dialog.countryCode(), QString());
        QVERIFY(!dialog.approveButton()->isEnabled());
        QVERIFY(dialog.message().startsWith(QStringLiteral("Pick a country from the list")));
    }

    void picksAnAreaCodeFromTheListOrByTyping()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QComboBox *area = dialog.areaCodeBox();
        QCOMPARE(area->count(), CountryCatalog::areaCodes(QStringLiteral("US")).size() + 1); // + "Any area code"
        QVERIFY(area->findText(QStringLiteral("510 \u2014 California")) > 0);

        typeInto(area, QStringLiteral("calif"));
        QTRY_VERIFY(area->completer()->popup()->isVisible());
        QVERIFY(completions(area).contains(QStringLiteral("415 \u2014 California")));
        QVERIFY(!completions(area).contains(QStringLiteral("212 \u2014 New York, NY")));
        QVERIFY(pickCompletion(area, QStringLiteral("510 \u2014 California")));
        QCOMPARE(dialog.areaCode(), QStringLiteral("510"));
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.message(), QStringLiteral("A local number in California."));

        typeInto(area, QStringLiteral("212"));
        area->completer()->popup()->hide();
        QCOMPARE(dialog.areaCode(), QStringLiteral("212"));
        QVERIFY(dialog.approveButton()->isEnabled());
        QVERIFY(dialog.message().contains(QStringLiteral("New York")));

        area->setCurrentIndex(0);
        QCOMPARE(area->currentText(), QStringLiteral("Any area code"));
        QCOMPARE(dialog.areaCode(), QString());
        QVERIFY(dialog.approveButton()->isEnabled());
    }

    void invalidAreaCodeDisablesApproveAndSaysWhy_data()
    {
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("typed");
        QTest::newRow("unassigned") << "US" << "999";
        QTest::newRow("too short") << "US" << "51";
        QTest::newRow("letters") << "US" << "ABC";
        QTest::newRow("markup") << "US" << "<script>";
        QTest::newRow("US code in Canada") << "CA" << "510";
        QTest::newRow("trunk prefix in the UK") << "GB" << "020";
    }
    void invalidAreaCodeDisablesApproveAndSaysWhy()
    {
        QFETCH(QString, country);
        QFETCH(QString, typed);
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, country, QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.approveButton()->isEnabled());
        typeInto(dialog.areaCodeBox(), typed);
        const QString expected = CountryCatalog::areaCodeProblem(country, typed);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(dialog.problem(), expected);
        QCOMPARE(dialog.message(), expected);
        QVERIFY(!dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.areaCodeBox()->accessibleDescription(), expected);

        // Enter must not approve past the disabled button.
        dialog.areaCodeBox()->completer()->popup()->hide();
        QTest::keyClick(dialog.areaCodeBox()->lineEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        typeInto(dialog.areaCodeBox(), QString());
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.problem(), QString());
    }

    void veryLongAreaCodeIsRejectedNotEchoed()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString(10'000, u'7'));
        QVERIFY(!dialog.approveButton()->isEnabled());
        QVERIFY(dialog.message().size() < 200);
        QVERIFY(dialog.sizeHint().width() < 900);
    }

    void changingCountryRefreshesAreaCodes()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QComboBox *area = dialog.areaCodeBox();
        QVERIFY(area->findData(QStringLiteral("510")) > 0);

        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("Canada (+1)")));
        QCOMPARE(dialog.countryCode(), QStringLiteral("CA"));
        QVERIFY(area->findData(QStringLiteral("416")) > 0);
        QCOMPARE(area->findData(QStringLiteral("510")), -1);
        QCOMPARE(dialog.areaCode(), QString()); // 510 is not Canadian: back to any area code
        QVERIFY(dialog.approveButton()->isEnabled());

        typeInto(area, QStringLiteral("604"));
        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("United Kingdom (+44)")));
        QCOMPARE(area->count(), 1); // no list outside NANP: typed codes are checked instead
        QCOMPARE(dialog.areaCode(), QString());

        typeInto(area, QStringLiteral("20"));
        QCOMPARE(dialog.areaCode(), QStringLiteral("20"));
        QVERIFY(dialog.approveButton()->isEnabled());
        // Outside NANP the engine searches by prefix (Contains=+4420): the hint says which.
        QVERIFY2(dialog.message().contains(QStringLiteral("starting +44 20")), qPrintable(dialog.message()));
    }

    // Outside the US and Canada Twilio searches by prefix or city, not area code: the field says so and takes
    // either (issue 13).
    void outsideNanpTheFieldTakesAPrefixOrACity()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto labelText = [&dialog] {
            for (QLabel *l : dialog.findChildren<QLabel *>()) {
                if (l->buddy() == dialog.areaCodeBox())
                    return l->text().remove(QLatin1Char('&'));
            }
            return QStringLiteral("(no label)");
        };
        QCOMPARE(labelText(), QStringLiteral("Area code:"));
        QCOMPARE(dialog.areaCodeBox()->accessibleName(), QStringLiteral("Area code"));
        typeInto(dialog.areaCodeBox(), QStringLiteral("Berlin"));
        QVERIFY(!dialog.approveButton()->isEnabled()); // not an area code in the US

        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("Germany (+49)")));
        QCOMPARE(dialog.countryCode(), QStringLiteral("DE"));
        QCOMPARE(labelText(), QStringLiteral("Prefix or city:"));
        QCOMPARE(dialog.areaCodeBox()->accessibleName(), QStringLiteral("Prefix or city"));
        for (const auto &[typed, hint] : {std::pair{QStringLiteral("Berlin"), QStringLiteral("A local number in Berlin.")},
                                          std::pair{QStringLiteral("+4930"), QStringLiteral("A local number starting +4930.")},
                                          std::pair{QStringLiteral("30"), QStringLiteral("starting +49 30")}}) {
            typeInto(dialog.areaCodeBox(), typed);
            QCOMPARE(dialog.areaCode(), typed);
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            QVERIFY2(dialog.approveButton()->isEnabled(), qPrintable(typed));
            QVERIFY2(dialog.message().contains(hint), qPrintable(dialog.message()));
        }
        typeInto(dialog.areaCodeBox(), QStringLiteral("<b>x</b>"));
        QVERIFY(!dialog.approveButton()->isEnabled());

        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("Canada (+1)")));
        QCOMPARE(labelText(), QStringLiteral("Area code:"));
    }

    void showsTheAssistantNamesTheEngineWillCreate_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("short") << "Acme";
        QTest::newRow("truncated") << "Acme Widgets International Holdings Group Limited";
        QTest::newRow("line breaks") << "Acme\r\nWidgets\n";
        QTest::newRow("emoji") << QStringLiteral("Caf\u00E9 \U0001F469\u200D\U0001F469\u200D\U0001F467 ").repeated(5);
    }
    void showsTheAssistantNamesTheEngineWillCreate()
    {
        QFETCH(QString, name);
        ApproveDialog dialog({org(name)}, m_template, QStringLiteral("US"), QString());
        const QStringList expected{assistantName(name, AssistantRole::Inbound), assistantName(name, AssistantRole::Outbound)};
        QCOMPARE(dialog.assistantNames(), expected);
        QVERIFY(expected.at(0).endsWith(QStringLiteral(" inbound")));
        const auto labels = dialog.findChildren<QLabel *>();
        for (const QString &n : expected) {
            const bool shown = std::any_of(labels.begin(), labels.end(), [&](QLabel *l) {
                return l->text() == n || (l->text().endsWith(QChar(0x2026)) && l->toolTip().contains(n.left(10)));
            });
            QVERIFY2(shown, qPrintable(n));
        }
    }

    void bulkApprovalNamesTheCountAndAFewOrganizations()
    {
        ApproveDialog dialog(orgs(12), m_template, QStringLiteral("US"), QStringLiteral("510"));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Approve 12 organizations"));
        QCOMPARE(dialog.approveButton()->text(), QStringLiteral("Approve 12"));
        auto *heading = dialog.findChild<QLabel *>(QStringLiteral("heading"));
        QVERIFY(heading);
        QCOMPARE(heading->text(), QStringLiteral("Approve 12 organizations?"));
        auto *names = dialog.findChild<QLabel *>(QStringLiteral("names"));
        QVERIFY(names);
        QVERIFY(names->text().contains(QStringLiteral("Company 1\n")));
        QVERIFY(names->text().contains(QStringLiteral("Company 4")));
        QVERIFY(!names->text().contains(QStringLiteral("Company 5")));
        QVERIFY(names->text().endsWith(QStringLiteral("\u2026 and 8 more")));
        QCOMPARE(dialog.assistantNames().first(), QStringLiteral("Company 1 inbound"));
        QCOMPARE(dialog.organizations().size(), 12);
    }

    void noOrganizationsCannotBeApproved()
    {
        ApproveDialog dialog({}, m_template, QStringLiteral("US"), QString());
        QVERIFY(!dialog.approveButton()->isEnabled());
        QVERIFY(!dialog.problem().isEmpty());
    }

    void hostileNamesAreShownLiterallyInASaneLayout_data()
    {
        QTest::addColumn<QList<Organization>>("organizations");
        QTest::newRow("markup") << QList<Organization>{org(QStringLiteral("<b>x</b>"))};
        QTest::newRow("CR/LF") << QList<Organization>{org(QStringLiteral("Acme\r\nInjected: line\r\n"))};
        QTest::newRow("emoji") << QList<Organization>{org(QStringLiteral("\U0001F600").repeated(200))};
        QTest::newRow("10k characters") << QList<Organization>{org(QString(10'000, u'W'))};
        QTest::newRow("10k characters, bulk") << QList<Organization>{org(QString(10'000, u'W'), 1),
                                                                     org(QStringLiteral("<i>y</i>\n").repeated(1000), 2),
                                                                     org(QStringLiteral("\U0001F600").repeated(500), 3)};
    }
    void hostileNamesAreShownLiterallyInASaneLayout()
    {
        QFETCH(QList<Organization>, organizations);
        ApproveDialog dialog(organizations, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.width() < 900, qPrintable(QString::number(dialog.width())));
        QVERIFY2(dialog.height() < 700, qPrintable(QString::number(dialog.height())));
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            QVERIFY2(label->textFormat() == Qt::PlainText || !Qt::mightBeRichText(label->text()), qPrintable(label->text()));
            QVERIFY2(!label->text().contains(u'\r'), qPrintable(label->objectName()));
            QVERIFY2(label->width() < 900, qPrintable(label->objectName()));
        }
        if (organizations.size() == 1 && organizations.first().companyName == QStringLiteral("<b>x</b>")) {
            auto *heading = dialog.findChild<QLabel *>(QStringLiteral("heading"));
            QCOMPARE(heading->text(), QStringLiteral("Approve \u201C<b>x</b>\u201D?"));
            QCOMPARE(heading->textFormat(), Qt::PlainText);
        }
        QVERIFY(dialog.approveButton()->isEnabled());
    }

    void escapeCancels()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void approveAcceptsTheChoice()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("Canada (+1)")));
        typeInto(dialog.areaCodeBox(), QStringLiteral("416"));
        dialog.areaCodeBox()->completer()->popup()->hide();
        QTest::mouseClick(dialog.approveButton(), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.countryCode(), QStringLiteral("CA"));
        QCOMPARE(dialog.areaCode(), QStringLiteral("416"));
    }

    // The compliance line, with the engine's query faked: what it answers is what ConsoleEngine::checkCompliance does.
    void saysWhichBundleAndAddressAGermanApprovalUses()
    {
        QStringList asked;
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("DE"), QString());
        dialog.setComplianceQuery([&asked](const QString &country, bool refresh, QObject *, std::function<void(const QJsonObject &)> done) {
            asked << country + (refresh ? QStringLiteral(" refresh") : QString());
            done(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("required"), true}, {QStringLiteral("country"), country},
                             {QStringLiteral("bundle"), QJsonObject{{QStringLiteral("sid"), QStringLiteral("BU0de0a9900000000000000000000000a1")},
                                                                    {QStringLiteral("friendlyName"), QStringLiteral("Acme GmbH")},
                                                                    {QStringLiteral("status"), QStringLiteral("twilio-approved")},
                                                                    {QStringLiteral("dateUpdated"), QStringLiteral("2026-11-03T14:05:00Z")}}},
                             {QStringLiteral("address"), QJsonObject{{QStringLiteral("sid"), QStringLiteral("AD0de0be41100000000000000000000001")},
                                                                     {QStringLiteral("city"), QStringLiteral("Berlin")}}}});
        });
        QCOMPARE(asked, QStringList{QStringLiteral("DE")});
        QVERIFY(!dialog.complianceLine()->isHidden());
        QCOMPARE(dialog.complianceLine()->text(),
                 QStringLiteral("Germany requires an approved business bundle \u2014 BU0de0a9900000000000000000000000a1 (Acme GmbH, approved "
                                "3 Nov 2026) and the address in Berlin will be used."));
        QVERIFY(dialog.approveButton()->isEnabled());
        // The US needs nothing: no line, nothing asked.
        dialog.countryBox()->setCurrentIndex(dialog.countryBox()->findText(QStringLiteral("United States (+1)")));
        QVERIFY(dialog.complianceLine()->isHidden());
        QVERIFY(dialog.refreshButton()->isHidden());
        QCOMPARE(asked.size(), 1);
    }

    void approveWaitsForAMissingBundleUntilRefreshFindsOne()
    {
        bool approvedYet = false;
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("DE"), QStringLiteral("30"));
        dialog.setComplianceQuery([&approvedYet](const QString &country, bool, QObject *, std::function<void(const QJsonObject &)> done) {
            if (!approvedYet)
                return done(QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("country"), country},
                                        {QStringLiteral("reason"), QStringLiteral("noBundle")}, {QStringLiteral("detail"), QStringLiteral("x")}});
            done(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("required"), true},
                             {QStringLiteral("bundle"), QJsonObject{{QStringLiteral("sid"), QStringLiteral("BU1")},
                                                                    {QStringLiteral("status"), QStringLiteral("twilio-approved")}}},
                             {QStringLiteral("address"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Berlin")}}}});
        });
        QCOMPARE(dialog.complianceLine()->text(),
                 QStringLiteral("No approved bundle for Germany \u2014 create one in Twilio's console (Regulatory Compliance), then press Refresh."));
        QVERIFY(!dialog.approveButton()->isEnabled());
        QVERIFY2(dialog.message().contains(QLatin1String("starting +49 30")), qPrintable(dialog.message())); // searched by prefix
        dialog.accept(); // Enter does not get past it either
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        approvedYet = true;
        QTest::mouseClick(dialog.refreshButton(), Qt::LeftButton);
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.complianceLine()->text(),
                 QStringLiteral("Germany requires an approved business bundle \u2014 BU1 and the address in Berlin will be used."));
    }

    void focusMovesThroughTheFormInOrder()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QStringLiteral("510"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.countryBox()->isAncestorOf(QApplication::focusWidget())
                    || QApplication::focusWidget() == dialog.countryBox());
        QWidget *expected[] = {dialog.areaCodeBox(), dialog.approveButton()};
        for (QWidget *next : expected) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QVERIFY2(QApplication::focusWidget() == next || next->isAncestorOf(QApplication::focusWidget()),
                     qPrintable(QApplication::focusWidget()->metaObject()->className()));
        }
    }

    void everyControlHasAnAccessibleName()
    {
        ApproveDialog dialog(orgs(3), m_template, QStringLiteral("US"), QStringLiteral("510"));
        // Focusable controls, and labels that say something of their own (not a buddy's caption).
        for (QWidget *w : dialog.findChildren<QWidget *>()) {
            const auto *label = qobject_cast<QLabel *>(w);
            const bool control = w->focusPolicy() != Qt::NoFocus
                && (qobject_cast<QComboBox *>(w) || qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractButton *>(w));
            const bool content = label && !label->buddy() && !label->text().isEmpty() && !label->text().endsWith(u':');
            if (control || content)
                QVERIFY2(!w->accessibleName().isEmpty(),
                         qPrintable(QStringLiteral("%1 %2 %3").arg(QString::fromLatin1(w->metaObject()->className()),
                                                                    w->objectName(), label ? label->text() : QString())));
        }
        QCOMPARE(dialog.countryBox()->accessibleName(), QStringLiteral("Country"));
        QCOMPARE(dialog.areaCodeBox()->accessibleName(), QStringLiteral("Area code"));
    }

    // Saves PNGs to look at when ORGCONSOLE_SCREENSHOT_DIR is set; always checks the rendering is sane.
    void renders_data()
    {
        QTest::addColumn<QList<Organization>>("organizations");
        QTest::addColumn<QString>("area");
        QTest::addColumn<bool>("dark");
        QTest::newRow("single") << QList<Organization>{org(QStringLiteral("Acme Widgets International Holdings Group"))} << "510" << false;
        QTest::newRow("single-dark") << QList<Organization>{org(QStringLiteral("Acme Widgets"))} << "510" << true;
        QTest::newRow("bulk") << orgs(12) << "" << false;
        QTest::newRow("invalid") << QList<Organization>{org(QStringLiteral("<b>x</b>"))} << "999" << false;
        QTest::newRow("invalid-dark") << QList<Organization>{org(QString(10'000, u'W'))} << "ABC" << true;
    }
    void renders()
    {
        QFETCH(QList<Organization>, organizations);
        QFETCH(QString, area);
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        if (dark) {
            QPalette p;
            p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
            p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
            p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
            p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
            p.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
            QApplication::setPalette(p);
        }
        ApproveDialog dialog(organizations, m_template, QStringLiteral("US"), area);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QImage image = dialog.grab().toImage();
        QApplication::setPalette(original);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() < 900);
        if (const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("approvedialog-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())))));
    }

    void completionPopupsListMatchesReadably()
    {
        ApproveDialog dialog({org(QStringLiteral("Acme"))}, m_template, QStringLiteral("US"), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const std::pair<QComboBox *, QString> cases[] = {{dialog.countryBox(), QStringLiteral("un")},
                                                         {dialog.areaCodeBox(), QStringLiteral("new y")}};
        for (const auto &[combo, typed] : cases) {
            typeInto(combo, typed);
            QAbstractItemView *popup = combo->completer()->popup();
            QTRY_VERIFY(popup->isVisible());
            QVERIFY(completions(combo).size() > 1);
            QVERIFY(popup->width() >= combo->width() - 2 && popup->width() < 900);
            if (const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR"); !dir.isEmpty())
                QVERIFY(popup->grab().save(QDir(dir).filePath(QStringLiteral("approvedialog-popup-%1.png").arg(combo->objectName()))));
            popup->hide();
        }
    }
};

QTEST_MAIN(TestApproveDialog)
#include "tst_approvedialog.moc"
