"""Network: models."""
