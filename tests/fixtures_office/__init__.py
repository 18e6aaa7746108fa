"""Builders for the office-format test fixtures (DOCX and PDF written from scratch)."""
