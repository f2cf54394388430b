"""Find Quarto, check its version, and install it from the quarto-cli wheel where that works.

``python -m rrall.quarto ensure`` never fails the set-up: where Quarto cannot be had it says so,
clearly, in both languages, and the test suite then skips the render checks.
``python -m rrall.quarto require`` fails (exit 2) when no suitable Quarto is available.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from rrall.labels import both, label

__all__ = ["find_quarto", "main", "parse_version", "quarto_version"]


def parse_version(text: str) -> tuple[int, ...] | None:
    """``"1.10.18\\n"`` -> ``(1, 10, 18)``."""
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(g) for g in m.groups() if g is not None) if m else None


def find_quarto() -> str | None:
    """Path of the ``quarto`` on PATH or in this environment's ``bin``."""
    local = Path(sys.executable).parent / "quarto"
    return shutil.which("quarto") or (str(local) if local.exists() else None)


def quarto_version(path: str) -> tuple[int, ...] | None:
    """The version a ``quarto`` binary reports, or None when it does not run."""
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_version(out.stdout) if out.returncode == 0 else None


def _ok(min_v: tuple[int, ...]) -> tuple[str | None, tuple[int, ...] | None]:
    q = find_quarto()
    v = quarto_version(q) if q else None
    return q, v


def main(argv: list[str] | None = None) -> int:
    """Command line: ``ensure`` (set-up) or ``require`` (before rendering)."""
    p = argparse.ArgumentParser(prog="python -m rrall.quarto")
    p.add_argument("action", choices=["ensure", "require"])
    p.add_argument("--min", default="1.9")
    p.add_argument("--wheel", default="quarto-cli")
    a = p.parse_args(argv)
    min_v = parse_version(a.min) or (1, 9)
    q, v = _ok(min_v)
    if v and v >= min_v:
        print(f"quarto {'.'.join(map(str, v))} ({q}) OK")
        return 0
    if a.action == "ensure":
        if v:
            print(
                both(
                    "cli_quarto_old",
                    version=".".join(map(str, v)),
                    path=q,
                    min=a.min,
                    wheel=a.wheel,
                )
            )
        r = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", a.wheel],
            check=False,
            capture_output=True,
            text=True,
        )
        q, v = _ok(min_v)
        if r.returncode == 0 and v and v >= min_v:
            print(f"quarto {'.'.join(map(str, v))} installed from {a.wheel}")
            return 0
        print(both("cli_quarto_missing", min=a.min, wheel=a.wheel))
        last = [
            ln.strip()
            for ln in (r.stderr or "").splitlines()
            if re.search(r"(?i)error|not known|unreachable|failed", ln)
        ][-1:]
        if last:
            print(f"pip: {last[0][:300]}")
        return 0
    found = ".".join(map(str, v)) if v else None
    for lang in ("ko", "en"):
        print(
            label("cli_quarto_required", lang, min=a.min, found=found or label("cli_none", lang)),
            file=sys.stderr,
        )
    return 2


if __name__ == "__main__":
    sys.exit(main())
