#include "auditexport.h"

#include "store/store.h"
#include "util/csvwriter.h"

#include <QTimer>

namespace oc {

AuditExport::AuditExport(StoreReader &reader, const AuditQuery &query, const QString &path, QObject *parent)
    : QObject(parent), m_reader(reader), m_query(query), m_path(path)
{
    m_query.limit = kPageSize;
    m_query.offset = 0;
    m_query.before.reset();
}

AuditExport::~AuditExport()
{
    if (m_file)
        m_file->cancelWriting();
}

QStringList AuditExport::header()
{
    return {QStringLiteral("time_utc"), QStringLiteral("actor"), QStringLiteral("action"), QStringLiteral("organization_id"),
            QStringLiteral("organization"), QStringLiteral("run_id"), QStringLiteral("outcome"), QStringLiteral("detail"),
            QStringLiteral("external_ids"), QStringLiteral("db_role")};
}

QStringList AuditExport::row(const AuditRecord &r)
{
    return {r.at.toUTC().toString(Qt::ISODateWithMs), r.actor, r.action,
            r.organizationId ? QString::number(*r.organizationId) : QString(), r.organizationName, r.runId, r.outcome,
            r.detail, r.externalIds.join(QLatin1Char(' ')), r.dbRole};
}

void AuditExport::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    // Every outcome, even failing to create the file, arrives from the event loop, never inside start().
    QTimer::singleShot(0, this, &AuditExport::nextPage);
}

void AuditExport::cancel()
{
    if (m_running)
        finish(false, tr("Export canceled; no file was written."));
}

void AuditExport::nextPage()
{
    if (!m_running)
        return;
    if (!m_file) {
        m_file = std::make_unique<QSaveFile>(m_path);
        if (!m_file->open(QIODevice::WriteOnly)) {
            finish(false, tr("Could not create %1: %2. Choose another folder.").arg(m_path, m_file->errorString()));
            return;
        }
        CsvWriter header(m_file.get());
        if (!header.writeRow(AuditExport::header())) {
            finish(false, tr("Could not write %1: %2").arg(m_path, header.errorString()));
            return;
        }
    }
    m_reader.read(
        this, [query = m_query](Store &store) { return store.audit().list(query); },
        [this](const Result<QList<AuditRecord>> &page) { writePage(page); });
}

void AuditExport::writePage(const Result<QList<AuditRecord>> &page)
{
    if (!m_running || !m_file)
        return; // canceled while the page was read
    if (!page) {
        finish(false, tr("Could not read the audit log: %1").arg(page.error().message));
        return;
    }
    CsvWriter writer(m_file.get());
    for (const AuditRecord &r : page.value()) {
        if (!writer.writeRow(row(r))) {
            finish(false, tr("Could not write %1: %2").arg(m_path, writer.errorString()));
            return;
        }
    }
    m_rows += writer.rowsWritten();
    if (page->size() < m_query.limit) {
        if (!m_file->commit()) {
            finish(false, tr("Could not save %1: %2").arg(m_path, m_file->errorString()));
            return;
        }
        m_file.reset();
        finish(true, {});
        return;
    }
    m_query.before = AuditQuery::keyOf(page->constLast());
    Q_EMIT progress(m_rows);
    QTimer::singleShot(0, this, &AuditExport::nextPage);
}

void AuditExport::finish(bool ok, const QString &message)
{
    m_running = false;
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    Q_EMIT finished(ok, m_rows, message);
}

} // namespace oc
