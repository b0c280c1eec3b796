"""`python -m bench`: run every benchmark and print one report."""

import sys

from bench.run_all import main

if __name__ == "__main__":
    sys.exit(main())
