#include "sandboxthread.h"

#include "sandbox/sandbox.h"

#include <QThread>

namespace oc::sandbox {

SandboxThread::SandboxThread(SandboxConfig config, QObject *parent)
    : QObject(parent), m_thread(new QThread), m_sandbox(new Sandbox(std::move(config)))
{
    m_thread->setObjectName(QStringLiteral("sandbox"));
    m_sandbox->moveToThread(m_thread);
    // Each message is copied on the sandbox's thread and handed over with the signal.
    connect(m_sandbox, &Sandbox::messageReceived, m_sandbox, [this](int index) {
        const SmtpMessage copy = m_sandbox->messages().at(index);
        QMetaObject::invokeMethod(this, [this, copy] {
            m_messages.append(copy);
            Q_EMIT messageReceived(int(m_messages.size()) - 1);
        });
    });
    m_thread->start();
}

SandboxThread::~SandboxThread()
{
    QMetaObject::invokeMethod(m_sandbox, [s = m_sandbox] { delete s; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

Result<void> SandboxThread::start()
{
    Result<void> started;
    QMetaObject::invokeMethod(
        m_sandbox,
        [this, &started] {
            started = m_sandbox->start();
            if (started)
                m_environment = m_sandbox->clientEnvironment();
        },
        Qt::BlockingQueuedConnection);
    return started;
}

Result<void> SandboxThread::addFaults(const QString &spec)
{
    Result<void> added;
    QMetaObject::invokeMethod(m_sandbox, [this, &added, spec] { added = m_sandbox->addFaults(spec); }, Qt::BlockingQueuedConnection);
    return added;
}

void SandboxThread::clearFaults()
{
    QMetaObject::invokeMethod(m_sandbox, [s = m_sandbox] { s->clearFaults(); }, Qt::BlockingQueuedConnection);
}

QJsonObject SandboxThread::ledger() const
{
    QJsonObject ledger;
    QMetaObject::invokeMethod(m_sandbox, [this, &ledger] { ledger = m_sandbox->ledger(); }, Qt::BlockingQueuedConnection);
    return ledger;
}

} // namespace oc::sandbox
