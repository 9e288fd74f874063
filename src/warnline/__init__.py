"""warnline: reports about armed conflict and terrorism, turned into a sourced, mapped record."""

from __future__ import annotations

__version__ = "0.1.0"

from warnline.records import Analysis, Report


def analyze(report: Report) -> Analysis:
    """Analyse one report: the `warnline.report/1` object, with no database involved."""
    from warnline.flow import analyze_report

    return analyze_report(report)


__all__ = ["Analysis", "Report", "__version__", "analyze"]
