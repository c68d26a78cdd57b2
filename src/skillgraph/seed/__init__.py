"""Deterministic data generators: the demo catalogue around ESCO and a synthetic dataset at
benchmark scale, both as ``(Kind, rows)`` batches for ``skillgraph.store.bulk.write_stream``."""

from skillgraph.seed.dates import REFERENCE_DATE
from skillgraph.seed.demo import (
    DEMO_PERSON_URI,
    DEMO_POSTING_URI,
    DEMO_PROVIDER_URI,
    OccupationRef,
    SkillRef,
    demo_catalogue,
    demo_posting_dates,
)
from skillgraph.seed.escofiles import ESCO_FILES, write_esco_csv
from skillgraph.seed.rows import Batch, Row
from skillgraph.seed.sizes import Sizes
from skillgraph.seed.synthetic import synthetic_dataset, synthetic_planted_trends

__all__ = [
    "DEMO_PERSON_URI",
    "DEMO_POSTING_URI",
    "DEMO_PROVIDER_URI",
    "ESCO_FILES",
    "REFERENCE_DATE",
    "Batch",
    "OccupationRef",
    "Row",
    "Sizes",
    "SkillRef",
    "demo_catalogue",
    "demo_posting_dates",
    "synthetic_dataset",
    "synthetic_planted_trends",
    "write_esco_csv",
]
