"""Quarto pre-render hook: validate the data first, so a broken export never yields a report;
then write the data notices (banner, PDF running notice) in the words that fit the data."""

import sys

from rrall.__main__ import main
from rrall.site import write_notices

if __name__ == "__main__":
    status = main(["validate"])
    if status == 0:
        write_notices()
    sys.exit(status)
