#include "confirmation.h"

#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QWidget>

using namespace oc;

// confirmDestructive(): asks without a nested event loop — it returns with the box open — and only the action
// button runs the action; Cancel, Escape and Return (Cancel is the default) do nothing.
class TestConfirmation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    int m_confirmed = 0;

    QMessageBox *ask(const QObject *context)
    {
        return confirmDestructive(m_window.get(),
                                  {.title = QStringLiteral("Release orphans"),
                                   .question = QStringLiteral("Release and delete these 2 resources?"),
                                   .details = QStringLiteral("Saves about $2.30 a month."),
                                   .action = QStringLiteral("Release 2"),
                                   .detailedText = QStringLiteral("• Phone number +15105550100\n• Assistant asst_1")},
                                  context, [this] { ++m_confirmed; });
    }

    static QAbstractButton *button(QMessageBox *box, const QString &text)
    {
        for (QAbstractButton *b : box->buttons()) {
            if (b->text().remove(u'&') == text)
                return b;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_confirmed = 0;
        m_window = std::make_unique<QWidget>();
        m_window->resize(600, 400);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup() { m_window.reset(); }

    void returnsAtOnceWithTheQuestionOpen()
    {
        QPointer<QMessageBox> box = ask(this);
        // Back here while the box is up: no nested event loop ran it.
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->windowModality(), Qt::WindowModal);
        QCOMPARE(box->parentWidget(), m_window.get());
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QCOMPARE(box->text(), QStringLiteral("Release and delete these 2 resources?"));
        QCOMPARE(box->informativeText(), QStringLiteral("Saves about $2.30 a month."));
        QVERIFY(box->detailedText().contains(QLatin1String("asst_1")));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QCOMPARE(box->escapeButton(), box->button(QMessageBox::Cancel));
        QVERIFY(button(box, QStringLiteral("Release 2")));
        QCOMPARE(m_confirmed, 0);
        box->button(QMessageBox::Cancel)->click();
    }

    void cancelEscapeAndReturnDoNothing_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("Cancel clicked") << QStringLiteral("cancel");
        QTest::newRow("Escape") << QStringLiteral("escape");
        QTest::newRow("Return: Cancel is the default") << QStringLiteral("return");
        QTest::newRow("closed by the window manager") << QStringLiteral("close");
    }
    void cancelEscapeAndReturnDoNothing()
    {
        QFETCH(QString, how);
        QPointer<QMessageBox> box = ask(this);
        QTRY_VERIFY(box->isVisible());
        if (how == QLatin1String("cancel"))
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        else if (how == QLatin1String("escape"))
            QTest::keyClick(box, Qt::Key_Escape);
        else if (how == QLatin1String("return"))
            QTest::keyClick(box, Qt::Key_Return);
        else
            box->close();
        QTRY_VERIFY(!box); // answered: it deletes itself
        QCOMPARE(m_confirmed, 0);
    }

    void theActionButtonConfirmsOnce()
    {
        QPointer<QMessageBox> box = ask(this);
        QTRY_VERIFY(box->isVisible());
        QTest::mouseClick(button(box, QStringLiteral("Release 2")), Qt::LeftButton);
        QCOMPARE(m_confirmed, 1);
        QTRY_VERIFY(!box);
        QCOMPARE(m_confirmed, 1);
    }

    void anAnswerAfterTheAskerIsGoneDoesNothing()
    {
        auto asker = std::make_unique<QObject>();
        QPointer<QMessageBox> box = ask(asker.get());
        QTRY_VERIFY(box->isVisible());
        asker.reset(); // e.g. the view that asked was closed while the box was up
        button(box, QStringLiteral("Release 2"))->click();
        QCOMPARE(m_confirmed, 0);
        QTRY_VERIFY(!box);
    }

    void theBoxGoesWithItsWindow()
    {
        QPointer<QMessageBox> box = ask(this);
        QTRY_VERIFY(box->isVisible());
        m_window.reset();
        QVERIFY(!box);
        QCOMPARE(m_confirmed, 0);
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("ORGCONSOLE_SHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ORGCONSOLE_SHOT_DIR to write the image");
        QPointer<QMessageBox> box = ask(this);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->grab().save(dir + QStringLiteral("/confirmation.png")));
        box->reject();
    }
};

QTEST_MAIN(TestConfirmation)
#include "tst_confirmation.moc"
