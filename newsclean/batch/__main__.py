"""``python -m newsclean.batch --worker``: the worker process of a batch run (started by the pool)."""

import sys

if "--worker" in sys.argv:
    from newsclean.batch.worker import worker_main

    worker_main()
else:
    print("newsclean.batch: internal worker process; use 'newsclean batch --help'", file=sys.stderr)
    raise SystemExit(2)
