"""Quarto pre-render hook: validate the data first, so a broken export never yields a report."""

import sys

from rrall.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["validate"]))
