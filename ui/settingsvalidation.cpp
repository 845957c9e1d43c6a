#include "settingsvalidation.h"

#include "mail/mailmessage.h"
#include "phone/countrycatalog.h"
#include "store/databaseurl.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace oc {

namespace {

bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}

} // namespace

bool SettingsValidation::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

FieldCheck SettingsValidation::endpoint(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return FieldCheck::ok();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https" && scheme != u"http") || url.host().isEmpty())
        return FieldCheck::error(tr("Enter a web address such as https://api.example.com, or leave the field empty for the default."));
    if (!url.userInfo().isEmpty())
        return FieldCheck::error(tr("Remove the user name and password from the address: credentials belong in the Credentials tab."));
    if (scheme == u"http" && !isLoopbackHost(url.host()))
        return FieldCheck::error(tr("Use https:// — only an endpoint on this machine (localhost) may use plain http."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::databaseUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return FieldCheck::ok();
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
    if (!parsed)
        return FieldCheck::error(sentence(parsed.error().message));
    if (!parsed->password.isEmpty())
        return FieldCheck::note(tr("The password in this URL is not saved. Put it in ~/.pgpass, PGPASSWORD or ORGCONSOLE_DATABASE."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::twilioAccountSid(const QString &input)
{
    static const QRegularExpression sid(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    const QString text = input.trimmed();
    if (text.isEmpty() || sid.match(text).hasMatch())
        return FieldCheck::ok();
    return FieldCheck::error(tr("An account SID is \"AC\" followed by 32 letters and digits (0–9, a–f); copy it from the Twilio console."));
}

FieldCheck SettingsValidation::secret(const QString &text)
{
    if (hasControl(text.trimmed()))
        return FieldCheck::error(tr("The value contains a line break or control character; paste it again without one."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::smtpUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return FieldCheck::note(tr("No SMTP server: owners are not e-mailed."));
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"smtp" && scheme != u"smtps") || url.host().isEmpty())
        return FieldCheck::error(tr("Enter smtps://host:465 (TLS) or smtp://host:587 (STARTTLS)."));
    if (!url.userInfo().isEmpty())
        return FieldCheck::error(tr("Remove the user name and password from the URL: use the SMTP user field and the SMTP password in Credentials."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::smtpUser(const QString &input, bool smtpConfigured)
{
    const QString text = input.trimmed();
    if (hasControl(text))
        return FieldCheck::error(tr("The user name contains a line break or control character."));
    if (text.isEmpty() && smtpConfigured)
        return FieldCheck::error(tr("Enter the user name for the SMTP server."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::caFile(const QString &input)
{
    const QString path = input.trimmed();
    if (path.isEmpty())
        return FieldCheck::ok();
    const QFileInfo info(path);
    if (!info.exists())
        return FieldCheck::error(tr("File not found: %1. Choose the CA certificate file again.").arg(path));
    if (info.isDir())
        return FieldCheck::error(tr("%1 is a folder; choose a PEM file with the CA certificate.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return FieldCheck::error(tr("Cannot read %1: %2.").arg(path, file.errorString()));
    if (!file.read(1024 * 1024).contains("-----BEGIN CERTIFICATE-----"))
        return FieldCheck::error(tr("%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).").arg(path));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::senderAddress(const QString &input, bool smtpConfigured)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return smtpConfigured ? FieldCheck::error(tr("Enter the address e-mails are sent from, e.g. notifications@example.com."))
                              : FieldCheck::ok();
    // Core's mailer decides what it sends; its reason is English (orgctl shows it), so it is worded here again.
    if (mailAddressProblem(text, QString()).isEmpty())
        return FieldCheck::ok();
    if (hasControl(text))
        return FieldCheck::error(tr("The sender address contains a line break or control character; type it again without one."));
    if (text.size() > 254)
        return FieldCheck::error(tr("The sender address is longer than 254 characters."));
    if (std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() > 0x7e; }))
        return FieldCheck::error(tr("The sender address contains characters other than ASCII, which the mailer does not send."));
    return FieldCheck::error(tr("\u201C%1\u201D is not an e-mail address: enter one such as notifications@example.com.")
                                 .arg(text.left(80)));
}

FieldCheck SettingsValidation::logoUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return FieldCheck::ok();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https" && scheme != u"http") || url.host().isEmpty())
        return FieldCheck::error(tr("Enter the web address of an image, e.g. https://example.com/logo.png; e-mails cannot show files from this computer."));
    if (scheme == u"http")
        return FieldCheck::note(tr("Many mail clients block images over http; prefer https."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::areaCode(const QString &input, const QString &country)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,6}$"));
    static const QRegularExpression nanp(QStringLiteral("^[2-9][0-9]{2}$"));
    static const QStringList northAmerica{QStringLiteral("US"), QStringLiteral("CA")};
    const QString text = input.trimmed();
    if (text.isEmpty())
        return FieldCheck::ok();
    if (!digits.match(text).hasMatch())
        return FieldCheck::error(tr("An area code is digits only, e.g. 510."));
    if (northAmerica.contains(country.toUpper()) && !nanp.match(text).hasMatch())
        return FieldCheck::error(tr("Area codes in the US and Canada have three digits and do not start with 0 or 1, e.g. 510."));
    return FieldCheck::ok();
}

FieldCheck SettingsValidation::complianceDefault(const QString &country, const QString &bundle, const QString &address)
{
    static const QRegularExpression bundleSid(QStringLiteral("^BU[0-9a-fA-F]{32}$"));
    static const QRegularExpression addressSid(QStringLiteral("^AD[0-9a-fA-F]{32}$"));
    const QString cc = country.trimmed().toUpper();
    if (cc.isEmpty())
        return FieldCheck::error(tr("Give each row a country code, such as DE, or remove the row."));
    const auto known = phone::CountryCatalog::country(cc);
    if (!known)
        return FieldCheck::error(tr("\"%1\" is not a country Twilio sells local numbers in: use its two-letter code, such as DE.")
                                     .arg(cc.left(10)));
    if (bundle.trimmed().isEmpty() && address.trimmed().isEmpty())
        return FieldCheck::error(tr("%1: give a bundle, an address or both, or remove the row.").arg(cc));
    if (!bundle.trimmed().isEmpty() && !bundleSid.match(bundle.trimmed()).hasMatch())
        return FieldCheck::error(tr("%1: the bundle is \"BU\" and 32 hexadecimal digits, as Twilio's console shows it "
                                    "(Regulatory Compliance → Bundles).").arg(cc));
    if (!address.trimmed().isEmpty() && !addressSid.match(address.trimmed()).hasMatch())
        return FieldCheck::error(tr("%1: the address is \"AD\" and 32 hexadecimal digits, as Twilio's console shows it "
                                    "(Phone Numbers → Addresses).").arg(cc));
    if (known->nanp)
        return FieldCheck::note(tr("%1 numbers need no bundle: this default is kept but not needed.").arg(cc));
    return FieldCheck::ok();
}

} // namespace oc
