"""Publishing: the worker and everything it drives, from a due post to a recorded outcome.

One pass of a worker (`worker.Worker.run_once`) does housekeeping (`maintenance`), asks the
platforms about unclear outcomes (`reconciliation`), then claims due targets (`claims`),
marks their sends started (`starting`), calls the platforms (`sending`) and stores each
outcome (`recording`). `attention` holds a person's decisions on targets that need one.
Every collaborator shares one small `context.WorkerContext`.
"""
