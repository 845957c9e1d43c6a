#include "util/csvwriter.h"

#include <QBuffer>
#include <QTest>

using namespace oc;

class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsAreQuotedOnlyWhenTheyMustBe_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << QStringLiteral("org.approve") << QStringLiteral("org.approve");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("Smith, Jones & Co") << QStringLiteral("\"Smith, Jones & Co\"");
        QTest::newRow("quote") << QStringLiteral("The \"Best\" Pizza") << QStringLiteral("\"The \"\"Best\"\" Pizza\"");
        QTest::newRow("newline") << QStringLiteral("line 1\nline 2") << QStringLiteral("\"line 1\nline 2\"");
        QTest::newRow("crlf") << QStringLiteral("a\r\nb") << QStringLiteral("\"a\r\nb\"");
        QTest::newRow("unicode") << QStringLiteral("Zürich Bäckerei ☕ 東京") << QStringLiteral("Zürich Bäckerei ☕ 東京");
        QTest::newRow("spaces kept") << QStringLiteral("  padded  ") << QStringLiteral("  padded  ");
        QTest::newRow("apostrophe inside") << QStringLiteral("O'Brien") << QStringLiteral("O'Brien");
    }
    void fieldsAreQuotedOnlyWhenTheyMustBe()
    {
        QFETCH(QString, cell);
        QFETCH(QString, field);
        QCOMPARE(CsvWriter::field(cell), field);
    }

    void formulasBecomeText_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("field");
        QTest::newRow("equals") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
        QTest::newRow("plus") << QStringLiteral("+15105551234") << QStringLiteral("'+15105551234");
        QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=x") << QStringLiteral("'\t=x");
        QTest::newRow("cr") << QStringLiteral("\r=x") << QStringLiteral("\"'\r=x\"");
        QTest::newRow("hyperlink with quotes and comma")
            << QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        QTest::newRow("not at the start") << QStringLiteral("a=b") << QStringLiteral("a=b");
    }
    void formulasBecomeText()
    {
        QFETCH(QString, cell);
        QFETCH(QString, field);
        QCOMPARE(CsvWriter::field(cell), field);
    }

    void recordsEndWithCrlfInUtf8()
    {
        QCOMPARE(CsvWriter::record({QStringLiteral("a"), QString(), QStringLiteral("Café, Olé")}),
                 QByteArray("a,,\"Caf\xc3\xa9, Ol\xc3\xa9\"\r\n"));
        QCOMPARE(CsvWriter::record({}), QByteArray("\r\n"));
    }

    void writesRowsToADevice()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeRow({QStringLiteral("time"), QStringLiteral("detail")}));
        QVERIFY(writer.writeRow({QStringLiteral("2026-01-15T14:03:27.000Z"), QStringLiteral("=cmd|' /C calc'!A0")}));
        QCOMPARE(writer.rowsWritten(), 2);
        QVERIFY(writer.ok());
        QCOMPARE(buffer.data(), QByteArray("time,detail\r\n2026-01-15T14:03:27.000Z,'=cmd|' /C calc'!A0\r\n"));
    }

    void reportsAFailedWriteAndStops()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::ReadOnly)); // writes fail
        CsvWriter writer(&buffer);
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        QVERIFY(!writer.writeRow({QStringLiteral("x")}));
        QVERIFY(!writer.ok());
        QVERIFY(!writer.errorString().isEmpty());
        QVERIFY(!writer.writeRow({QStringLiteral("y")})); // stays failed, writes nothing more
        QCOMPARE(writer.rowsWritten(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
