"""A real IMAP server for the sync tests: Debian's Dovecot on a high port, with a throwaway store and config."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from imapclient import IMAPClient

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int
    process_user: str

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    password: str  # every account's: a test's own account is its own username, with its own mail store

    def client(self, username: str, password: str) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(username, password)
        return client

    def kick(self, username: str) -> None:
        """Drop a user's connections from the server's side, as a restart or a network cut would."""
        subprocess.run(
            [DOVEADM, "-c", str(self.config), "kick", username],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _attempt in range(50):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Dovecot:
    """Start Dovecot for IMAP on loopback, plain-text login, no TLS; everything lives in a temp dir."""
    root = Path(tempfile.mkdtemp(prefix="kenal-dovecot-"))
    root.chmod(0o755)
    (root / "mail").mkdir()
    password = secrets.token_urlsafe(16)
    port = free_port()
    if os.geteuid() == 0:
        # As root, Dovecot drops privileges: logins run as dovenull, mail as the dovecot user.
        login_user, internal_user, mail_user = "dovenull", "dovecot", "dovecot"
        account = pwd.getpwnam(mail_user)
        os.chown(root / "mail", account.pw_uid, account.pw_gid)
    else:
        login_user = internal_user = mail_user = pwd.getpwuid(os.geteuid()).pw_name
    (root / "dovecot.conf").write_text(
        f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user} home={root}/mail/%u
}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""
    )
    # Dovecot daemonizes; its output goes to a file, since a pipe it keeps open would never reach EOF.
    with open(root / "start.log", "wb") as output:
        subprocess.run(
            [DOVECOT, "-c", str(root / "dovecot.conf")], check=True, stdout=output, stderr=subprocess.STDOUT
        )
    server = Dovecot(root=root, port=port, process_user=mail_user, password=password)
    for _attempt in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
    server.stop()
    raise RuntimeError(f"Dovecot did not start on port {port}:\n{log}")
