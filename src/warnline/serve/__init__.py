"""Serve: the FastAPI app (web UI and REST API) over the store."""

from warnline.serve.app import create_app

__all__ = ["create_app"]
