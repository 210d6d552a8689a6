"""Agenda: models."""
