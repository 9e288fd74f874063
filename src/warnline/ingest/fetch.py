"""One web page (or feed, or text) over HTTP(S)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from warnline import __version__
from warnline.errors import Errors, WarnlineError

_USER_AGENT = f"warnline/{__version__} (+report ingestion)"


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    data: bytes


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET a URL, following redirects; E140/E141/E142/E104 when it cannot be had."""
    if not url.lower().startswith(("http://", "https://")):
        raise WarnlineError(Errors.E142, url)
    try:
        with httpx.stream(
            "GET",
            url,
            follow_redirects=True,
            timeout=timeout,
            headers={"User-Agent": _USER_AGENT},
        ) as response:
            if response.status_code >= 400:
                raise WarnlineError(Errors.E141, url, status=response.status_code)
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > max_bytes:
                    raise WarnlineError(Errors.E104, url, size=f"over {len(data)}", limit=max_bytes)
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(url=str(response.url), content_type=content_type, data=bytes(data))
    except httpx.InvalidURL as err:
        raise WarnlineError(Errors.E142, url) from err
    except httpx.HTTPError as err:
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise WarnlineError(Errors.E140, url, detail=detail) from err
