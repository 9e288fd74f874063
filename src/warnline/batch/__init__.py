"""Batch: the extract step mapped over a corpus on a Dask cluster; no logic of its own.

`ingest_on_cluster` reads the inputs on the client, has the workers analyse batches of reports
(one spaCy model per worker, loaded by `ModelPlugin`), and stores the results through the same
code as `warnline.flow`, in the order the reports were read.
"""

from warnline.batch.runner import ClusterSpec, ingest_on_cluster

__all__ = ["ClusterSpec", "ingest_on_cluster"]
