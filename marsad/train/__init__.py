"""Reproducible training of the shipped models from ../shared/data (``marsad train ...``)."""
