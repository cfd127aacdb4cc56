"""``python -m ocop`` runs the ``ocop`` command."""

import sys

from ocop.cli import main

sys.exit(main())
