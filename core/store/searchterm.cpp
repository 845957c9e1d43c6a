#include "searchterm.h"

namespace oc {

QString asciiLower(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() >= 'A' && c.unicode() <= 'Z')
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return out;
}

SearchTerm::SearchTerm(const QString &typed) : m_needle(asciiLower(typed.trimmed())) {}

bool SearchTerm::indexable() const
{
    return m_needle.toUcs4().size() >= 3 && !m_needle.contains(QChar(0));
}

QString SearchTerm::likePattern() const
{
    QString escaped = m_needle;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString SearchTerm::ftsQuery(std::optional<OrgStatus> status) const
{
    // Inside an FTS5 string only the double quote is special (doubled); the trigram tokenizer splits the rest.
    QString phrase = m_needle;
    phrase.replace(QLatin1Char('"'), QLatin1String("\"\""));
    QString query = QStringLiteral("{company_name owner_name owner_email} : \"%1\"").arg(phrase);
    // The status column holds the status's first three letters: one trigram, a different one for each status.
    if (status)
        query += QStringLiteral(" AND status : \"%1\"").arg(statusName(*status).left(3));
    return query;
}

} // namespace oc
