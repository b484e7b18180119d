"""Writes to case records: one service per step. Import from the submodules."""
