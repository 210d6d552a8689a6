"""Conversations: models."""
