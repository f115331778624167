#!/usr/bin/env python3
"""Secrets never leave the process: a real run, every output searched for key material.

usage: secrets_test.py

A `revbench serve` (secret-rotation, embedded stores) is given a known admin
token and signing seed through the environment. Clients then log in, fail to
log in, present bad admin tokens, ban, rotate the secret, change and reset
passwords, and `revbench run --target` and `revbench lag` drive it. A fleet
run (`revbench run --instances 2`) generates its own token and seed: they
are read from its server processes' environment while it runs.

Everything revbench printed (stdout and stderr of every process), every
results file, both /metrics outputs, /healthz and every HTTP response body is
then searched for: the admin tokens, the seeds, every signing key and the
reset-token secret derived from them (raw, hex, base64 and base64url), and
every password used. One hit fails the test and names where it was found.
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("REVBENCH_BIN", str(REPO / "build" / "release" / "revbench"))

ADMIN_TOKEN = "admin-7f3c2b9e-secret-token-d41d8cd98f00"
SEED = "seed-4e1a9b7c0d2f-shared-signing-material"
NEW_PASSWORD = "n3w-Pa55word-that-must-stay-hidden"
WRONG_PASSWORD = "wr0ng-Pa55word-typed-by-someone"
USERS = 30


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def derive(seed, label):
    return hmac.new(seed.encode(), label.encode(), hashlib.sha256).digest()


def encodings(secret):
    """The forms a leaked byte string could take in text."""
    raw = secret if isinstance(secret, bytes) else secret.encode()
    forms = {raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw),
             base64.urlsafe_b64encode(raw).rstrip(b"=")}
    if isinstance(secret, str):
        forms.add(json.dumps(secret).encode())
    return forms


def needles(admin_token, seed, passwords):
    named = {"admin token": admin_token, "signing seed": seed,
             "reset-token secret": derive(seed, "revbench reset tokens")}
    for generation in range(1, 200):  # every key a rotation could have made
        named[f"signing key k{generation}"] = derive(seed, f"revbench signing key k{generation}")
    for password in passwords:
        named["password " + password[:6] + "…"] = password
    return {name: encodings(value) for name, value in named.items()}


def search(outputs, secrets):
    hits = []
    for where, text in outputs.items():
        blob = text if isinstance(text, bytes) else text.encode()
        for name, forms in secrets.items():
            if any(form in blob for form in forms):
                hits.append(f"{name} found in {where}")
    return hits


class Http:
    """Every response body is kept: error responses are outputs too."""

    def __init__(self, base):
        self.base = base
        self.bodies = []

    def call(self, method, path, body=None, token=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, method=method, data=data)
        if token is not None:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload = response.status, response.read()
                headers = str(response.headers)
        except urllib.error.HTTPError as error:
            status, payload, headers = error.code, error.read(), str(error.headers)
        self.bodies.append(f"{method} {path} -> {status}\n{headers}\n".encode() + payload)
        return status, (json.loads(payload) if payload.startswith(b"{") else payload.decode(errors="replace"))


def start_server(log_dir, *extra):
    env = dict(os.environ, REVBENCH_ADMIN_TOKEN=ADMIN_TOKEN, REVBENCH_SHARED_SEED=SEED)
    stdout = open(log_dir / "serve.stdout", "w")
    stderr = open(log_dir / "serve.stderr", "w")
    process = subprocess.Popen([BIN, "serve", "--strategy", "secret-rotation", "--seed-users", str(USERS),
                                "--access-ttl", "5", "--reset-delivery", "response", *extra], stdout=stdout, stderr=stderr, env=env)
    deadline = time.time() + 90
    while time.time() < deadline:
        match = re.search(r"^LISTENING (\S+)", (log_dir / "serve.stdout").read_text(), re.M)
        if match:
            return process, match.group(1)
        check(process.poll() is None, "revbench serve exited: " + (log_dir / "serve.stderr").read_text()[-500:])
        time.sleep(0.2)
    raise Failure("revbench serve did not start")


def exercise(http):
    """Every endpoint, on its success and its failure paths."""
    status, pair = http.call("POST", "/auth/login", {"user": "user-000001", "password": "pw-user-000001"})
    check(status == 200, f"login: {status}")
    check(http.call("POST", "/auth/login", {"user": "user-000001", "password": WRONG_PASSWORD})[0] == 401,
          "a wrong password must be refused")
    check(http.call("POST", "/auth/login", {"user": "nobody", "password": WRONG_PASSWORD})[0] == 401,
          "an unknown user must be refused")
    check(http.call("GET", "/api/resource", token=pair["access_token"])[0] == 200, "resource")
    check(http.call("GET", "/api/resource", token=pair["access_token"][:-3] + "AAA")[0] == 401, "a forged signature")
    check(http.call("POST", "/admin/ban", {"user": "user-000002"}, token=ADMIN_TOKEN[:-1] + "X")[0] == 403,
          "a wrong admin token must be refused")
    check(http.call("POST", "/admin/ban", {"user": "user-000002"}, token=ADMIN_TOKEN)[0] == 204, "ban")
    check(http.call("POST", "/admin/unban", {"user": "user-000002"}, token=ADMIN_TOKEN)[0] == 204, "unban")
    check(http.call("POST", "/admin/rotate-secret", token=ADMIN_TOKEN)[0] == 204, "rotate-secret")
    status, pair = http.call("POST", "/auth/login", {"user": "user-000003", "password": "pw-user-000003"})
    check(status == 200, "login after rotation")
    status, _ = http.call("POST", "/auth/password", {"old": WRONG_PASSWORD, "new": NEW_PASSWORD},
                          token=pair["access_token"])
    check(status in (400, 401, 403), f"a password change with the wrong old password answered {status}")
    status, _ = http.call("POST", "/auth/password", {"old": "pw-user-000003", "new": NEW_PASSWORD},
                          token=pair["access_token"])
    check(status in (200, 204), f"password change: {status}")
    check(http.call("POST", "/auth/login", {"user": "user-000003", "password": NEW_PASSWORD})[0] == 200,
          "login with the new password")
    status, reset = http.call("POST", "/auth/reset-request", {"user": "user-000004"})
    check(status == 200 and "reset_token" in reset, f"reset request: {status}")
    reset_body = {"reset_token": reset["reset_token"], "new_password": NEW_PASSWORD + "-2"}
    check(http.call("POST", "/auth/reset", reset_body)[0] in (200, 204), "reset")
    check(http.call("POST", "/auth/reset", reset_body)[0] in (400, 401), "a replayed reset token must be refused")
    http.call("GET", "/healthz")
    status, metrics = http.call("GET", "/metrics")
    check(status == 200 and "revbench_" in metrics, "server metrics")


def fleet_secrets(tmp, outputs):
    """A fleet makes its own admin token and seed: read them from its servers' environment."""
    out = tmp / "fleet.json"
    process = subprocess.Popen([BIN, "run", "logout", "ban", "--strategy", "redis-denylist", "--instances", "2",
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    found = {}
    deadline = time.time() + 120
    while process.poll() is None and time.time() < deadline and len(found) < 2:
        for entry in pathlib.Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
                ppid = int(re.search(r"^PPid:\s+(\d+)", status, re.M).group(1))
                environ = (entry / "environ").read_bytes().split(b"\0")
            except (OSError, AttributeError):
                continue
            if ppid != process.pid:
                continue
            for variable in environ:
                name, _, value = variable.partition(b"=")
                if name in (b"REVBENCH_ADMIN_TOKEN", b"REVBENCH_SHARED_SEED"):
                    found[name.decode()] = value.decode()
        time.sleep(0.1)
    stdout, stderr = process.communicate(timeout=600)
    check(process.returncode == 0, f"revbench run --instances 2 exited {process.returncode}: {stderr[-500:]}")
    check(set(found) == {"REVBENCH_ADMIN_TOKEN", "REVBENCH_SHARED_SEED"},
          f"could not read the fleet's generated secrets from its servers (found {sorted(found)})")
    outputs["fleet run stdout"] = stdout
    outputs["fleet run stderr"] = stderr
    outputs["fleet results"] = out.read_bytes()
    return found["REVBENCH_ADMIN_TOKEN"], found["REVBENCH_SHARED_SEED"]


def main():
    with tempfile.TemporaryDirectory(prefix="revbench-secrets-") as name:
        tmp = pathlib.Path(name)
        outputs = {}
        try:
            server, url = start_server(tmp)
            try:
                http = Http(url)
                exercise(http)
                for index, body in enumerate(http.bodies):
                    outputs[f"HTTP response {body.splitlines()[0].decode()} (#{index})"] = body
                run_out, lag_out = tmp / "run.json", tmp / "lag.json"
                run = subprocess.run([BIN, "run", "password-reset-replay", "ban", "--target", url, "--metrics-port", "0",
                                      "--out", str(run_out)], capture_output=True, env=dict(os.environ,
                                      REVBENCH_ADMIN_TOKEN=ADMIN_TOKEN), timeout=600)
                check(run.returncode in (0, 4), f"revbench run --target exited {run.returncode}: {run.stderr[-500:]}")
                lag = subprocess.run([BIN, "lag", "--target", url, "--event", "rotate-secret", "--trials", "2",
                                      "--first-user", "10", "--admin-token", ADMIN_TOKEN, "--out", str(lag_out)],
                                     capture_output=True, timeout=300)
                check(lag.returncode == 0, f"revbench lag exited {lag.returncode}: {lag.stderr[-500:]}")
                outputs.update({"run stdout": run.stdout, "run stderr": run.stderr, "run results": run_out.read_bytes(),
                                "lag stdout": lag.stdout, "lag stderr": lag.stderr, "lag results": lag_out.read_bytes()})
                with urllib.request.urlopen(url + "/metrics", timeout=30) as response:
                    outputs["server /metrics after the runs"] = response.read()
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)
            for log in ("serve.stdout", "serve.stderr"):
                outputs[log] = (tmp / log).read_bytes()

            passwords = [f"pw-user-{i:06d}" for i in range(1, USERS + 1)] + [NEW_PASSWORD, WRONG_PASSWORD]
            secrets = needles(ADMIN_TOKEN, SEED, passwords)
            # The search must be able to fail: the secrets are where they were put.
            check(search({"server environment": f"{ADMIN_TOKEN} {SEED}"}, secrets), "the search finds nothing")

            fleet_token, fleet_seed = fleet_secrets(tmp, outputs)
            secrets.update({"fleet " + k: v for k, v in needles(fleet_token, fleet_seed, []).items()})

            check(len(outputs) > 20, f"only {len(outputs)} outputs were collected")
            hits = search(outputs, secrets)
            check(not hits, "secret material leaked:\n  " + "\n  ".join(hits))
        except Failure as failure:
            print(f"FAILED secrets: {failure}", file=sys.stderr)
            return 1
    print(f"PASSED secrets: {len(outputs)} outputs searched for {len(secrets)} secrets in 4-6 encodings each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
