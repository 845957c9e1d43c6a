#include "emailrenderer.h"

#include "mailmessage.h"
#include "phone/phoneformat.h"

#include <QFile>
#include <QLocale>

#include <kainjow/mustache.hpp>

namespace oc {

namespace {

using Data = kainjow::mustache::data;

bool isInvisibleTrouble(char16_t u)
{
    // Bidirectional overrides and isolates can make an organization name display as something else.
    return (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
}

// `value` without control characters, shortened to `max` characters with an ellipsis. Line breaks
// survive only when `keepLines` (error messages); everything else becomes one line.
QString clean(const QString &value, int max, bool keepLines = false)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (keepLines && u == u'\n')
            out += c;
        else if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029)
            out += u' ';
        else if (!isInvisibleTrouble(u))
            out += c;
    }
    out = keepLines ? out.trimmed() : out.simplified();
    if (out.size() > max) {
        qsizetype cut = max - 1;
        if (out.at(cut - 1).isHighSurrogate())
            --cut; // never split an emoji in two
        out = out.left(cut).trimmed() + QChar(0x2026);
    }
    return out;
}

std::string utf8(const QString &value)
{
    return value.toStdString();
}

Result<QString> render(const QString &name, const Data &data, bool html)
{
    QFile file(QStringLiteral(":/email/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Other, QStringLiteral("the e-mail template %1 is missing from this build").arg(name)};
    kainjow::mustache::mustache tmpl(file.readAll().toStdString());
    if (!html) // the text part is not HTML: values go in verbatim, never as entities
        tmpl.set_custom_escape([](const std::string &s) { return s; });
    const std::string out = tmpl.render(data);
    if (!tmpl.is_valid())
        return Error{Error::Kind::Other, QStringLiteral("the e-mail template %1 is broken: %2")
                                             .arg(name, QString::fromStdString(tmpl.error_message()))};
    return QString::fromStdString(out);
}

Result<RenderedEmail> renderBoth(const QString &kind, const QString &subject, const Data &data)
{
    Result<QString> text = render(kind + QStringLiteral(".txt.mustache"), data, false);
    if (!text)
        return text.error();
    Result<QString> html = render(kind + QStringLiteral(".html.mustache"), data, true);
    if (!html)
        return html.error();
    return RenderedEmail{subject, std::move(text).value(), std::move(html).value()};
}

} // namespace

EmailRenderer::EmailRenderer(EmailBranding branding) : m_branding(std::move(branding))
{
}

QString EmailRenderer::formatTimestamp(const QDateTime &when)
{
    if (!when.isValid())
        return QStringLiteral("unknown time");
    return QLocale(QLocale::English).toString(when.toUTC(), QStringLiteral("d MMMM yyyy, HH:mm")) + QStringLiteral(" UTC");
}

namespace {

Data commonData(const EmailBranding &branding, const QString &organization, const QString &owner)
{
    const QString company = clean(branding.companyName, EmailRenderer::MaxValueLength);
    const QString support = clean(branding.supportContact, EmailRenderer::MaxValueLength);
    Data d;
    d.set("company", utf8(company.isEmpty() ? QStringLiteral("OrgConsole") : company));
    d.set("orgName", utf8(clean(organization, EmailRenderer::MaxNameInBody)));
    const QString greeting = clean(owner, EmailRenderer::MaxValueLength);
    d.set("hasOwnerName", !greeting.isEmpty());
    d.set("ownerName", utf8(greeting));

    QString href;
    const QUrl supportUrl(support, QUrl::StrictMode);
    if (!support.isEmpty() && mailAddressProblem(support, {}).isEmpty())
        href = QStringLiteral("mailto:") + support;
    else if (supportUrl.isValid() && (supportUrl.scheme() == u"https" || supportUrl.scheme() == u"http"))
        href = supportUrl.toString(QUrl::FullyEncoded);
    d.set("hasSupport", !support.isEmpty());
    d.set("supportContact", utf8(support));
    d.set("hasSupportHref", !href.isEmpty());
    d.set("supportHref", utf8(href));

    const QUrl logo = branding.logoUrl;
    const bool logoOk = logo.isValid() && (logo.scheme() == u"https" || logo.scheme() == u"http");
    d.set("hasLogo", logoOk);
    d.set("logoUrl", utf8(logoOk ? logo.toString(QUrl::FullyEncoded) : QString()));
    return d;
}

} // namespace

Result<RenderedEmail> EmailRenderer::approval(const ApprovalEmailData &data) const
{
    Data d = commonData(m_branding, data.organizationName, data.ownerName);
    const QString phone = clean(data.phoneNumber, MaxValueLength);
    d.set("phoneNumber", utf8(phone::formatForHumans(phone)));
    d.set("phoneE164", utf8(phone));
    d.set("inboundName", utf8(clean(data.inboundAssistantName, MaxValueLength)));
    d.set("inboundId", utf8(clean(data.inboundAssistantId, MaxValueLength)));
    d.set("outboundName", utf8(clean(data.outboundAssistantName, MaxValueLength)));
    d.set("outboundId", utf8(clean(data.outboundAssistantId, MaxValueLength)));
    d.set("setupDate", utf8(formatTimestamp(data.setupDate)));
    const QString subject = QStringLiteral("Your AI phone line for %1 is ready").arg(clean(data.organizationName, MaxNameInSubject));
    return renderBoth(QStringLiteral("approval"), subject, d);
}

Result<RenderedEmail> EmailRenderer::failure(const FailureEmailData &data) const
{
    Data d = commonData(m_branding, data.organizationName, data.ownerName);
    d.set("failedStep", utf8(clean(data.failedStep, MaxValueLength)));
    d.set("errorMessage", utf8(clean(data.errorMessage, MaxErrorLength, true)));
    d.set("failedAt", utf8(formatTimestamp(data.failedAt)));
    const QString subject = QStringLiteral("We could not finish setting up %1").arg(clean(data.organizationName, MaxNameInSubject));
    return renderBoth(QStringLiteral("failure"), subject, d);
}

} // namespace oc
