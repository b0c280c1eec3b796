"""`python -m bench`: run every benchmark and print one report; `python -m bench mutants`: mutation testing."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["mutants"]:
        from bench.mutants import main as mutants

        sys.exit(mutants(sys.argv[2:]))
    from bench.run_all import main

    sys.exit(main())
