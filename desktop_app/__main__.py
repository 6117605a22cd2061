"""`python -m desktop_app` behaves exactly like the `chugiai` command."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    # A frozen bundle re-launches itself for the segmentation worker process.
    multiprocessing.freeze_support()
    sys.exit(main())
