#include "csvwriter.h"

namespace oc {

QString CsvWriter::field(const QString &cell)
{
    QString text = cell;
    if (!text.isEmpty()) {
        const QChar first = text.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-') || first == QLatin1Char('@')
            || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            text.prepend(QLatin1Char('\''));
    }
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
                       || text.contains(QLatin1Char('\r'));
    if (!quote)
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QByteArray CsvWriter::record(const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            line += QLatin1Char(',');
        line += field(cells.at(i));
    }
    line += QLatin1String("\r\n");
    return line.toUtf8();
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    if (!m_ok)
        return false;
    const QByteArray bytes = record(cells);
    if (m_device->write(bytes) != bytes.size()) {
        m_ok = false;
        return false;
    }
    ++m_rows;
    return true;
}

QString CsvWriter::errorString() const
{
    return m_ok ? QString() : m_device->errorString();
}

} // namespace oc
