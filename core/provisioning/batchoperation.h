#pragma once

#include "provisioning/operation.h"

#include <QList>

#include <functional>
#include <memory>

namespace oc {

// Many operations of one kind as one (orgctl approve 41 42 43 …): all started together — the shared
// vendor-call limit paces their calls, so the batch goes as fast as the vendors allow — step events passed
// on, and one outcome when the last has ended: succeeded when every one did; the answer lists each one's
// answer in order ({"success", "results": [...]}). cancel() cancels every one still running.
class BatchOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchOperation)

public:
    explicit BatchOperation(QList<Operation *> operations, QObject *parent = nullptr);
    ~BatchOperation() override;

    void start() override;
    bool isCancelable() const override { return true; }
    void cancel() override;
    const QList<Operation *> &operations() const { return m_operations; }

private:
    void oneEnded();

    QList<Operation *> m_operations; // owned (children)
    int m_ended = 0;
};

} // namespace oc
