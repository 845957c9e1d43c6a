#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace oc {

// An error as a value: a kind for programs to branch on, a message for people.
struct Error {
    // Fenced: a write of a run refused because this process no longer holds the run's lease (epoch).
    // Forbidden: the database role may not do this (refused by the database, or checked before asking it).
    enum class Kind { Invalid, NotFound, Conflict, Schema, Connection, Storage, Unavailable, Fenced, Forbidden, Other };
    Kind kind = Kind::Other;
    QString message;

    static Error invalid(QString m) { return {Kind::Invalid, std::move(m)}; }
    static Error notFound(QString m) { return {Kind::NotFound, std::move(m)}; }
    static Error conflict(QString m) { return {Kind::Conflict, std::move(m)}; }
    static Error storage(QString m) { return {Kind::Storage, std::move(m)}; }
    static Error fenced(QString m) { return {Kind::Fenced, std::move(m)}; }
    static Error forbidden(QString m) { return {Kind::Forbidden, std::move(m)}; }
};

template<class T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    const T &operator*() const { return std::get<0>(m_data); }
    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace oc
