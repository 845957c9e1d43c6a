#pragma once

#include "util/result.h"

#include <QByteArray>

namespace oc::sandbox {

// A throwaway CA and a server certificate it signed for 127.0.0.1 / localhost, made with libcrypto at
// start-up so the SMTP sink can offer real, verifiable TLS (clients trust the CA file; nobody turns verification off).
struct CertificateAuthority {
    QByteArray caCertificatePem;
    QByteArray serverCertificatePem;
    QByteArray serverKeyPem;

    static Result<CertificateAuthority> generate();
};

} // namespace oc::sandbox
