"""Clean a whole corpus: plan, hand the work to worker processes, account for every file.

:func:`run_batch` walks the sources lazily, mirrors each input to an output file
(or to one JSON-lines stream), and returns a :class:`BatchSummary`. Every input
gets one report record: ``cleaned``, ``skipped`` (its output is up to date) or
``failed`` with a one-line reason.

How the work is done:

* Workers are separate processes (``python -m newsclean.batch``) that read their
  inputs and write their outputs themselves; the supervisor sends them chunks of
  paths and gets back small per-file records. The number of chunks in flight and
  the distance between the oldest unreported file and the newest planned one are
  bounded, so memory does not grow with the corpus.
* A file over its time limit is stopped inside the worker by ``SIGALRM``; if the
  worker does not answer shortly after, the supervisor kills it, records the file
  as failed and starts a new worker for the rest of the chunk.
* Outputs are written atomically; ``OUT_DIR/.newsclean-batch.json`` remembers a
  fingerprint of the options, so a rerun skips outputs that are newer than their
  input and than the options, and redoes everything when the options change.
* With ``learn_boilerplate`` a first pass counts normalised lines per site
  (:mod:`newsclean.batch.learn`) and the second pass drops the site's repeated lines.
* With ``scheduler`` the same chunks run on a Dask distributed cluster
  (each Dask task drives one worker process of its own, so time limits still hold).

Records come out in input order whatever the number of workers, so reports and
JSON-lines output are identical from run to run.

The package, in the order of a run: :mod:`~newsclean.batch.config` (what a run is
given and returns), :mod:`~newsclean.batch.plan` (walking, output names, the output
directory), :mod:`~newsclean.batch.worker` (a worker process),
:mod:`~newsclean.batch.pool` (local workers), :mod:`~newsclean.batch.cluster` (Dask),
:mod:`~newsclean.batch.driver` (:func:`run_batch`), :mod:`~newsclean.batch.pages`
(pages of archives) and :mod:`~newsclean.batch.learn` (a site's repeated lines).
"""

from newsclean.batch.config import (
    DEFAULT_CLEANER,
    DEFAULT_GLOBS,
    FORMATS,
    REPORT_HTML_DOCUMENTS,
    BatchConfig,
    BatchError,
    BatchSummary,
    BatchUsageError,
    Task,
    site_depth,
)
from newsclean.batch.driver import run_batch
from newsclean.batch.plan import count_inputs, printable_path
from newsclean.batch.worker import WorkerContext, clean_file, count_file, document_record

__all__ = [
    "DEFAULT_CLEANER",
    "DEFAULT_GLOBS",
    "FORMATS",
    "REPORT_HTML_DOCUMENTS",
    "BatchConfig",
    "BatchError",
    "BatchSummary",
    "BatchUsageError",
    "Task",
    "WorkerContext",
    "clean_file",
    "count_file",
    "count_inputs",
    "document_record",
    "printable_path",
    "run_batch",
    "site_depth",
]
