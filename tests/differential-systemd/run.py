#!/usr/bin/env python3
"""Differential test of the probe against a real systemd 252.

Random docker.service configurations (unit file, drop-ins across the search
path, environment files, socket units) are generated from a small grammar
with a seeded random generator. Each one is written into a container booted
with systemd as PID 1 (tests/systemd-container.sh), where /usr/sbin/dockerd
is a stub that records the argv and LISTEN_FDS it receives and exits. The
probe scans the same root from the host (dockerd-listeners --root ROOT
--config-only --format json). Compared, per case:

  - whether systemd starts dockerd at all (unit refused with bad-setting,
    masked, 203/EXEC, a missing EnvironmentFile=) against the probe's
    systemd-level refusals (error problems saying so, or a masked unit);
  - when it starts: the argv dockerd gets, word for word, against the
    probe's launch argv; with fd:// the number of sockets passed against the
    probe's socket-activated listeners.

This script generates text and compares outputs; it never parses unit
files (the probe's library is the only reader). Cases are independent:
case K of seed S is generated from the pair (S, K), so one disagreement is
reproduced with --seed S --case K (the line printed on failure).

Usage: run.py --probe PATH [--cases N] [--seed S] [--case K] [--verbose]
Needs root (the container). Exit 0 when every case agrees, 1 otherwise,
2 on a harness error.
"""

import argparse
import json
import os
import random
import re
import signal
import threading
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONTAINER = os.path.join(HERE, "..", "systemd-container.sh")

# The grammar changes over time: a seed reproduces with run.py of the same
# commit.
STUB = """#!/bin/sh
# dockerd stand-in: records what systemd passed, then exits.
d=/run/dscap-stub
mkdir -p $d
printf '%s\\n' "${LISTEN_FDS:-}" > $d/fds.tmp
for a in "$@"; do printf '%s\\0' "$a"; done > $d/argv.tmp
mv $d/fds.tmp $d/fds
mv $d/argv.tmp $d/argv
exit 0
"""

# Runs inside the container for one case: reload, start the sockets and the
# service, wait for the stub or a failure, print what happened.
CASE = """#!/bin/sh
systemctl daemon-reload
systemctl reset-failed >/dev/null 2>&1
for s in $(systemctl list-unit-files --no-legend --type=socket 'docker*.socket' 'dscap*.socket' | awk '{print $1}'); do
	systemctl start "$s" >/dev/null 2>&1
done
echo "LOAD $(systemctl show -p LoadState --value docker.service)"
timeout 10 systemctl start docker.service >/dev/null 2>&1
i=0
while [ $i -lt 100 ]; do
	[ -f /run/dscap-stub/argv ] && break
	s=$(systemctl show -p ActiveState --value docker.service)
	[ "$s" = failed ] || [ "$s" = inactive ] && break
	sleep 0.02
	i=$((i + 1))
done
echo "STATUS $(systemctl show -p ExecMainStatus --value docker.service) $(systemctl show -p Result --value docker.service)"
if [ -f /run/dscap-stub/argv ]; then
	echo "FDS $(cat /run/dscap-stub/fds)"
	echo "ARGV"
	cat /run/dscap-stub/argv
fi
"""

CLEAN = """#!/bin/sh
systemctl stop docker.service >/dev/null 2>&1
for s in $(systemctl list-units --all --no-legend --plain --type=socket 'docker*.socket' 'dscap*.socket' | awk '{print $1}'); do
	systemctl stop "$s" >/dev/null 2>&1
done
rm -rf /run/dscap-stub /run/dscap-*.sock
"""

# ------------------------------------------------------------------ grammar

HOSTS = ["tcp://127.0.0.1:2375", "tcp://0.0.0.0:2376", "unix:///run/dscap-h.sock",
         "tcp://127.0.0.1:%d", "unix:///run/%n.sock", "unix:///run/%p-%j.sock",
         "tcp://%H:2377", "unix://%t/dscap-t.sock", "unix:///run/dscap-%%.sock"]
FLAGS = ["--debug", "--log-level=info", "--containerd=/run/containerd/containerd.sock",
         "--iptables=false", "-D"]
VARS = ["OPTS", "DOCKER_OPTS", "HOSTS", "A1", "B_2"]


def host(r):
    h = r.choice(HOSTS)
    return h.replace("%d", str(r.randint(2300, 2399))) if "%d" in h and "%%" not in h else h


def quote_word(r, w):
    """One argv word written in a form systemd decodes back to w."""
    form = r.random()
    if form < 0.5 or any(c in w for c in "\"'\\ $%"):
        return w
    if form < 0.65:
        return '"%s"' % w
    if form < 0.8:
        return "'%s'" % w
    if form < 0.9 and w.startswith("-"):
        return "\\x2d" + w[1:]  # a C escape
    return w[:1] + '""' + w[1:]  # quotes may start inside a word


def env_value_words(r, raw=False):
    """A variable's value: dockerd flags, split at whitespace by $VAR. With
    raw, specifiers are left for systemd to resolve (Environment= does)."""
    words = []
    esc = (lambda h: h) if raw else (lambda h: h.replace("%", "%%"))
    for _ in range(r.randint(0, 3)):
        if r.random() < 0.6:
            words += ["-H", esc(host(r))] if r.random() < 0.5 else ["-H" + esc(host(r))]
        else:
            words.append(r.choice(FLAGS))
    return words


def env_assignment(r, name):
    words = env_value_words(r, raw=r.random() < 0.3)
    v = " ".join(words)
    form = r.random()
    if not v:
        return "%s=" % name
    if " " not in v and form < 0.5:
        return "%s=%s" % (name, v)
    if form < 0.8:
        return '"%s=%s"' % (name, v)
    return "%s='%s'" % (name, v) if "'" not in v else '"%s=%s"' % (name, v)


def exec_line(r, varnames):
    """An ExecStart= value (and whether it is multi-line)."""
    path = r.choices(
        ["/usr/sbin/dockerd", "/usr/bin/dockerd", "dockerd", "/usr/sbin//dockerd",
         "/usr/sbin/./dockerd", "/usr/sbin/dockerd/", "/sbin/dockerd", "/usr/sbin/dockerd%D"],
        weights=[50, 4, 6, 3, 3, 3, 4, 2])[0]
    prefix = r.choices(["", "-", "@", ":", "+", "!", "-@", "!!", "|", "-:"],
                       weights=[60, 8, 4, 4, 3, 3, 3, 2, 2, 3])[0]
    words = [prefix + path]
    if "@" in prefix:
        words.append(r.choice(["dockerd", "/usr/bin/docker-daemon"]))
    for _ in range(r.randint(0, 5)):
        x = r.random()
        if x < 0.35:
            words += ["-H", quote_word(r, host(r))]
        elif x < 0.5:
            words.append(quote_word(r, r.choice(FLAGS)))
        elif x < 0.7 and varnames:
            words.append("$" + r.choice(varnames))
        elif x < 0.8 and varnames:
            words += ["-H", "${%s}" % r.choice(varnames)]
        elif x < 0.85:
            words.append("$NOPE")
        elif x < 0.87:
            words.append("-H")
            words.append("unix:///run/dscap-%s.sock" % r.choice(["a", "b", "$$x", "q\\sr"]))
        elif x < 0.9:
            words += ["-H", r.choice(["fd://", "fd://3", "fd://4", "fd://*"])]
        else:
            words.append("-H" + host(r))
    if r.random() < 0.05:
        words.append('"unbalanced')
    if r.random() < 0.04:
        words += [";", "/usr/sbin/dockerd", "--debug"]
    text = words[0]
    for w in words[1:]:
        if r.random() < 0.12:
            text += " \\\n"
            if r.random() < 0.3:
                text += "# a comment inside the continuation\n"
            text += "  " + w
        else:
            text += " " + w
    return text


def service_section(r, varnames, in_dropin):
    lines = ["[Service]"]
    if not in_dropin or r.random() < 0.2:
        t = r.choices(["simple", "exec", "notify", "oneshot", "dbus", "forking", "bogus", None],
                      weights=[30, 10, 20, 4, 4, 5, 2, 25])[0]
        if t:
            lines.append("Type=" + t)
        if t == "dbus" and r.random() < 0.5:
            lines.append("BusName=org.example.Dscap")
    for _ in range(r.randint(0, 2)):
        names = r.sample(varnames, k=min(len(varnames), r.randint(1, 2)))
        lines.append("Environment=" + " ".join(env_assignment(r, n) for n in names))
    if r.random() < 0.08:
        lines.append("Environment=")
    if r.random() < 0.25:
        f = r.choice(["-/etc/dscap-env-1", "/etc/dscap-env-1", "-/etc/dscap-env-2",
                      "/etc/dscap-env-missing", "-/etc/dscap-env-missing", "/etc/dscap-env-*"])
        lines.append("EnvironmentFile=" + f)
    if r.random() < 0.15:
        lines.append("UnsetEnvironment=" + " ".join(r.sample(varnames, k=1)))
    if r.random() < 0.05:
        lines.append("WorkingDirectory=" + r.choice(["/", "-rel", "rel", "~", "%t", "-%D"]))
    if r.random() < 0.05:
        lines.append("Sockets=dscap-extra.socket")
    n = r.choices([0, 1, 2], weights=[40 if in_dropin else 4, 55 if in_dropin else 90, 5])[0]
    if in_dropin and n and r.random() < 0.85:
        lines.append("ExecStart=")
    for _ in range(n):
        lines.append("ExecStart=" + exec_line(r, varnames))
    if r.random() < 0.1:
        lines.append("Environment=%s" % env_assignment(r, r.choice(varnames)))
    if r.random() < 0.08:
        lines.insert(r.randint(1, len(lines)), "; a comment")
    return "\n".join(lines) + "\n"


def env_file(r, varnames):
    out = []
    for n in r.sample(varnames, k=r.randint(1, len(varnames))):
        v = " ".join(env_value_words(r)).replace("%%", "%")
        form = r.random()
        if form < 0.4:
            out.append('%s="%s"' % (n, v))
        elif form < 0.6:
            out.append("%s='%s'" % (n, v))
        elif " " not in v:
            out.append("%s=%s" % (n, v))
        else:
            out.append('%s="%s"' % (n, v))
        if r.random() < 0.2:
            out.append("# comment")
    return "\n".join(out) + "\n"


def generate(seed, k):
    """Files of case k: {in-root path: text, or None for a /dev/null link}."""
    r = random.Random("%s:%s" % (seed, k))
    varnames = r.sample(VARS, k=r.randint(1, 3))
    files = {}
    where = r.choices(["/etc/systemd/system", "/run/systemd/system", None], weights=[70, 10, 20])[0]
    if where:
        files[where + "/docker.service"] = "[Unit]\nDescription=dscap case %s:%s\n\n" % (seed, k) + \
            service_section(r, varnames, False)
    if r.random() < 0.03:
        files["/etc/systemd/system/docker.service"] = None  # masked
    dirs = ["/etc/systemd/system/docker.service.d", "/run/systemd/system/docker.service.d",
            "/usr/lib/systemd/system/docker.service.d", "/etc/systemd/system/service.d"]
    for _ in range(r.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]):
        d = r.choices(dirs, weights=[60, 15, 20, 5])[0]
        name = r.choice(["10-a.conf", "20-b.conf", "override.conf", "05-z.conf"])
        if r.random() < 0.05:
            files[d + "/" + name] = None  # masks the same name in lower dirs
        else:
            files[d + "/" + name] = service_section(r, varnames, True)
    if r.random() < 0.5:
        files["/etc/dscap-env-1"] = env_file(r, varnames)
    if r.random() < 0.3:
        files["/etc/dscap-env-2"] = env_file(r, varnames)
    if r.random() < 0.2:
        ls = ["/run/dscap-s%d.sock" % i for i in range(r.randint(1, 2))]
        if r.random() < 0.5:
            ls.append("127.0.0.1:%d" % r.randint(2400, 2499))
        files["/etc/systemd/system/docker.socket"] = \
            "[Socket]\n" + "".join("ListenStream=%s\n" % x for x in ls)
    if r.random() < 0.1:
        files["/etc/systemd/system/dscap-extra.socket"] = \
            "[Socket]\nListenStream=/run/dscap-x.sock\nService=docker.service\n"
    return files


def describe(files):
    out = []
    for p in sorted(files):
        t = files[p]
        out.append("--- %s%s" % (p, " -> /dev/null" if t is None else ""))
        if t is not None:
            out.append(t.rstrip("\n"))
    return "\n".join(out)

# ------------------------------------------------------------------ harness


def sh(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


class Container:
    def __init__(self):
        p = sh(CONTAINER, "start")
        if p.returncode != 0:
            raise RuntimeError("container start failed: " + p.stderr)
        self.leader = p.stdout.strip().splitlines()[-1]
        self.root = sh(CONTAINER, "root", self.leader).stdout.strip()
        self.written = []
        self.run("systemctl", "stop", "docker.service", "docker.socket", "containerd.service")
        self.run("systemctl", "mask", "containerd.service")
        self.run("systemctl", "disable", "docker.service", "docker.socket")
        self.put("/usr/sbin/dockerd", STUB, 0o755, keep=True)
        self.put("/usr/local/sbin/dscap-case", CASE, 0o755, keep=True)
        self.put("/usr/local/sbin/dscap-clean", CLEAN, 0o755, keep=True)

    def run(self, *cmd, timeout=60):
        return sh(CONTAINER, "run", self.leader, *cmd, timeout=timeout)

    def host_path(self, p):
        return self.root + p

    def put(self, p, text, mode=0o644, keep=False):
        hp = self.host_path(p)
        os.makedirs(os.path.dirname(hp), exist_ok=True)
        if os.path.lexists(hp):
            os.unlink(hp)
        if text is None:
            os.symlink("/dev/null", hp)
        else:
            with open(hp, "w") as f:
                f.write(text)
            os.chmod(hp, mode)
        if p.startswith("/run/"):
            # The container's /run is a tmpfs of its own: write it there too
            # (the probe reads the overlay's copy, systemd this one).
            if text is None:
                self.run("sh", "-c", 'mkdir -p "${1%/*}" && ln -sf /dev/null "$1"', "sh", p)
            else:
                sh(CONTAINER, "run", self.leader, "sh", "-c",
                   'mkdir -p "${1%/*}" && cat > "$1" && chmod ' + oct(mode)[2:] + ' "$1"', "sh", p,
                   input=text)
        if not keep:
            self.written.append(p)

    def clean(self):
        self.run("/usr/local/sbin/dscap-clean")
        inside = [p for p in self.written if p.startswith("/run/")]
        if inside:
            self.run("rm", "-f", *inside)
        for p in self.written:
            hp = self.host_path(p)
            if os.path.lexists(hp):
                os.unlink(hp)
        self.written = []

    def stop(self):
        sh(CONTAINER, "stop", self.leader)


def systemd_outcome(c):
    p = c.run("/usr/local/sbin/dscap-case")
    out = p.stdout
    res = {"load": None, "status": None, "argv": None, "fds": None}
    head, _, argv = out.partition("ARGV\n")
    for line in head.splitlines():
        if line.startswith("LOAD "):
            res["load"] = line[5:]
        elif line.startswith("STATUS "):
            res["status"] = line[7:]
        elif line.startswith("FDS "):
            res["fds"] = int(line[4:]) if line[4:].strip().isdigit() else 0
    if "ARGV\n" in out:
        res["argv"] = argv.split("\0")[:-1]
    return res


STOP = []  # signals received

SYSTEMD_REFUSAL = re.compile(r"systemd refuses|bad-setting|203/EXEC|systemd fails to run")


def probe_outcome(probe, root):
    p = sh(probe, "--root", root, "--config-only", "--format", "json")
    if p.returncode != 0:
        return {"error": "probe exit %d: %s" % (p.returncode, p.stderr.strip())}
    j = json.loads(p.stdout)
    launch = j["launch"]
    refusals = [x["message"] for x in j["problems"]
                if x.get("severity", "error") == "error" and SYSTEMD_REFUSAL.search(x["message"])]
    fd_listeners = [x for x in j["listeners"] if x.get("fd")]
    return {"runs": not refusals and not launch.get("masked"), "argv": launch.get("argv", []),
            "refusals": refusals, "masked": launch.get("masked"),
            "fd_listeners": len(fd_listeners), "problems": j["problems"]}


def compare(sd, pr):
    """None when they agree, else a short reason."""
    if "error" in pr:
        return pr["error"]
    ran = sd["argv"] is not None
    if ran != pr["runs"]:
        return "systemd %s dockerd (load=%s status=%s), probe says it %s%s" % (
            "starts" if ran else "does not start", sd["load"], sd["status"],
            "starts" if pr["runs"] else "does not",
            "" if pr["runs"] else (": " + "; ".join(pr["refusals"]) if pr["refusals"] else ": masked"))
    if not ran:
        return None
    if sd["argv"] != pr["argv"][1:]:
        return "argv differ: systemd %s, probe %s" % (json.dumps(sd["argv"]), json.dumps(pr["argv"][1:]))
    if any(w == "fd://" or w == "-Hfd://" for w in sd["argv"]) and sd["fds"] != pr["fd_listeners"]:
        return "fd:// sockets differ: systemd passed %s, probe lists %d" % (sd["fds"], pr["fd_listeners"])
    return None


def run_cases(a, ks, lock, totals):
    """One container runs cases ks in order; results go to totals."""
    c = Container()
    try:
        for k in ks:
            if STOP:
                break
            files = generate(a.seed, k)
            for p, t in files.items():
                c.put(p, t)
            sd = systemd_outcome(c)
            pr = probe_outcome(a.probe, c.root)
            why = compare(sd, pr)
            c.clean()
            with lock:
                totals["done"] += 1
                totals["ran" if sd["argv"] is not None else "refused"] += 1
                if why:
                    totals["bad"] += 1
                    print("DISAGREE seed=%s case=%d: %s" % (a.seed, k, why))
                    print("  reproduce: %s --probe %s --seed %s --case %d --verbose" % (
                        os.path.relpath(__file__), a.probe, a.seed, k))
                    if a.verbose:
                        print(describe(files))
                        print("systemd: %s" % json.dumps(sd))
                        print("probe problems: %s" % json.dumps(pr.get("problems")))
                elif a.verbose:
                    print("agree case %d: %s" % (k, json.dumps(sd)))
                if totals["done"] % 50 == 0:
                    print("# %d/%d cases, %d disagreements, %.0f s" % (
                        totals["done"], totals["all"], totals["bad"], time.time() - totals["t0"]),
                        flush=True)
    finally:
        c.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--probe", required=True)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--case", type=int, default=None, help="run only this case")
    ap.add_argument("--jobs", type=int, default=1, help="containers run at once")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the case's files and exit")
    a = ap.parse_args()

    ks = [a.case] if a.case is not None else list(range(a.cases))
    if a.show:
        for k in ks:
            print("# case %s:%d\n%s" % (a.seed, k, describe(generate(a.seed, k))))
        return 0
    if os.geteuid() != 0:
        print("run.py: needs root (systemd-nspawn)", file=sys.stderr)
        return 2
    a.probe = os.path.abspath(a.probe)
    if not os.access(a.probe, os.X_OK):
        print("run.py: probe %s is not executable" % a.probe, file=sys.stderr)
        return 2

    # A signal ends the run after the current cases; every container is
    # stopped on the way out.
    def leave(signum, frame):
        STOP.append(signum)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, leave)

    lock = threading.Lock()
    totals = {"done": 0, "bad": 0, "ran": 0, "refused": 0, "all": len(ks), "t0": time.time()}
    jobs = max(1, min(a.jobs, len(ks)))
    errors = []

    def worker(j):
        try:
            run_cases(a, ks[j::jobs], lock, totals)
        except Exception as e:  # a harness failure, not a disagreement
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(j,)) for j in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.5)
    if STOP:
        print("run.py: stopped by signal %d" % STOP[0], file=sys.stderr)
        return 128 + STOP[0]
    if errors:
        for e in errors:
            print("run.py: harness error: %s" % e, file=sys.stderr)
        return 2
    if totals["done"] != len(ks):
        print("run.py: only %d of %d cases ran" % (totals["done"], len(ks)), file=sys.stderr)
        return 2
    print("# seed %s: %d cases (systemd started dockerd in %d, refused or failed %d), "
          "%d agree, %d disagree (%.0f s)" % (
              a.seed, len(ks), totals["ran"], totals["refused"], len(ks) - totals["bad"],
              totals["bad"], time.time() - totals["t0"]))
    return 1 if totals["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
