#include "auditmodel.h"
#include "auditview.h"
#include "setuphistory.h"
#include "store/auditexport.h"
#include "store/store.h"
#include "store/storereader.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace oc;

class TestAuditModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    qint64 m_acme = 0;
    qint64 m_bistro = 0;
    static constexpr int kRecords = 450;

    // 450 records a minute apart, newest last: actions cycle add/approve/cleanup, two actors, two organizations.
    void seed()
    {
        m_acme = m_store->organizations().add({QStringLiteral("Acme Dental"), QStringLiteral("a@acme.com"), {}, {}, OrgStatus::Verified, {}}).value();
        m_bistro = m_store->organizations().add({QStringLiteral("Café Olé ☕"), QStringLiteral("b@ole.com"), {}, {}, OrgStatus::Verified, {}}).value();
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
        QVERIFY(m_store->database().transaction([&]() -> Result<void> {
            for (int i = 0; i < kRecords; ++i) {
                AuditRecord r;
                r.at = t0.addSecs(60 * i);
                r.actor = i % 2 ? QStringLiteral("maria@console-1") : QStringLiteral("jonas@console-2");
                r.action = i % 3 == 0 ? QStringLiteral("org.add") : i % 3 == 1 ? QStringLiteral("org.approve") : QStringLiteral("org.cleanup");
                r.organizationId = i % 5 == 0 ? m_bistro : m_acme;
                r.runId = i % 3 == 0 ? QString() : QStringLiteral("run-%1").arg(i);
                r.outcome = i % 7 == 0 ? QStringLiteral("rolled_back") : QStringLiteral("succeeded");
                r.detail = QStringLiteral("record %1").arg(i);
                if (i == 449)
                    r.detail = QStringLiteral("=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line, with comma");
                if (i == 448)
                    r.externalIds = {QStringLiteral("PN0123456789abcdef"), QStringLiteral("+15105550123")};
                if (!m_store->audit().append(r))
                    return Error::storage(QStringLiteral("append"));
            }
            return {};
        }).ok());
    }

    static QList<QByteArray> csvLines(const QByteArray &content)
    {
        // Records end with CRLF; a quoted LF inside a field is not a record end.
        QList<QByteArray> lines;
        QByteArray current;
        bool quoted = false;
        for (qsizetype i = 0; i < content.size(); ++i) {
            const char c = content.at(i);
            if (c == '"')
                quoted = !quoted;
            if (!quoted && c == '\r' && i + 1 < content.size() && content.at(i + 1) == '\n') {
                lines << current;
                current.clear();
                ++i;
                continue;
            }
            current += c;
        }
        if (!current.isEmpty())
            lines << current;
        return lines;
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        seed();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void loadsAPageAtATimeNewestFirstAndReachesEveryRecord()
    {
        StoreReader reader(*m_store);
        AuditModel model(reader);
        QCOMPARE(model.rowCount(), AuditModel::kPageSize);
        QVERIFY(!model.isComplete());
        QSignalSpy loaded(&model, &AuditModel::loaded);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), kRecords);
        QVERIFY(model.isComplete());
        QVERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.last().at(0).toInt(), kRecords);
        QCOMPARE(loaded.last().at(1).toBool(), true);
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            ids.insert(model.index(row, 0).data(AuditModel::IdRole).toLongLong());
            if (row > 0)
                QVERIFY(model.index(row - 1, AuditModel::TimeColumn).data(AuditModel::RawValueRole).toDateTime()
                        > model.index(row, AuditModel::TimeColumn).data(AuditModel::RawValueRole).toDateTime());
        }
        QCOMPARE(ids.size(), kRecords);
    }

    void columnsShowTheRecord()
    {
        StoreReader reader(*m_store);
        AuditModel model(reader);
        QCOMPARE(model.columnCount(), int(AuditModel::ColumnCount));
        QCOMPARE(model.headerData(AuditModel::OutcomeColumn, Qt::Horizontal).toString(), QStringLiteral("Outcome"));
        // Row 0 is record 449, row 1 is 448.
        const QModelIndex detail = model.index(0, AuditModel::DetailColumn);
        QVERIFY(!detail.data().toString().contains(QLatin1Char('\n')));
        QVERIFY(detail.data().toString().contains(QStringLiteral("⏎ second line")));
        QCOMPARE(detail.data(AuditModel::RawValueRole).toString().count(QLatin1Char('\n')), 1);
        QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("org.cleanup")); // 449 % 3 == 2
        QCOMPARE(model.index(0, AuditModel::OrganizationColumn).data().toString(), QStringLiteral("#%1 · Acme Dental").arg(m_acme));
        QCOMPARE(model.index(0, AuditModel::OrganizationColumn).data(AuditModel::RawValueRole).toLongLong(), m_acme);
        QCOMPARE(model.index(0, AuditModel::TimeColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("2023-11-15T05:42:20.000Z"));
        QCOMPARE(model.index(0, AuditModel::RunColumn).data().toString(), QStringLiteral("run-449"));
        QCOMPARE(model.index(0, AuditModel::OutcomeColumn).data().toString(), QStringLiteral("succeeded"));
        QCOMPARE(model.index(0, AuditModel::ActorColumn).data().toString(), QStringLiteral("maria@console-1"));
    }

    void filtersRequeryTheStore()
    {
        StoreReader reader(*m_store);
        AuditModel model(reader);
        auto check = [&] { QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest); };
        auto loadAll = [&] {
            while (model.canFetchMore({}))
                model.fetchMore({});
        };
        AuditQuery f;
        f.action = QStringLiteral("org.approve");
        model.setFilter(f);
        check();
        loadAll();
        QCOMPARE(model.rowCount(), 150);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, AuditModel::ActionColumn).data().toString(), QStringLiteral("org.approve"));

        f = {};
        f.actorContains = QStringLiteral("MARIA");
        f.organizationId = m_bistro;
        model.setFilter(f);
        check();
        loadAll();
        QCOMPARE(model.rowCount(), 45); // odd i with i % 5 == 0: 5, 15, …, 445
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, AuditModel::OrganizationColumn).data().toString(), QStringLiteral("#%1 · Café Olé ☕").arg(m_bistro));

        f = {};
        f.text = QStringLiteral("record 12"); // 12, 120…129
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 11);
        QVERIFY(model.isComplete());
        f.text = QStringLiteral("pn0123456789"); // an external id
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.index(0, AuditModel::DetailColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("+15105550123")));
        f.text = QStringLiteral("no such thing");
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }

    void viewFieldsFilterAfterATypingPause()
    {
        StoreReader reader(*m_store);
        AuditView view(reader);
        QCOMPARE(view.actionFilter()->count(), 4); // all + add, approve, cleanup
        QCOMPARE(view.actionFilter()->itemData(1).toString(), QStringLiteral("org.add"));
        view.actionFilter()->setCurrentIndex(view.actionFilter()->findData(QStringLiteral("org.cleanup")));
        QCOMPARE(view.model()->filter().action, QStringLiteral("org.cleanup")); // at once

        QTest::keyClicks(view.organizationField(), QStringLiteral("x%1").arg(m_bistro)); // the validator drops the x
        QCOMPARE(view.organizationField()->text(), QString::number(m_bistro));
        QVERIFY(!view.model()->filter().organizationId); // not yet: waits for the pause
        QTRY_COMPARE(view.model()->filter().organizationId, std::optional<qint64>(m_bistro));
        QTest::keyClicks(view.searchField(), QStringLiteral("RECORD 44"));
        QTRY_COMPARE(view.model()->filter().text, QStringLiteral("RECORD 44"));
        // cleanup (i % 3 == 2), Café (i % 5 == 0), "record 44…": 440
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.statusLabel()->text(), QStringLiteral("1 record"));

        view.searchField()->setText(QStringLiteral("nothing like this"));
        QTest::keyClick(view.searchField(), Qt::Key_Return); // Return applies at once
        QCOMPARE(view.model()->rowCount(), 0);
        QCOMPARE(view.statusLabel()->text(), QStringLiteral("No audit records match the filter."));
    }

    void exportWritesEveryMatchingRecordAsSafeCsv()
    {
        StoreReader reader(*m_store);
        AuditView view(reader);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        QSignalSpy finished(&view, &AuditView::exportFinished);
        view.exportCsv(path);
        QVERIFY(view.isExporting());
        QVERIFY(!view.exportButton()->isEnabled());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(finished.first().at(1).toLongLong(), qint64(kRecords)); // all, not the 200 on screen
        QVERIFY(view.exportButton()->isEnabled());
        QVERIFY(view.statusLabel()->text().startsWith(QStringLiteral("Exported 450 records")));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        const QList<QByteArray> lines = csvLines(content);
        QCOMPARE(lines.size(), kRecords + 1);
        QCOMPARE(lines.first(), QByteArray("time_utc,actor,action,organization_id,organization,run_id,outcome,detail,external_ids,db_role"));
        // Newest first; the formula neutralised and quoted, its newline and quotes intact inside the field.
        QVERIFY2(lines.at(1).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\nsecond line, with comma\""),
                 lines.at(1).constData());
        QVERIFY(lines.at(1).startsWith("2023-11-15T05:42:20.000Z,maria@console-1,org.cleanup,"));
        QVERIFY(lines.at(2).endsWith(",PN0123456789abcdef +15105550123,")); // one field; no database role on SQLite
        QVERIFY(content.contains(QStringLiteral("Café Olé ☕").toUtf8()));
    }

    void exportHonoursTheFilter()
    {
        StoreReader reader(*m_store);
        AuditView view(reader);
        view.actorField()->setText(QStringLiteral("jonas"));
        QTemporaryDir dir;
        QSignalSpy finished(&view, &AuditView::exportFinished);
        view.exportCsv(dir.filePath(QStringLiteral("jonas.csv"))); // applies the pending filter first
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toLongLong(), qint64(kRecords / 2));
    }

    void aFailedExportLeavesNoFileAndSaysWhy()
    {
        StoreReader reader(*m_store);
        AuditView view(reader);
        QSignalSpy finished(&view, &AuditView::exportFinished);
        QTemporaryFile blocker; // a regular file where the folder should be: not even root can write there
        QVERIFY(blocker.open());
        const QString path = blocker.fileName() + QStringLiteral("/audit.csv");
        view.exportCsv(path);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(2).toString().contains(QStringLiteral("Choose another folder")));
        QVERIFY(!QFile::exists(path));
        QVERIFY(view.exportButton()->isEnabled());
    }

    void aCanceledExportWritesNothing()
    {
        // More than one export page, so the cancel lands half way.
        QVERIFY(m_store->database().transaction([&]() -> Result<void> {
            for (int i = 0; i < AuditExport::kPageSize; ++i) {
                AuditRecord r;
                r.actor = QStringLiteral("bulk");
                r.action = QStringLiteral("demo.seed");
                r.outcome = QStringLiteral("ok");
                if (!m_store->audit().append(r))
                    return Error::storage(QStringLiteral("append"));
            }
            return {};
        }).ok());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("canceled.csv"));
        StoreReader reader(*m_store);
        AuditExport job(reader, {}, path);
        QSignalSpy finished(&job, &AuditExport::finished);
        QSignalSpy progress(&job, &AuditExport::progress);
        job.start();
        QVERIFY(finished.isEmpty()); // never inside start()
        QVERIFY(progress.wait(5000));
        QCOMPARE(job.rows(), qint64(AuditExport::kPageSize));
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(2).toString().contains(QStringLiteral("canceled")));
        QVERIFY(!finished.wait(50)); // exactly once
        QCOMPARE(finished.size(), 1);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0); // no temporary left behind
    }

    void rendersARealisticLogInLightAndDarkPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void rendersARealisticLogInLightAndDarkPalettes()
    {
        QFETCH(bool, dark);
        QVERIFY(test::seedSetupHistory(*m_store, {300, 5, true}).ok());
        StoreReader reader(*m_store);
        AuditView view(reader);
        if (dark) {
            QPalette p;
            p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
            p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
            p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
            p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
            p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd9));
            p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
            view.setPalette(p);
        }
        view.resize(1280, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.tableView()->selectRow(2);
        QCoreApplication::processEvents();
        // The newest records are the realistic ones, with organization names.
        QVERIFY(view.model()->index(0, AuditModel::OrganizationColumn).data().toString().contains(QStringLiteral(" · ")));
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        const QString dirName = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
        if (!dirName.isEmpty()) {
            QDir().mkpath(dirName);
            QVERIFY(image.save(QDir(dirName).filePath(dark ? QStringLiteral("audit-dark.png") : QStringLiteral("audit-light.png"))));
        }
    }
};

QTEST_MAIN(TestAuditModel)
#include "tst_auditmodel.moc"
