"""Data shipped inside the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_esco_ict_path"]


def bundled_esco_ict_path() -> Path:
    """The folder of the ESCO ICT subset (official CSV layout; © European Union, reuse
    authorised with attribution, see its README.md). Ready for ``parse_esco``.

    Raises FileNotFoundError when the package is installed in a form that is not a folder on
    disk (e.g. a zip).
    """
    root = resources.files("skillgraph") / "data" / "esco_ict"
    if not isinstance(root, Path) or not root.is_dir():
        raise FileNotFoundError(f"the bundled ESCO ICT data is not a folder on disk: {root}")
    return root
