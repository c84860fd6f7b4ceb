#!/usr/bin/env bash
# A real Synapse fed with `privacy-policy matrix synapse` (issue 13).
#
# Installs matrix-synapse from PyPI into a virtual environment (time-boxed),
# generates a config with SQLite, merges the exported `user_consent` block,
# writes the exported consent templates, starts Synapse on 127.0.0.1 and
# checks through its HTTP API that:
#   1. registration's user-interactive auth offers `m.login.terms` with
#      exactly the params `privacy-policy matrix login-terms --base-url` prints
#      (our version and name), and completing it registers the user with
#      that version recorded (GET /_matrix/consent shows "accepted");
#   2. a user who has not consented is refused events (M_CONSENT_NOT_GIVEN),
#      GET /_matrix/consent?u=…&h=HMAC-SHA256(form_secret, u) serves our
#      rendered policy with the consent form, POSTing that form succeeds
#      (success.html), and the user may then send events.
# Stops Synapse at the end and prints the time taken. Fails loudly.
# SKIP_SYNAPSE=1 skips (say why in the CI log).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { printf 'synapse: %s\n' "$*"; }
die() { printf '\nsynapse: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "${SKIP_SYNAPSE:-0}" = 1 ]; then
    say "skipped (SKIP_SYNAPSE=1)"; exit 0
fi

PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Synapse needs Python 3.9+"
VENV=${SYNAPSE_VENV:-target/synapse-venv}
case "$VENV" in /*) ;; *) VENV="$PWD/$VENV" ;; esac  # used after cd
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import synapse' 2>/dev/null; then
    say "installing matrix-synapse into $VENV (at most 600 s)"
    "$PYTHON" -m venv "$VENV" || die "could not create a virtual environment (python3-venv missing?)"
    timeout 600 "$VENV/bin/pip" install --quiet --disable-pip-version-check matrix-synapse \
        || die "pip install matrix-synapse failed or took over 600 s: the Synapse integration test cannot run"
fi
say "Synapse $("$VENV/bin/python" -c 'import synapse; print(synapse.__version__)') ($(( $(date +%s) - started )) s)"

cargo build --quiet --bin privacy-policy
CLI=target/debug/privacy-policy

WORK=$(mktemp -d "${TMPDIR:-/tmp}/privacy-policy-synapse.XXXXXX")
PID=
cleanup() {
    status=$?
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    if [ "$status" != 0 ] && [ -f "$WORK/synapse.log" ]; then
        echo "---- last lines of the Synapse log ----" >&2
        tail -n 40 "$WORK/synapse.log" >&2
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT/"

# Exports: the consent version under the declared reading (patch and minor
# releases do not ask users again), our login-terms params as Synapse
# should advertise them, and the Synapse block + templates.
"$CLI" matrix login-terms --reading declared --base-url "$BASE" > "$WORK/login-terms.json"
"$CLI" matrix synapse --reading declared --base-url "$BASE" --out "$WORK/consent" > "$WORK/user_consent.yaml"

say "generating a config (SQLite) in $WORK"
(cd "$WORK" && "$VENV/bin/python" -m synapse.app.homeserver --server-name localhost \
    --config-path homeserver.yaml --generate-config --report-stats=no >/dev/null) \
    || die "synapse --generate-config failed"

"$VENV/bin/python" - "$WORK" "$PORT" <<'EOF' || die "could not merge the exported user_consent block"
import sys, yaml, secrets
work, port = sys.argv[1], int(sys.argv[2])
path = f"{work}/homeserver.yaml"
config = yaml.safe_load(open(path))
exported = yaml.safe_load(open(f"{work}/user_consent.yaml"))
assert set(exported) == {"user_consent"}, exported
config.update(exported)
config["listeners"] = [{
    "port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
    "x_forwarded": False, "resources": [{"names": ["client", "consent"], "compress": False}],
}]
config["public_baseurl"] = f"http://127.0.0.1:{port}/"
config["form_secret"] = secrets.token_hex(16)
config["registration_shared_secret"] = secrets.token_hex(16)
config["enable_registration"] = True
config["enable_registration_without_verification"] = True
config["database"] = {"name": "sqlite3", "args": {"database": f"{work}/homeserver.db"}}
config["rc_registration"] = {"per_second": 100, "burst_count": 100}
config["rc_message"] = {"per_second": 100, "burst_count": 100}
config.pop("log_config")
config["suppress_key_server_warning"] = True
yaml.safe_dump(config, open(path, "w"))
EOF

say "starting Synapse on 127.0.0.1:$PORT"
(cd "$WORK" && exec "$VENV/bin/python" -m synapse.app.homeserver -c homeserver.yaml) \
    >"$WORK/synapse.log" 2>&1 &
PID=$!
for i in $(seq 120); do
    if "$VENV/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('${BASE}_matrix/client/versions', timeout=2)" 2>/dev/null; then
        break
    fi
    kill -0 "$PID" 2>/dev/null || die "Synapse exited during start-up"
    [ "$i" = 120 ] && die "Synapse did not answer within 60 s"
    sleep 0.5
done
say "Synapse is up ($(( $(date +%s) - started )) s)"

timeout 120 "$VENV/bin/python" - "$WORK" "$BASE" <<'EOF' || die "the consent checks failed"
import hashlib, hmac, html.parser, json, sys, urllib.error, urllib.parse, urllib.request, yaml

work, base = sys.argv[1], sys.argv[2]
config = yaml.safe_load(open(f"{work}/homeserver.yaml"))
ours = json.load(open(f"{work}/login-terms.json"))
version = config["user_consent"]["version"]
name = config["user_consent"]["policy_name"]

def call(method, path, body=None, token=None, form=None):
    data, headers = None, {}
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path.lstrip("/"), data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def check(ok, what):
    if not ok:
        raise SystemExit(f"check failed: {what}")
    print(f"  ok: {what}")

def mac(user):
    return hmac.new(config["form_secret"].encode(), user.encode(), hashlib.sha256).hexdigest()

# 1. Registration offers m.login.terms with our params.
status, text = call("POST", "_matrix/client/v3/register", {"username": "alice", "password": "correct horse battery"})
check(status == 401, f"registration starts user-interactive auth (HTTP {status})")
uia = json.loads(text)
check(any("m.login.terms" in f["stages"] for f in uia["flows"]), "a flow has the m.login.terms stage")
offered = uia["params"]["m.login.terms"]
check(offered == ours, f"m.login.terms params equal `privacy-policy matrix login-terms`: {json.dumps(offered)}")
check(offered["policies"]["privacy_policy"]["version"] == version, f"the offered version is ours ({version})")
check(offered["policies"]["privacy_policy"]["en"]["name"] == name, f"the offered name is ours ({name})")
session = uia["session"]
flow = next(f["stages"] for f in uia["flows"] if "m.login.terms" in f["stages"])
token = None
for stage in flow:
    status, text = call("POST", "_matrix/client/v3/register", {
        "username": "alice", "password": "correct horse battery",
        "auth": {"type": stage, "session": session}})
    if status == 200:
        token = json.loads(text)["access_token"]
check(token is not None, f"registration completes through {flow}")
status, page = call("GET", f"_matrix/consent?u=alice&h={mac('alice')}")
check(status == 200 and f"You have accepted version {version}" in page,
      "alice's acceptance at registration is recorded with our version")

# 2. A user registered without the terms stage (shared-secret admin API).
status, text = call("GET", "_synapse/admin/v1/register")
nonce = json.loads(text)["nonce"]
digest = hmac.new(config["registration_shared_secret"].encode(), digestmod=hashlib.sha1)
digest.update(b"\x00".join([nonce.encode(), b"bob", b"another long password", b"notadmin"]))
status, text = call("POST", "_synapse/admin/v1/register", {
    "nonce": nonce, "username": "bob", "password": "another long password", "admin": False, "mac": digest.hexdigest()})
check(status == 200, f"bob registered without the terms stage (HTTP {status})")
bob = json.loads(text)["access_token"]
status, text = call("POST", "_matrix/client/v3/createRoom", {}, token=bob)
check(status == 403 and "M_CONSENT_NOT_GIVEN" in text, "bob is refused events until he consents (M_CONSENT_NOT_GIVEN)")

status, page = call("GET", f"_matrix/consent?u=bob&h={mac('bob')}")
check(status == 200, "GET /_matrix/consent with a valid u/h serves the page")
check(f"<h1>{name}</h1>" in page and "dpo@matrix.org" in page and "Who receives it" in page,
      "the page is our rendered policy")
status, _ = call("GET", f"_matrix/consent?u=bob&h={'0' * 64}")
check(status == 403, "a wrong h is refused (HTTP 403)")

class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.action = None; self.fields = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form": self.action = a.get("action")
        if tag == "input" and a.get("type") == "hidden": self.fields[a["name"]] = a.get("value", "")
form = Form(); form.feed(page)
check(form.action == "consent" and form.fields == {"v": version, "u": "bob", "h": mac("bob")},
      f"the page has the consent form Synapse expects: {form.fields}")
status, text = call("POST", "_matrix/consent", form=form.fields)
check(status == 200 and "your acceptance is recorded" in text, "POSTing the form succeeds (success.html)")
status, page = call("GET", f"_matrix/consent?u=bob&h={mac('bob')}")
check(f"You have accepted version {version}" in page, "bob's acceptance is recorded")
status, text = call("POST", "_matrix/client/v3/createRoom", {}, token=bob)
check(status == 200, "bob may now send events")
EOF

say "passed in $(( $(date +%s) - started )) s (install included when it ran)"
