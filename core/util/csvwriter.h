#pragma once

#include <QIODevice>
#include <QString>
#include <QStringList>

namespace oc {

// Writes RFC 4180 CSV in UTF-8: fields separated by commas, records ended by CRLF; a field containing a comma,
// quote, CR or LF is quoted with its quotes doubled. Cells that a spreadsheet would run as a formula (starting
// with = + - @, tab or CR; OWASP "CSV injection") get a leading apostrophe, so an organization named
// "=HYPERLINK(…)" stays text.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device) : m_device(device) {}

    // False once a write failed; errorString() says why.
    bool writeRow(const QStringList &cells);
    bool ok() const { return m_ok; }
    QString errorString() const;
    qint64 rowsWritten() const { return m_rows; }

    // One field as it appears in the file.
    static QString field(const QString &cell);
    // One record, CRLF included.
    static QByteArray record(const QStringList &cells);

private:
    QIODevice *m_device;
    bool m_ok = true;
    qint64 m_rows = 0;
};

} // namespace oc
