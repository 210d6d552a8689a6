"""Promises: models."""
