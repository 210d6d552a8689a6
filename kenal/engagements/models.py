"""Work: models."""
