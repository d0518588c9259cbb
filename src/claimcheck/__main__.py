"""The claimcheck command: the console script and `python -m claimcheck` both run `main`."""

from __future__ import annotations

import atexit
import gc

from claimcheck import cli


def main() -> None:
    """Run the command line in this process, which ends with it. Only here is the garbage
    collector tuned: `claimcheck.cli.main([...])` called in another program leaves it alone."""
    # What the command built (pairs keeps tens of thousands of cached objects) needs no more
    # passes of the cycle collector, which would otherwise walk all of it at exit.
    atexit.register(gc.freeze)
    # Claim extraction allocates many short-lived objects and few cycles: the cycle collector's
    # default (a pass every 700 net allocations) costs `pairs` about 5% of its time; every
    # 50,000 keeps memory bounded all the same.
    gc.set_threshold(50_000, 20, 100)
    cli.main()


if __name__ == "__main__":
    main()
