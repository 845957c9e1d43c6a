#pragma once

#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace oc::sandbox {

// One injected fault. Text form (FaultPlan::parse), rules separated by commas:
//   ENDPOINT[@PATH][SELECTOR]=ACTION
//   @PATH     only calls whose path contains PATH (e.g. an assistant id: vapi.assistant.update@3f2a…=400 fails
//             the updates of that one assistant); others are neither counted nor failed
//   SELECTOR  (none) every call | #N only the Nth call | #N+ the Nth and every later call | *N the next N calls
//             (calls are counted per rule from the moment it is installed, 1-based)
//   ACTION    STATUS[:CODE]  answer with that HTTP status and vendor error code, no effect applied
//             delay:MS       add MS milliseconds (unscaled), then answer normally
//             hang           never answer, no effect applied (the client must time out)
//             reset          apply the effect, then abort the connection without a response
//             resend         as reset, and the client's re-sent copy (Qt 6.4 re-sends a POST whose connection
//                            closed before any answer) is applied too, as by a vendor that does not de-duplicate:
//                            on vapi.phone.create a second registration of the same number
//             malformed      apply the effect, then answer with the right status and a truncated JSON body
//             echo           no effect applied; answer 400 with an error body that repeats the credentials the
//                            request carried, the way careless vendors do — in prose and as a bare value:
//                            Twilio {"code": 20003, "message": "Authentication with twilioAuthToken TOKEN rejected
//                            for account SID", "more_info": …, "status": 400, "detail": "TOKEN"} (TOKEN and SID from
//                            the Basic auth); VAPI {"message": ["key KEY rejected", "twilioAuthToken TOKEN rejected"],
//                            "error": "Bad Request", "statusCode": 400, "detail": "KEY", "received": [KEY, TOKEN]}
//                            (KEY from the Bearer header; TOKEN from the body of a phone-number create only)
// The SMTP sink's AUTH is the endpoint smtp.auth: STATUS answers that SMTP reply code (4xx/5xx, e.g. smtp.auth=454),
// delay/hang/reset as above, and echo refuses the login with a 535 reply whose lines repeat the password the
// client sent ("535-5.7.8 Authentication with password PASSWORD rejected for user USER" then "535 5.7.8 PASSWORD").
// malformed does not apply to it.
// e.g. "twilio.buy#2=500:20500,vapi.assistant.create=hang,vapi.phone.create#1=reset,twilio.search*3=delay:2000,"
//      "twilio.release=echo,smtp.auth#1=echo"
struct FaultRule {
    enum class Kind { Status, Delay, Hang, Reset, Malformed, Echo, Resend };
    enum class Selector { Every, Nth, FromNth, NextN };

    QString endpoint;
    QString pathPart;                 // empty: any path
    Selector selector = Selector::Every;
    int n = 0;
    Kind kind = Kind::Status;
    int httpStatus = 500;
    int vendorCode = 0;               // Twilio error code; 0 = a sensible default for the status
    int delayMs = 0;
    int seen = 0;                     // calls of `endpoint` (with pathPart) since the rule was installed

    bool matchesNext();               // counts one call and says whether the rule fires on it
};

class FaultPlan
{
public:
    static const QStringList &endpoints();
    static Result<QList<FaultRule>> parse(const QString &spec);

    void add(const QList<FaultRule> &rules) { m_rules += rules; }
    void clear() { m_rules.clear(); }
    // Counts a call of `endpoint` to `path` against every rule and returns the first one that fires, if any.
    std::optional<FaultRule> take(const QString &endpoint, const QString &path = {});
    const QList<FaultRule> &rules() const { return m_rules; }

private:
    QList<FaultRule> m_rules;
};

} // namespace oc::sandbox
