#include "pipeline/leaseowner.h"
#include "pipeline/resourcetags.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace oc::pipeline;

class TestResourceTags : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runIdsAreSixteenHexDigitsAndDistinct()
    {
        QSet<QString> ids;
        for (int i = 0; i < 1000; ++i) {
            const QString id = ResourceTags::newRunId();
            QCOMPARE(id.size(), 16);
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(id).hasMatch());
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 1000);
    }

    void friendlyNameKeepsTheTagWithinSixtyFourCharacters_data()
    {
        QTest::addColumn<QString>("org");
        QTest::newRow("short") << QStringLiteral("Acme");
        QTest::newRow("long") << QString(300, QLatin1Char('x'));
        QTest::newRow("emoji at the cut") << QString(QStringLiteral("🎉")).repeated(40);
        QTest::newRow("line breaks") << QStringLiteral("Evil\r\nCorp");
        QTest::newRow("cjk") << QStringLiteral("東京テクノロジー株式会社").repeated(5);
    }

    void friendlyNameKeepsTheTagWithinSixtyFourCharacters()
    {
        QFETCH(QString, org);
        const QString runId = ResourceTags::newRunId();
        const QString name = ResourceTags::friendlyName(org, runId);
        QVERIFY(name.size() <= ResourceTags::kMaxFriendlyName);
        QVERIFY(name.endsWith(QStringLiteral("[oc:%1]").arg(runId)));
        QVERIFY(!name.contains(QLatin1Char('\n')) && !name.contains(QLatin1Char('\r')));
        QVERIFY(!name.isEmpty() && !name.at(0).isLowSurrogate());
        for (qsizetype i = 0; i < name.size(); ++i) {
            if (name.at(i).isHighSurrogate())
                QVERIFY(i + 1 < name.size() && name.at(i + 1).isLowSurrogate());
        }
        QCOMPARE(ResourceTags::runIdFromFriendlyName(name), std::optional<QString>(runId));
    }

    void foreignNamesCarryNoRunId()
    {
        QCOMPARE(ResourceTags::runIdFromFriendlyName(QStringLiteral("(510) 555-1234")), std::nullopt);
        QCOMPARE(ResourceTags::runIdFromFriendlyName(QStringLiteral("Acme [oc:xyz]")), std::nullopt);
    }

    void metadataRoundTrips()
    {
        const QJsonObject m = ResourceTags::assistantMetadata(QStringLiteral("0123456789abcdef"), QStringLiteral("inbound"));
        QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("inbound"));
        QCOMPARE(ResourceTags::runIdFromMetadata(m), std::optional<QString>(QStringLiteral("0123456789abcdef")));
        QCOMPARE(ResourceTags::runIdFromMetadata({}), std::nullopt);
    }

    void leaseOfThisProcessIsNotGone()
    {
        const LeaseOwner me = LeaseOwner::current();
        QVERIFY(me.isValid());
        QVERIFY(me.startTime > 0);
        QCOMPARE(LeaseOwner::parse(me.toString()).toString(), me.toString());
        QVERIFY(!me.isGoneFromThisHost());
    }

    void leaseOfAnEndedProcessIsFreeAtOnce()
    {
        QProcess child;
        child.start(QStringLiteral("/bin/true"), {});
        QVERIFY(child.waitForStarted());
        const qint64 pid = child.processId();
        const qint64 start = processStartTime(pid);
        QVERIFY(child.waitForFinished());
        LeaseOwner gone = LeaseOwner::current();
        gone.pid = pid;
        gone.startTime = start;
        QVERIFY(gone.isGoneFromThisHost());
        // Same pid reused by a different process: different start time, also gone.
        LeaseOwner reused = LeaseOwner::current();
        reused.startTime += 1;
        QVERIFY(reused.isGoneFromThisHost());
        // Another host: never assumed gone.
        LeaseOwner elsewhere = gone;
        elsewhere.host = QStringLiteral("another-console");
        QVERIFY(!elsewhere.isGoneFromThisHost());
        // Same hostname, another PID namespace (a container, Flatpak) or another boot: not provable either.
        LeaseOwner container = gone;
        container.pidNamespace = QStringLiteral("4026531836999");
        QVERIFY(!container.isGoneFromThisHost());
        LeaseOwner rebooted = gone;
        rebooted.bootId = QStringLiteral("00000000-0000-0000-0000-000000000000");
        QVERIFY(!rebooted.isGoneFromThisHost());
        // An owner string without boot id and namespace (written by an older version) is never assumed gone.
        QVERIFY(!LeaseOwner::parse(QStringLiteral("%1/%2/%3").arg(gone.host).arg(pid).arg(start)).isGoneFromThisHost());
        QCOMPARE(LeaseOwner::parse(gone.toString()).toString(), gone.toString());
    }

    void theCurrentProcessIsNeverGone()
    {
        LeaseOwner me = LeaseOwner::current();
        QVERIFY(!me.isGoneFromThisHost());
    }
};

QTEST_GUILESS_MAIN(TestResourceTags)
#include "tst_resourcetags.moc"
