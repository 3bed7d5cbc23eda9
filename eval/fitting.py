"""What the two ranker fitters (eval/fit_rerank.py, eval/fit_related.py) share: the `--drop`
ablation, the printed weights, and trying fitted weights in place without keeping them."""
from __future__ import annotations

import datetime
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import numpy as np


def drop_features(x: np.ndarray, features: tuple[str, ...], drop: str, error: Callable[[str], None]) -> None:
    """Make the comma-separated `drop` features constant in `x` (standardised to 0, so their
    weight is 0); `error` gets the message for a name that is not a feature."""
    for name in filter(None, drop.split(",")):
        if name not in features:
            error(f"--drop {name}: not a feature ({', '.join(features)})")
        x[:, features.index(name)] = 0.0


def print_weights(model, width: int) -> None:
    for name, c in sorted(zip(model.names, model.coef), key=lambda t: -abs(t[1])):
        print(f"  {name:<{width}}{c:+.3f}")


def fit_meta(command: str, **counts) -> dict:
    """The header stored with the weights: the fitting command, the split, the counts, the date."""
    return {"fitted_by": command, "split": "tune", **counts, "date": datetime.date.today().isoformat()}


@contextmanager
def weights_in_place(path: Path, data: dict, keep: bool, cache_clear: Callable[[], None]) -> Iterator[None]:
    """`data` written to `path` for the evaluation inside the block; unless `keep`, the file is
    left as it was afterwards (removed if there was none). The loader's cache is cleared both ways."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    cache_clear()
    try:
        yield
    finally:
        if not keep:
            if old is None:
                path.unlink()
            else:
                path.write_text(old, encoding="utf-8")
        cache_clear()
