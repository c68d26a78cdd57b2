"""SkillExtractor loads its model once, however many threads ask for it first."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from skillgraph.analysis.extraction import SkillExtractor
from skillgraph.extraction.embedder import Embedder, ModelUnavailable
from skillgraph.settings import Settings

SETTINGS = Settings(_env_file=None)


class Model:
    model_id = "test"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0] for _ in texts]


class SlowLoader:
    """Holds every load until released, so concurrent first calls overlap."""

    def __init__(self, fails: bool = False) -> None:
        self.calls = 0
        self.release = threading.Event()
        self.fails = fails

    def __call__(self, settings: Settings) -> Embedder:
        self.calls += 1
        self.release.wait(5)
        if self.fails:
            raise ModelUnavailable("not installed")
        return Model()


def first_calls(service: SkillExtractor, loader: SlowLoader) -> list[Embedder | None]:
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(service.embedder) for _ in range(8)]
        loader.release.set()
        return [f.result() for f in futures]


def test_concurrent_first_calls_share_one_load() -> None:
    loader = SlowLoader()
    service = SkillExtractor(SETTINGS, loader=loader)
    found = first_calls(service, loader)
    assert loader.calls == service.model_loads == 1
    assert all(f is found[0] and f is not None for f in found)


def test_a_failed_load_gives_every_caller_the_reason() -> None:
    loader = SlowLoader(fails=True)
    service = SkillExtractor(SETTINGS, loader=loader)
    assert first_calls(service, loader) == [None] * 8
    assert loader.calls == 1
    assert service.model_problem == "not installed"


def test_a_given_model_is_never_loaded() -> None:
    loader = SlowLoader()
    service = SkillExtractor(SETTINGS, Model(), loader=loader)
    assert service.embedder() is not None
    assert loader.calls == service.model_loads == 0
