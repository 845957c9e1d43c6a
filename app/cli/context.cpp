#include "context.h"

#include "settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSettings>

#include <cstdio>

namespace oc::cli {

namespace {

void writeTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

QString printable(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            c = QChar(0xfffd);
    }
    return out;
}

Context::Context(QString path) : commandPath(std::move(path))
{
    parser.setApplicationDescription(QString());
    parser.addHelpOption();
    parser.addOption(databaseOption);
    parser.addOption(jsonOption);
}

std::optional<int> Context::parse(const QStringList &args, const QString &positionalSyntax, int minPositional, int maxPositional)
{
    parser.addPositionalArgument(QStringLiteral("args"), QString(), positionalSyntax);
    // QCommandLineParser wants the program name first.
    if (!parser.parse(QStringList{QStringLiteral("orgctl ") + commandPath} + args))
        return fail(QStringLiteral("%1 (see orgctl %2 --help)").arg(parser.errorText(), commandPath), Usage);
    if (parser.isSet(QStringLiteral("help"))) {
        // QCommandLineParser names the program after argv[0] and lists the placeholder "args": say what to type.
        QStringList lines = parser.helpText().trimmed().split(QLatin1Char('\n'));
        lines.first() = QStringLiteral("Usage: orgctl %1 [options]").arg(commandPath)
                        + (positionalSyntax.isEmpty() ? QString() : QLatin1Char(' ') + positionalSyntax);
        const qsizetype arguments = lines.indexOf(QStringLiteral("Arguments:"));
        if (arguments > 0) {
            lines.resize(arguments);
            while (!lines.isEmpty() && lines.last().isEmpty())
                lines.removeLast();
        }
        print(lines.join(QLatin1Char('\n')));
        return Ok;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional)
        return fail(QStringLiteral("missing arguments: usage: orgctl %1 %2").arg(commandPath, positionalSyntax), Usage);
    if (n > maxPositional)
        return fail(QStringLiteral("unexpected argument \"%1\" (see orgctl %2 --help)")
                        .arg(printable(parser.positionalArguments().value(maxPositional)), commandPath), Usage);
    return std::nullopt;
}

Store *Context::store()
{
    if (m_store)
        return m_store.get();
    QSettings stored;
    const EffectiveConfig config = Settings::resolve(Settings(stored), QProcessEnvironment::systemEnvironment());
    auto url = DatabaseUrl::choose(parser.value(databaseOption), config.databaseUrl);
    if (!url) {
        fail(url.error().message, Usage);
        return nullptr;
    }
    auto opened = Store::open(url.value());
    if (!opened) {
        fail(opened.error().message);
        return nullptr;
    }
    m_store = std::move(opened).value();
    return m_store.get();
}

int Context::fail(const QString &message, int code)
{
    writeTo(stderr, QStringLiteral("orgctl: ") + printable(message) + QLatin1Char('\n'));
    return code;
}

void Context::printJson(const QJsonValue &value)
{
    QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    writeTo(stdout, QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

void Context::print(const QString &line)
{
    writeTo(stdout, line + QLatin1Char('\n'));
}

} // namespace oc::cli
