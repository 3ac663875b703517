"""A real SMTP server on loopback for the digest tests (written by hand for veille's DigestsTests).

Run with /usr/bin/python3 (Debian's python3-aiosmtpd):  smtp_server.py STATE_DIR
STATE_DIR/config.json (optional) may hold:
  {"auth": ["user", "password"],        # require AUTH (offered only after STARTTLS when "tls" is set)
   "tls": ["cert.pem", "key.pem"],      # offer STARTTLS with this certificate
   "require_tls": true,                 # refuse MAIL before STARTTLS
   "refuse": ["nobody@example.org"],    # answer 550 to RCPT TO for these
   "drop_data": true,                   # close the connection when DATA ends, before any reply
   "stall_data": true}                  # never answer the end of DATA (a client timeout)
It writes STATE_DIR/port once listening, and each accepted message as STATE_DIR/messages/NNNN.eml with
NNNN.json beside it (mail_from, rcpt_tos, auth login, tls). It stops when stdin closes.
"""
import asyncio
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

state = sys.argv[1]
config = {}
if os.path.exists(os.path.join(state, "config.json")):
    with open(os.path.join(state, "config.json")) as f:
        config = json.load(f)
messages = os.path.join(state, "messages")
os.makedirs(messages, exist_ok=True)


class Handler:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in config.get("refuse", []):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if config.get("stall_data"):
            await asyncio.sleep(8)
        if config.get("drop_data"):
            server.transport.abort()
            return "421 dropped"
        Handler.count += 1
        base = os.path.join(messages, "%04d" % Handler.count)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "login": (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
                       "tls": session.ssl is not None}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = config["auth"]
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


kwargs = {}
if "tls" in config:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config["tls"][0], config["tls"][1])
    kwargs["tls_context"] = context
    kwargs["require_starttls"] = bool(config.get("require_tls"))
if "auth" in config:
    kwargs["authenticator"] = authenticator
    kwargs["auth_required"] = True
    kwargs["auth_require_tls"] = "tls" in config
port = free_port()
controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
controller.start()
with open(os.path.join(state, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(state, "port.tmp"), os.path.join(state, "port"))
sys.stdin.read()
controller.stop()
