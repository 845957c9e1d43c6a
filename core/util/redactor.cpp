#include "util/redactor.h"

#include <QJsonArray>
#include <QMutex>
#include <QReadWriteLock>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

namespace oc::Redactor {

namespace {

QString marker()
{
    return QString::fromLatin1(Marker);
}

// Headers whose values are credentials; compared case-insensitively as HTTP requires.
bool isSecretHeader(const QByteArray &name)
{
    static const QList<QByteArray> names{"authorization", "proxy-authorization", "cookie", "set-cookie"};
    return names.contains(name.trimmed().toLower());
}

// A pattern with %1 standing for "any secret key name", compiled once.
QRegularExpression withSecretNames(const char *pattern)
{
    QStringList escaped;
    for (const QString &name : secretKeyNames())
        escaped << QRegularExpression::escape(name);
    return QRegularExpression(QString::fromLatin1(pattern).arg(escaped.join(QLatin1Char('|'))),
                              QRegularExpression::CaseInsensitiveOption);
}

// Rewrites every match of re through replace(); replace returns the full replacement of the match.
QString replaceEach(const QString &input, const QRegularExpression &re,
                    const std::function<QString(const QRegularExpressionMatch &)> &replace)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(input);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(input).mid(last, m.capturedStart() - last);
        out += replace(m);
        last = m.capturedEnd();
    }
    out += QStringView(input).mid(last);
    return out;
}

// Basic credentials are base64("user:password"); checking the colon keeps prose like "Basic setup" intact.
bool looksLikeBasicCredentials(const QString &token)
{
    const auto decoded = QByteArray::fromBase64Encoding(token.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.contains(':');
}

struct SecretValues {
    QReadWriteLock lock;
    QStringList values; // longest first, so a secret containing another is replaced whole
};

SecretValues &secretValues()
{
    static SecretValues values;
    return values;
}

} // namespace

void addSecretValue(const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() < 6)
        return;
    SecretValues &s = secretValues();
    QWriteLocker locker(&s.lock);
    if (s.values.contains(v))
        return;
    s.values.append(v);
    std::sort(s.values.begin(), s.values.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void clearSecretValues()
{
    SecretValues &s = secretValues();
    QWriteLocker locker(&s.lock);
    s.values.clear();
}

const QStringList &secretKeyNames()
{
    static const QStringList names{
        QStringLiteral("authorization"),   QStringLiteral("authtoken"),     QStringLiteral("twilioauthtoken"),
        QStringLiteral("twilioapisecret"), QStringLiteral("apikey"),        QStringLiteral("api_key"),
        QStringLiteral("password"),        QStringLiteral("secret"),        QStringLiteral("token"),
        QStringLiteral("privatekey"),      QStringLiteral("credentials"),   QStringLiteral("smtppassword"),
        QStringLiteral("accesstoken"),     QStringLiteral("refreshtoken"),
    };
    return names;
}

bool isSecretKey(const QString &key)
{
    return secretKeyNames().contains(key.toLower());
}

QString text(QString input)
{
    using RE = QRegularExpression;

    {
        SecretValues &s = secretValues();
        QReadLocker locker(&s.lock);
        for (const QString &v : std::as_const(s.values))
            input.replace(v, marker());
    }

    // JSON string fields first, while their quotes still delimit the value.
    static const RE jsonField = withSecretNames(R"re(("(?:%1)"\s*:\s*)"(?:[^"\\]|\\.)*")re");
    input.replace(jsonField, QStringLiteral("\\1\"%1\"").arg(marker()));

    // Header lines: everything after the colon is a credential, whatever the scheme.
    static const RE headerLine(
        QStringLiteral(R"re((^|[\r\n]|[^A-Za-z0-9-])((?:proxy-)?authorization|cookie|set-cookie)(\s*:\s*)[^\r\n]*)re"),
        RE::CaseInsensitiveOption);
    input.replace(headerLine, QStringLiteral("\\1\\2\\3%1").arg(marker()));

    static const RE bearer(QStringLiteral(R"re(\b(Bearer)(\s+)[A-Za-z0-9._~+/=-]+)re"), RE::CaseInsensitiveOption);
    input.replace(bearer, QStringLiteral("\\1\\2%1").arg(marker()));

    static const RE basic(QStringLiteral(R"re(\b(Basic)(\s+)([A-Za-z0-9+/]+={0,2}))re"), RE::CaseInsensitiveOption);
    input = replaceEach(input, basic, [](const QRegularExpressionMatch &m) {
        if (!looksLikeBasicCredentials(m.captured(3)))
            return m.captured(0);
        return m.captured(1) + m.captured(2) + marker();
    });

    // scheme://user:password@host — keep the user so the message still says who connected.
    static const RE urlPassword(QStringLiteral(R"re(([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*):[^\s/@]*@)re"));
    input.replace(urlPassword, QStringLiteral("\\1:%1@").arg(marker()));

    // Form bodies and query strings; the look-behind keeps e.g. PageToken= (Twilio paging) readable.
    static const RE formField = withSecretNames(R"re((?<![A-Za-z0-9_])((?:%1)=)[^&\s"'<>]*)re");
    input.replace(formField, QStringLiteral("\\1%1").arg(marker()));

    return input;
}

QJsonValue json(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(json(item));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), isSecretKey(it.key()) ? QJsonValue(marker()) : json(it.value()));
        return out;
    }
    return value;
}

HeaderList headers(const HeaderList &headers)
{
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers)
        out.append({name, isSecretHeader(name) ? QByteArray(Marker) : value});
    return out;
}

} // namespace oc::Redactor
