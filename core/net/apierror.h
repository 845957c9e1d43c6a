#pragma once

#include <QString>

namespace oc {

// The outcome of a failed vendor call as a value. `ambiguous` is what the journal (DESIGN §2.2) needs:
// true when a mutating request may have been applied although we got no definite answer, so it must be
// reconciled by lookup and never blindly re-sent.
struct ApiError {
    enum class Kind { Network, Timeout, Http, Api, Parse, Canceled };

    Kind kind = Kind::Network;
    int httpStatus = 0;  // 0 when no HTTP response arrived
    QString vendorCode;  // Twilio's numeric `code` as text, or VAPI's `error` string
    QString message;     // one human line, never a secret
    bool retryable = false;
    bool ambiguous = false;

    // "Twilio error 21422 (HTTP 400): …" style line for logs and the UI.
    QString describe() const;

    static QString kindName(Kind kind);
};

} // namespace oc
