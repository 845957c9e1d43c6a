#include "operation.h"

namespace oc {

OperationOutcome OperationOutcome::failed(const QString &error, Error::Kind kind, QJsonObject answer)
{
    OperationOutcome o;
    o.result = Result::Failed;
    o.error = error;
    o.errorKind = kind;
    o.answer = std::move(answer);
    return o;
}

void Operation::conclude(OperationOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (outcome.answer.isEmpty())
        outcome.answer = QJsonObject{{QStringLiteral("success"), outcome.ok()}, {QStringLiteral("message"), outcome.error}};
    m_outcome = std::move(outcome);
    Q_EMIT finished();
}

} // namespace oc
