import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """The pipeline's output on the shipped raw/ folder, made once for the session."""
    out = tmp_path_factory.mktemp("seed") / "output"
    proc = run_cli("--raw", str(ROOT / "raw"), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out
