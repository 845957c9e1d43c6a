#pragma once

#include "store/auditrepository.h"
#include "store/storereader.h"

#include <QObject>
#include <QSaveFile>

#include <memory>

namespace oc {

// Writes every audit record matching a query to a CSV file (CsvWriter: RFC 4180, formula-safe), newest first, a
// page at a time read through the reader (off the caller's thread when it is threaded), so a long log never
// freezes the caller. The file appears only when complete
// (QSaveFile): a failed or canceled export leaves nothing half-written. Ends exactly once with finished().
class AuditExport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditExport)

public:
    AuditExport(StoreReader &reader, const AuditQuery &query, const QString &path, QObject *parent = nullptr);
    ~AuditExport() override;

    // Once; the outcome arrives through finished().
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    qint64 rows() const { return m_rows; }
    QString path() const { return m_path; }

    static QStringList header();
    static QStringList row(const AuditRecord &record);

    static constexpr int kPageSize = 1000;

Q_SIGNALS:
    void progress(qint64 rows);
    void finished(bool ok, qint64 rows, const QString &message);

private:
    void nextPage();
    void writePage(const Result<QList<AuditRecord>> &page);
    void finish(bool ok, const QString &message);

    StoreReader &m_reader;
    AuditQuery m_query;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    qint64 m_rows = 0;
    bool m_started = false;
    bool m_running = false;
};

} // namespace oc
