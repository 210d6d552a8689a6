"""Network: REST endpoints."""

from ninja import Router

router = Router(tags=["network"])
