"""Reference data as data: the catalogue of armed actors with their aliases and designations."""

from __future__ import annotations

from warnline.catalogue.actors import (
    Actor,
    Catalogue,
    Designation,
    is_acronym,
    load_catalogue,
    load_catalogue_from,
    normalise_name,
)

__all__ = [
    "Actor",
    "Catalogue",
    "Designation",
    "is_acronym",
    "load_catalogue",
    "load_catalogue_from",
    "normalise_name",
]
