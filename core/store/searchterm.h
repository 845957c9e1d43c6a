#pragma once

#include "domain/organization.h"

#include <QString>

#include <optional>

namespace oc {

// Both engines lower ASCII only for the searched and sorted columns (SQLite's lower() and LIKE; PostgreSQL's
// lower() under COLLATE "C"), so text folded here compares as the database folds it.
QString asciiLower(const QString &text);

// What the user typed into the search field, as the store matches it: a case-insensitive (ASCII) substring of
// the company name, the owner's name or the owner's e-mail; % and _ are plain characters.
class SearchTerm
{
public:
    explicit SearchTerm(const QString &typed);

    bool isEmpty() const { return m_needle.isEmpty(); }
    // Whether a trigram index can answer it. An index of three-character sequences has nothing to look up for a
    // term of one or two characters (FTS5 matches no row then; pg_trgm reads its whole index): those keep the
    // LIKE over the table, which is correct for any length. Counted in code points, as the tokenizer counts.
    // A NUL cuts SQLite's text arguments short, so such a term keeps the old path too.
    bool indexable() const;
    // `%term%` with \ escaping \, % and _ (for LIKE … ESCAPE '\'), folded as the columns are.
    QString likePattern() const;
    // The FTS5 query (schema 7's organizations_search) for the term in the three text columns, and the status
    // when there is one: a phrase of the term's trigrams, i.e. the term as a substring.
    QString ftsQuery(std::optional<OrgStatus> status) const;

private:
    QString m_needle; // trimmed and folded
};

} // namespace oc
