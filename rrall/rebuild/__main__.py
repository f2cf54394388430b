"""``python -m rrall.rebuild reconstruct|ensemble ...`` (see :mod:`rrall.rebuild.cli`)."""

import sys

from rrall.rebuild.cli import main

sys.exit(main())
