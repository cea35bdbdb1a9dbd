"""The README's set-up line works with the pip a new venv has: it first installs the pinned, hashed pip of
requirements-pip.lock (a Python 3.11 venv's own pip 23.2.1 stops on the lock's hashed `lxml` once a package
asks for `lxml[html_clean]`), then requirements.lock. And CI runs that line as the README writes it, taken
from the README, not from a copy of its own."""
import re
import subprocess

from tests.conftest import ROOT

SETUP_HEADING = "## Set up and run on the shipped data"
TOO_OLD = (23, 2, 1)  # the pip of a fresh Python 3.11 venv, which fails on the lock


def _version(text: str) -> tuple[int, ...]:
    assert re.fullmatch(r"\d+(\.\d+)*", text), f"not a final release: {text}"
    return tuple(int(part) for part in text.split("."))


def _readme_setup_line() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n" + SETUP_HEADING + "\n", 1)[1]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.S)[:1]
    return block.replace("\\\n", " ").strip()


def test_the_setup_line_installs_the_pinned_pip_before_the_lock():
    steps = [s.strip() for s in _readme_setup_line().split("&&")]
    assert steps[0].startswith("python3 -m venv .venv")
    pip_step = next(i for i, s in enumerate(steps) if "requirements-pip.lock" in s)
    lock_step = next(i for i, s in enumerate(steps) if re.search(r"-r requirements\.lock\b", s))
    assert 0 < pip_step < lock_step, steps
    assert steps[pip_step].startswith(".venv/bin/python -m pip install") and "--require-hashes" in steps[pip_step]


def test_requirements_pip_lock_pins_one_new_enough_pip_with_its_hashes():
    text = (ROOT / "requirements-pip.lock").read_text(encoding="utf-8")
    lines = [line for line in text.replace("\\\n", " ").splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 1, lines
    m = re.fullmatch(r"pip==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)\s*", lines[0])
    assert m, lines[0]
    assert _version(m[1]) > TOO_OLD
    assert len(re.findall("--hash", m[2])) >= 1


def _ci_function(name: str) -> str:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    m = re.search(rf"^{name}\(\) {{.*?^}}\n", ci, re.S | re.M)
    assert m, f"no {name}() in .ci/run"
    return m[0]


def test_ci_takes_the_setup_line_from_the_readme_and_runs_it_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # the function CI uses to read the line, run here: it gives exactly the README's line
    script = f'PYTHON=python3\n{_ci_function("readme_command")}readme_command "{SETUP_HEADING}"\n'
    proc = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == _readme_setup_line()
    # the locked job reads the line with it and runs that, in a fresh .venv
    assert f'setup_line=$(readme_command "{SETUP_HEADING}")' in ci
    assert re.search(r'step locked bash -c "\$setup_line\b', ci)
    assert re.search(r'^V=\.venv$', ci, re.M) and re.search(r'^rm -rf "\$V"$', ci, re.M)
    # and has no copy of its own: no other command of CI installs requirements.lock or upgrades pip first
    commands = [line for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in commands if "-r requirements.lock" in line], commands
    locked_job = ci.split("# --- locked job", 1)[1].split("# --- newest job", 1)[0]
    assert "fresh_venv" not in locked_job and "--upgrade pip" not in locked_job
