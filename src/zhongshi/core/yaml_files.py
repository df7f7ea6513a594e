"""Reading YAML: libyaml's C loader when PyYAML was built with it (~7× faster than the pure-Python one on
the form definitions), the pure-Python safe loader otherwise; both build plain data only."""

from __future__ import annotations

from typing import IO, Any

import yaml

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """``yaml.safe_load(stream)``, with the C loader when available."""
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
