#include "faultplan.h"

#include <QRegularExpression>

namespace oc::sandbox {

bool FaultRule::matchesNext()
{
    ++seen;
    switch (selector) {
    case Selector::Every: return true;
    case Selector::Nth: return seen == n;
    case Selector::FromNth: return seen >= n;
    case Selector::NextN: return seen <= n;
    }
    return false;
}

const QStringList &FaultPlan::endpoints()
{
    static const QStringList names{
        QStringLiteral("twilio.search"),          QStringLiteral("twilio.buy"),
        QStringLiteral("twilio.release"),         QStringLiteral("twilio.lookup"),
        QStringLiteral("vapi.assistant.create"),  QStringLiteral("vapi.assistant.get"),
        QStringLiteral("vapi.assistant.update"),  QStringLiteral("vapi.assistant.delete"),
        QStringLiteral("vapi.assistant.list"),    QStringLiteral("vapi.phone.create"),
        QStringLiteral("vapi.phone.delete"),      QStringLiteral("vapi.phone.list"),
        QStringLiteral("smtp.auth"),              QStringLiteral("twilio.regulations"),
        QStringLiteral("twilio.bundles"),         QStringLiteral("twilio.addresses"),
        QStringLiteral("twilio.pricing"),         QStringLiteral("vapi.call.list"),
    };
    return names;
}

Result<QList<FaultRule>> FaultPlan::parse(const QString &spec)
{
    static const QRegularExpression rulePattern(
        QStringLiteral(R"(^([a-z.]+)(?:@([A-Za-z0-9_+.-]+))?(?:(#)(\d+)(\+)?|(\*)(\d+))?=(.+)$)"));
    static const QRegularExpression statusPattern(QStringLiteral(R"(^(\d{3})(?::(\d+))?$)"));
    QList<FaultRule> rules;
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        const auto m = rulePattern.match(part);
        if (!m.hasMatch())
            return Error::invalid(QStringLiteral("fault rule '%1': expected ENDPOINT[@PATH][#N|#N+|*N]=ACTION").arg(part));
        FaultRule rule;
        rule.endpoint = m.captured(1);
        rule.pathPart = m.captured(2);
        if (!endpoints().contains(rule.endpoint))
            return Error::invalid(QStringLiteral("fault rule '%1': unknown endpoint '%2' (known: %3)")
                                      .arg(part, rule.endpoint, endpoints().join(QStringLiteral(", "))));
        if (!m.captured(3).isEmpty()) {
            rule.n = m.captured(4).toInt();
            rule.selector = m.captured(5).isEmpty() ? FaultRule::Selector::Nth : FaultRule::Selector::FromNth;
        } else if (!m.captured(6).isEmpty()) {
            rule.n = m.captured(7).toInt();
            rule.selector = FaultRule::Selector::NextN;
        }
        if (rule.selector != FaultRule::Selector::Every && rule.n < 1)
            return Error::invalid(QStringLiteral("fault rule '%1': call numbers start at 1").arg(part));
        const QString action = m.captured(8);
        if (action == QLatin1String("hang")) {
            rule.kind = FaultRule::Kind::Hang;
        } else if (action == QLatin1String("reset")) {
            rule.kind = FaultRule::Kind::Reset;
        } else if (action == QLatin1String("resend")) {
            if (rule.endpoint.startsWith(QLatin1String("smtp.")))
                return Error::invalid(QStringLiteral("fault rule '%1': resend is for HTTP endpoints").arg(part));
            rule.kind = FaultRule::Kind::Resend;
        } else if (action == QLatin1String("malformed")) {
            if (rule.endpoint.startsWith(QLatin1String("smtp.")))
                return Error::invalid(QStringLiteral("fault rule '%1': malformed is for HTTP endpoints").arg(part));
            rule.kind = FaultRule::Kind::Malformed;
        } else if (action == QLatin1String("echo")) {
            rule.kind = FaultRule::Kind::Echo;
        } else if (action.startsWith(QLatin1String("delay:"))) {
            bool ok = false;
            rule.kind = FaultRule::Kind::Delay;
            rule.delayMs = action.mid(6).toInt(&ok);
            if (!ok || rule.delayMs < 0)
                return Error::invalid(QStringLiteral("fault rule '%1': delay needs milliseconds, e.g. delay:1500").arg(part));
        } else if (const auto s = statusPattern.match(action); s.hasMatch()) {
            rule.kind = FaultRule::Kind::Status;
            rule.httpStatus = s.captured(1).toInt();
            rule.vendorCode = s.captured(2).toInt();
            if (rule.httpStatus < 400 || rule.httpStatus > 599)
                return Error::invalid(QStringLiteral("fault rule '%1': status must be 400-599").arg(part));
        } else {
            return Error::invalid(QStringLiteral("fault rule '%1': unknown action '%2' (STATUS[:CODE], delay:MS, hang, "
                                                 "reset, malformed, echo)").arg(part, action));
        }
        rules.append(rule);
    }
    return rules;
}

std::optional<FaultRule> FaultPlan::take(const QString &endpoint, const QString &path)
{
    std::optional<FaultRule> fired;
    // Every rule for the endpoint counts the call, even when an earlier one fires, so "#N" stays predictable.
    for (FaultRule &rule : m_rules) {
        if (rule.endpoint != endpoint || (!rule.pathPart.isEmpty() && !path.contains(rule.pathPart)))
            continue;
        if (rule.matchesNext() && !fired)
            fired = rule;
    }
    return fired;
}

} // namespace oc::sandbox
