"""Settings, split by environment: base (shared), local (developer default), production, test.

Every value that differs between environments is read from the environment in `env.py`.
"""
