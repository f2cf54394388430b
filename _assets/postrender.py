"""Quarto post-render hook: mend the HTML pages just written (rrall.site.polish_book)."""

import os
from pathlib import Path

from rrall.site import polish_book

if __name__ == "__main__":
    out = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_book"))
    files = [Path(f) for f in os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "").splitlines() if f]
    changed = polish_book(out, [f for f in files if f.suffix == ".html"] or None)
    print(f"post-render: {len(changed)} pages mended in {out}")
