#include "batchoperation.h"

#include <QJsonArray>
#include <QTimer>

namespace oc {

BatchOperation::BatchOperation(QList<Operation *> operations, QObject *parent) : Operation(parent), m_operations(std::move(operations))
{
    for (Operation *op : std::as_const(m_operations)) {
        op->setParent(this);
        connect(op, &Operation::stepEvent, this, &Operation::stepEvent);
        connect(op, &Operation::finished, this, &BatchOperation::oneEnded);
    }
}

BatchOperation::~BatchOperation() = default;

void BatchOperation::start()
{
    if (m_operations.isEmpty())
        return QTimer::singleShot(0, this, [this] { oneEnded(); });
    for (Operation *op : std::as_const(m_operations))
        op->start();
}

void BatchOperation::cancel()
{
    for (Operation *op : std::as_const(m_operations)) {
        if (!op->isFinished() && op->isCancelable())
            op->cancel();
    }
}

void BatchOperation::oneEnded()
{
    if (++m_ended < m_operations.size())
        return;
    OperationOutcome outcome;
    QJsonArray results;
    QStringList errors;
    int succeeded = 0;
    bool canceled = false;
    for (const Operation *op : std::as_const(m_operations)) {
        const OperationOutcome &o = op->outcome();
        results.append(o.answer);
        succeeded += o.ok() ? 1 : 0;
        canceled = canceled || o.result == OperationOutcome::Result::Canceled;
        if (!o.ok())
            errors << o.error;
        outcome.leftovers += o.leftovers;
        outcome.warnings += o.warnings;
    }
    const bool ok = succeeded == m_operations.size();
    outcome.result = ok ? OperationOutcome::Result::Succeeded : canceled ? OperationOutcome::Result::Canceled : OperationOutcome::Result::Failed;
    outcome.error = ok ? QString() : QStringLiteral("%1 of %2 failed: %3").arg(m_operations.size() - succeeded).arg(m_operations.size())
                                         .arg(errors.join(QStringLiteral("; ")));
    outcome.answer = QJsonObject{{QStringLiteral("success"), ok},
                                 {QStringLiteral("succeeded"), succeeded},
                                 {QStringLiteral("failed"), int(m_operations.size()) - succeeded},
                                 {QStringLiteral("results"), results}};
    conclude(outcome);
}

} // namespace oc
