#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace oc {

namespace {

const QString ResourceDir = QStringLiteral(":/i18n");
const QString Prefix = QStringLiteral("orgconsole_");

struct Installed {
    std::unique_ptr<QTranslator> console;
    std::unique_ptr<QTranslator> qt;
};

Installed &installed()
{
    static Installed instance;
    return instance;
}

void remove(std::unique_ptr<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator.get());
        translator.reset();
    }
}

} // namespace

QStringList availableTranslations()
{
    QStringList languages;
    for (const QString &file : QDir(ResourceDir).entryList({Prefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name))
        languages.append(file.mid(Prefix.size()).chopped(3));
    return languages;
}

QString installTranslations(const QLocale &locale)
{
    Installed &now = installed();
    remove(now.console);
    remove(now.qt);

    // The locale's UI languages in order of preference (LANGUAGE=de:en, else LANG): the first one the
    // console has wins, and English — the source texts — counts as had, so "en_US:de" stays English.
    // (QTranslator::load(QLocale, ...) would skip English for lack of a file and pick German.)
    auto console = std::make_unique<QTranslator>();
    QString language;
    for (const QString &uiLanguage : locale.uiLanguages()) {
        const QLocale candidate(uiLanguage);
        if (candidate.language() == QLocale::C)
            continue;
        const QString primary = candidate.name().section(u'_', 0, 0);
        if (primary == u"en")
            return {};
        if (console->load(Prefix + candidate.name(), ResourceDir) || console->load(Prefix + primary, ResourceDir)) {
            language = primary;
            break;
        }
    }
    if (language.isEmpty())
        return {}; // no language the console is translated into: English
    QCoreApplication::installTranslator(console.get());
    now.console = std::move(console);

    // Qt's own texts in the same language, when its translations are installed (qt6-translations-l10n);
    // without them standard buttons stay English and everything else still works.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        now.qt = std::move(qt);
    }
    return language;
}

} // namespace oc
