#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

// core must build and link without QtWidgets (DESIGN §1): prove it from the build's own link line and sources.
class TestCoreBoundary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coreDoesNotLinkWidgetsOrGui()
    {
        QFile file(QStringLiteral(OC_CORE_LINK_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString libraries = QString::fromUtf8(file.readAll());
        QVERIFY2(libraries.contains(QLatin1String("Qt6::Sql")), qPrintable(libraries)); // the file is the real link line
        QVERIFY2(!libraries.contains(QLatin1String("Widgets")), qPrintable(libraries));
        QVERIFY2(!libraries.contains(QLatin1String("Qt6::Gui")), qPrintable(libraries));
    }

    void coreSourcesIncludeNoWidgetHeaders()
    {
        // (Not a raw string: moc's preprocessor trips over one that contains a directive.)
        static const QRegularExpression widgets(QStringLiteral("#\\s*include\\s*[<\"](QtWidgets/|QtGui/|QWidget|QDialog|"
                                                               "QMainWindow|QApplication|QGuiApplication|QPixmap|QImage)\\b"));
        int files = 0;
        QDirIterator it(QStringLiteral(OC_SOURCE_DIR) + QStringLiteral("/core"), {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile source(it.next());
            QVERIFY(source.open(QIODevice::ReadOnly));
            const auto match = widgets.match(QString::fromUtf8(source.readAll()));
            QVERIFY2(!match.hasMatch(), qPrintable(source.fileName() + QStringLiteral(": ") + match.captured(0)));
            ++files;
        }
        QVERIFY(files > 10);
    }
};

QTEST_GUILESS_MAIN(TestCoreBoundary)
#include "tst_coreboundary.moc"
