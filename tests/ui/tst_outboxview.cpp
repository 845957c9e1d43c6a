// The Outbox: an e-mail sent by core's Mailer to a running sandbox SMTP sink, read back through
// OutboxMessage::fromRaw and shown formatted, as plain text, with its headers and its source.
#include "emailpreviewbrowser.h"
#include "mail/emailrenderer.h"
#include "mail/mailer.h"
#include "mail/outboxmessage.h"
#include "outboxmodel.h"
#include "outboxview.h"
#include "sandbox/sandbox.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace oc;

namespace {

QList<OutboxMessage> outboxOf(const sandbox::Sandbox &sandbox)
{
    // What the lead's adapter in app/ does.
    QList<OutboxMessage> messages;
    for (const sandbox::SmtpMessage &m : sandbox.messages())
        messages.append(OutboxMessage::fromRaw(m.data, m.receivedAt, m.mailFrom, m.rcptTo));
    return messages;
}

OutboxMessage synthetic(int n, const QString &html = QStringLiteral("<p>hello</p>"))
{
    QByteArray raw = "From: a@example.com\r\nTo: b@example.com\r\nSubject: message " + QByteArray::number(n) + "\r\n";
    if (html.isEmpty()) {
        raw += "Content-Type: text/plain; charset=utf-8\r\n\r\nonly text " + QByteArray::number(n) + "\r\n";
    } else {
        raw += "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\ntext "
               + QByteArray::number(n) + "\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.toUtf8() + "\r\n--b--\r\n";
    }
    return OutboxMessage::fromRaw(raw, QDateTime(QDate(2025, 7, 1), QTime(10, n), Qt::UTC));
}

void saveScreenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
}

} // namespace

class TestOutboxView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAnEmailSentThroughTheSandbox()
    {
        sandbox::Sandbox sandbox;
        const Result<void> started = sandbox.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));

        const EmailRenderer renderer({QStringLiteral("Acme Voice"), QStringLiteral("help@acme.example"), QUrl()});
        const Result<RenderedEmail> email = renderer.approval(
            {QStringLiteral("Café Müller <b>&</b>"), QStringLiteral("Zoë Owner"), QStringLiteral("+15105550123"),
             QStringLiteral("Café Müller inbound"), QStringLiteral("a1"), QStringLiteral("Café Müller outbound"), QStringLiteral("b2"),
             QDateTime(QDate(2025, 7, 1), QTime(10, 0), Qt::UTC)});
        QVERIFY(email);
        MailMessage message{QStringLiteral("notifications@acme.example"), QStringLiteral("Acme Voice"),
                            QStringLiteral("owner@cafe.example"), QStringLiteral("Zoë Owner"), email->subject, email->text, email->html};
        SmtpConfig config{sandbox.smtpUrl(), sandbox.credentials().smtpUser, sandbox.credentials().smtpPassword, sandbox.caFile()};
        config.timeout = std::chrono::seconds(20);
        Mailer mailer(config);
        auto job = mailer.send(message);
        QSignalSpy finished(job.get(), &MailJob::finished);
        QVERIFY(finished.wait(30000));
        QVERIFY2(job->result().ok(), qPrintable(job->result().message));
        QCOMPARE(sandbox.messages().size(), 1);

        OutboxView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&view, &OutboxView::messageCountChanged);
        view.resize(1000, 760);
        view.show();
        view.setMessages(outboxOf(sandbox));
        QCOMPARE(counted.count(), 1);
        QCOMPARE(counted.constLast().at(0).toInt(), 1);
        QCOMPARE(view.model()->rowCount(), 1);
        const QModelIndex subject = view.model()->index(0, OutboxModel::SubjectColumn);
        QCOMPARE(subject.data().toString(), QStringLiteral("Your AI phone line for Café Müller <b>&</b> is ready")); // RFC 2047 decoded
        QCOMPARE(view.model()->index(0, OutboxModel::ToColumn).data().toString(), QStringLiteral("Zoë Owner <owner@cafe.example>"));
        QCOMPARE(view.model()->index(0, OutboxModel::FromColumn).data().toString(), QStringLiteral("Acme Voice <notifications@acme.example>"));

        // The newest message opens without a click.
        const OutboxMessage *shown = view.currentMessage();
        QVERIFY(shown);
        QCOMPARE(shown->html, email->html); // quoted-printable undone byte for byte
        QCOMPARE(shown->text, email->text);
        QVERIFY(view.htmlView()->toPlainText().contains(QStringLiteral("Café Müller <b>&</b>")));
        QVERIFY(view.htmlView()->toPlainText().contains(QStringLiteral("(510) 555-0123")));
        QVERIFY(view.textView()->toPlainText().contains(QStringLiteral("Hi Zoë Owner")));
        QVERIFY(view.headersView()->toPlainText().contains(QStringLiteral("Message-ID: <")));
        QVERIFY(view.sourceView()->toPlainText().contains(QStringLiteral("Content-Transfer-Encoding: quoted-printable")));
        QVERIFY(view.tabs()->isTabEnabled(OutboxView::FormattedTab));
        saveScreenshot(view, QStringLiteral("outbox.png"));
    }

    void newMessagesGoOnTopAndKeepTheSelection()
    {
        OutboxView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(view.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(view.model(), &QAbstractItemModel::modelReset);
        view.setMessages({synthetic(1), synthetic(2)});
        QCOMPARE(view.model()->index(0, OutboxModel::SubjectColumn).data().toString(), QStringLiteral("message 2"));
        view.list()->setCurrentIndex(view.model()->index(1, 0)); // the older one
        QCOMPARE(view.currentMessage()->subject, QStringLiteral("message 1"));

        view.setMessages({synthetic(1), synthetic(2), synthetic(3)});
        QCOMPARE(view.model()->rowCount(), 3);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(view.model()->index(0, OutboxModel::SubjectColumn).data().toString(), QStringLiteral("message 3"));
        QCOMPARE(view.currentMessage()->subject, QStringLiteral("message 1")); // still reading the same e-mail
        QCOMPARE(view.list()->currentIndex().row(), 2);
        QVERIFY(view.textView()->toPlainText().contains(QStringLiteral("text 1")));

        view.appendMessage(synthetic(4));
        QCOMPARE(view.model()->rowCount(), 4);
        QCOMPARE(view.currentMessage()->subject, QStringLiteral("message 1"));

        view.setMessages({synthetic(1), synthetic(2), synthetic(3), synthetic(4)}); // nothing new
        QCOMPARE(inserted.count(), 3);

        view.setMessages({synthetic(7)}); // the sink was cleared: start over
        QCOMPARE(reset.count(), 1);
        QCOMPARE(view.model()->rowCount(), 1);
    }

    void anEmptyOutboxSaysWhatWillAppear()
    {
        OutboxView view;
        view.resize(800, 500);
        view.show();
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(!view.currentMessage());
        const QList<QLabel *> labels = view.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(),
                            [](QLabel *l) { return l->isVisible() && l->text().startsWith(QStringLiteral("No e-mails yet")); }));
        saveScreenshot(view, QStringLiteral("outbox-empty.png"));
    }

    void aTextOnlyMessageOpensOnPlainText()
    {
        OutboxView view;
        view.setMessages({synthetic(1, QString())});
        QVERIFY(!view.tabs()->isTabEnabled(OutboxView::FormattedTab));
        QCOMPARE(view.tabs()->currentIndex(), int(OutboxView::PlainTextTab));
        QCOMPARE(view.textView()->toPlainText(), QStringLiteral("only text 1\n"));
    }

    void receivedHtmlCannotReadLocalFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("red.png"));
        QImage red(7, 7, QImage::Format_RGB32);
        red.fill(Qt::red);
        QVERIFY(red.save(path));
        OutboxView view;
        view.setMessages({synthetic(1, QStringLiteral("<p>x</p><img src=\"%1\"><img src=\"file://%1\">").arg(path))});
        for (const QUrl &url : {QUrl(path), QUrl::fromLocalFile(path), QUrl(QStringLiteral("http://127.0.0.1:9/track.gif"))}) {
            const QVariant loaded = view.htmlView()->loadResource(QTextDocument::ImageResource, url);
            QVERIFY2(loaded.value<QImage>().size() != QSize(7, 7), qPrintable(url.toString())); // the placeholder, not the file
        }
    }
};

QTEST_MAIN(TestOutboxView)
#include "tst_outboxview.moc"
