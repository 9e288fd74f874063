"""Ingest: read files, directories, feeds, JSON Lines and web pages into `Report` records."""

from warnline.ingest.discover import Input, ReadLimits, plan_inputs, read_input, read_inputs
from warnline.ingest.metadata import Defaults

__all__ = ["Defaults", "Input", "ReadLimits", "plan_inputs", "read_input", "read_inputs"]
