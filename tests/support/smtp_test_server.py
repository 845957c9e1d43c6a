#!/usr/bin/python3
"""A real SMTP server for OrgConsole's mailer tests (aiosmtpd).

Modes: starttls (STARTTLS and AUTH required), smtps (implicit TLS, AUTH required), plain (no TLS at all,
AUTH offered anyway). Listens on 127.0.0.1 on a free port and prints "READY <port>" once it accepts
connections. Every EHLO and AUTH attempt is appended to <out>/events.log; every accepted message is
written to <out>/<n>.eml (raw bytes) and <out>/<n>.json (as Python's email package parses it, so the
C++ test checks our MIME against an independent parser).
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["starttls", "smtps", "plain"], required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def log(event):
        with open(os.path.join(args.out, "events.log"), "a") as f:
            f.write(event + "\n")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        log(f"auth {mechanism} {'ok' if ok else 'denied'} tls={session.ssl is not None}")
        return AuthResult(success=ok, handled=False)

    class Handler:
        count = 0

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            log(f"ehlo {hostname}")
            session.host_name = hostname
            return responses

        async def handle_DATA(self, server, session, envelope):
            Handler.count += 1
            base = os.path.join(args.out, str(Handler.count))
            raw = envelope.original_content or envelope.content
            with open(base + ".eml", "wb") as f:
                f.write(raw)
            msg = BytesParser(policy=policy.default).parsebytes(raw)
            parts = []
            for part in msg.iter_parts() if msg.is_multipart() else []:
                parts.append({
                    "contentType": part.get_content_type(),
                    "charset": part.get_content_charset(),
                    "transferEncoding": part.get("Content-Transfer-Encoding"),
                    "body": part.get_content(),
                })
            summary = {
                "mailFrom": envelope.mail_from,
                "rcptTos": envelope.rcpt_tos,
                "contentType": msg.get_content_type(),
                "contentTypeHeaders": len(msg.get_all("Content-Type") or []),
                "subject": str(msg["Subject"]),
                "from": str(msg["From"]),
                "to": str(msg["To"]),
                "date": str(msg["Date"]),
                "messageId": str(msg["Message-ID"]),
                "parts": parts,
                "defects": [type(d).__name__ for d in msg.defects],
            }
            with open(base + ".json.tmp", "w") as f:
                json.dump(summary, f, ensure_ascii=False, indent=1)
            os.rename(base + ".json.tmp", base + ".json")  # the test sees the file complete or not at all
            return "250 OK"

    context = None
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def factory():
        if args.mode == "starttls":
            return SMTP(Handler(), hostname="localhost", tls_context=context, require_starttls=True,
                        authenticator=authenticator, auth_required=True, auth_require_tls=True)
        if args.mode == "smtps":
            return SMTP(Handler(), hostname="localhost", authenticator=authenticator,
                        auth_required=True, auth_require_tls=False)
        return SMTP(Handler(), hostname="localhost", authenticator=authenticator,
                    auth_required=True, auth_require_tls=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=0, ssl=context if args.mode == "smtps" else None))
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
