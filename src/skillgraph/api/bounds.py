"""The documented range of every numeric option; outside it is BAD_USER_INPUT naming the
field and the range, before anything is computed."""

from __future__ import annotations

from dataclasses import dataclass

from skillgraph.errors import BadUserInput

__all__ = ["ALTERNATIVES", "COVERAGE", "HOURS", "WEIGHT", "Bound"]


@dataclass(frozen=True)
class Bound:
    low: float
    high: float

    def check(self, value: float, field: str) -> float:
        if not self.low <= value <= self.high:
            raise BadUserInput(
                f"{field} must be between {_number(self.low)} and {_number(self.high)}, "
                f"got {value:g}",
                field=field,
            )
        return value

    def text(self) -> str:
        return f"{_number(self.low)}..{_number(self.high)}"


WEIGHT = Bound(0, 100)
COVERAGE = Bound(0, 1)
HOURS = Bound(0, 1_000_000)
ALTERNATIVES = Bound(0, 3)


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:g}"
