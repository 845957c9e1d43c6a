#include "runsmodel.h"
#include "stepprogressdelegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleOptionProgressBar>
#include <QTableView>
#include <QTest>

using namespace oc;

// The step bar: busy (a sweeping chunk) while a step runs, full when done, empty while waiting — always with
// the elapsed time as text — and an animation that repaints only running cells, only while there are any.
class TestStepProgressDelegate : public QObject
{
    Q_OBJECT

private:
    enum Row { Running, Done, Waiting };

    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<QTableView> m_view;
    StepProgressDelegate *m_delegate = nullptr;
    qint64 m_now = 0;

    QModelIndex cell(int row) const { return m_model->index(row, 0); }

    // The cell as the view paints it, at the sweep's phase `at`.
    QImage shot(int row, qint64 at)
    {
        m_now = at;
        QImage image(m_view->visualRect(cell(row)).size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(m_view->viewport());
        option.widget = m_view.get();
        option.rect = QRect(QPoint(0, 0), image.size());
        option.font = m_view->font();
        option.fontMetrics = m_view->fontMetrics();
        m_delegate->paint(&painter, option, cell(row));
        return image;
    }

    // For each column of two shots of a cell: do they differ there?
    static QList<bool> differingColumns(const QImage &a, const QImage &b)
    {
        QList<bool> columns(a.width(), false);
        for (int x = 0; x < a.width(); ++x) {
            for (int y = 0; y < a.height() && !columns[x]; ++y)
                columns[x] = a.pixel(x, y) != b.pixel(x, y);
        }
        return columns;
    }
    static bool anyIn(const QList<bool> &columns, double from, double to)
    {
        for (int x = int(from * columns.size()); x < int(to * columns.size()); ++x) {
            if (columns[x])
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<QStandardItemModel>(3, 1);
        const auto set = [this](int row, bool busy, int progress, const QString &text) {
            m_model->setData(cell(row), busy, StepsModel::BusyRole);
            m_model->setData(cell(row), progress, StepsModel::ProgressRole);
            m_model->setData(cell(row), text, Qt::DisplayRole);
        };
        // The same text everywhere: only the bar tells them apart.
        set(Running, true, 0, QStringLiteral("1.2 s"));
        set(Done, false, 100, QStringLiteral("1.2 s"));
        set(Waiting, false, 0, QStringLiteral("1.2 s"));
        m_view = std::make_unique<QTableView>();
        m_view->setModel(m_model.get());
        m_delegate = new StepProgressDelegate(m_view.get());
        m_delegate->setClock([this] { return m_now; });
        m_view->setItemDelegate(m_delegate);
        m_view->horizontalHeader()->setDefaultSectionSize(200);
        m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
        m_view->resize(260, 200);
    }
    void cleanup()
    {
        m_view.reset();
        m_model.reset();
    }

    void aRunningStepIsBusyNotPartlyDone()
    {
        QStyleOptionViewItem option;
        option.initFrom(m_view.get());
        option.widget = m_view.get();
        option.rect = QRect(0, 0, 200, 30);
        const QStyleOptionProgressBar running = m_delegate->barOption(option, cell(Running));
        QCOMPARE(running.progress, 0); // no pretended progress under the chunk
        QCOMPARE(running.text, QStringLiteral("1.2 s"));
        QVERIFY(running.textVisible);
        QCOMPARE(m_delegate->barOption(option, cell(Done)).progress, 100);
        QCOMPARE(m_delegate->barOption(option, cell(Waiting)).progress, 0);

        // Painted: a running cell is neither the full bar of a done step nor the empty one of a waiting step.
        const QImage busy = shot(Running, 0);
        QVERIFY(busy != shot(Done, 0));
        QVERIFY(busy != shot(Waiting, 0));
        // Done and waiting do not move.
        QCOMPARE(shot(Done, 0), shot(Done, StepProgressDelegate::kSweepMs / 2));
    }

    void theBusyChunkSweepsBackAndForth()
    {
        // At the start of a sweep the chunk is at the left, half a sweep later at the right; the middle (the
        // elapsed time) is the same in both, and a whole sweep later it is back where it started.
        const QList<bool> moved = differingColumns(shot(Running, 0), shot(Running, StepProgressDelegate::kSweepMs / 2));
        QVERIFY(anyIn(moved, 0.0, 0.3));
        QVERIFY(anyIn(moved, 0.7, 1.0));
        QVERIFY(!anyIn(moved, 0.35, 0.65));
        QCOMPARE(shot(Running, StepProgressDelegate::kSweepMs), shot(Running, 0));
        QVERIFY(shot(Running, StepProgressDelegate::kSweepMs / 4) != shot(Running, 0));

        // The geometry: always inside the bar, a quarter of it wide.
        const QRect bar(10, 3, 160, 20);
        for (qint64 t = 0; t < 2 * StepProgressDelegate::kSweepMs; t += 37) {
            const QRect chunk = StepProgressDelegate::busyChunk(bar, t);
            QVERIFY(bar.contains(chunk));
            QCOMPARE(chunk.width(), 40);
        }
        QCOMPARE(StepProgressDelegate::busyChunk(bar, 0).left(), bar.left());
        QCOMPARE(StepProgressDelegate::busyChunk(bar, StepProgressDelegate::kSweepMs / 2).right(), bar.right());
    }

    void onlyRunningCellsAreRepaintedAndOnlyWhileTheyRun()
    {
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QTRY_VERIFY(m_delegate->isAnimating());
        // Every repaint while it sweeps is the running cell's, and nothing else's.
        struct PaintLog : QObject {
            QList<QRect> rects;
            bool eventFilter(QObject *, QEvent *e) override
            {
                if (e->type() == QEvent::Paint)
                    rects << static_cast<QPaintEvent *>(e)->rect();
                return false;
            }
        } log;
        m_view->viewport()->installEventFilter(&log);
        QTRY_VERIFY(log.rects.size() >= 3);
        const QRect running = m_view->visualRect(cell(Running));
        for (const QRect &r : std::as_const(log.rects))
            QVERIFY2(running.contains(r), qPrintable(QStringLiteral("repainted %1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));

        // The step finishes: the animation stops by itself, and nothing is repainted any more.
        m_model->setData(cell(Running), false, StepsModel::BusyRole);
        m_model->setData(cell(Running), 100, StepsModel::ProgressRole);
        QTRY_VERIFY(!m_delegate->isAnimating());
        log.rects.clear();
        QTest::qWait(4 * StepProgressDelegate::kFrameMs); // a quiet interval is the point here
        QVERIFY(log.rects.isEmpty());

        // Running again, but nobody can see it (another tab): no animation either.
        m_model->setData(cell(Waiting), true, StepsModel::BusyRole);
        QTRY_VERIFY(m_delegate->isAnimating());
        m_view->hide();
        QTRY_VERIFY(!m_delegate->isAnimating());
        m_view->viewport()->removeEventFilter(&log);
    }

    void screenshot()
    {
        // For a human: the three looks side by side (QT_QPA_PLATFORM=offscreen, Fusion).
        const QString dir = qEnvironmentVariable("ORGCONSOLE_SHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ORGCONSOLE_SHOT_DIR to write the image");
        const QImage a = shot(Running, 0), b = shot(Running, StepProgressDelegate::kSweepMs / 3), c = shot(Done, 0), d = shot(Waiting, 0);
        QImage all(a.width(), a.height() * 4, QImage::Format_ARGB32_Premultiplied);
        all.fill(m_view->palette().base().color());
        QPainter p(&all);
        int y = 0;
        for (const QImage &i : {a, b, c, d}) {
            p.drawImage(0, y, i);
            y += i.height();
        }
        p.end();
        QVERIFY(all.save(dir + QStringLiteral("/stepbar.png")));
    }
};

QTEST_MAIN(TestStepProgressDelegate)
#include "tst_stepprogressdelegate.moc"
