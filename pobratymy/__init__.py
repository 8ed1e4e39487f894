"""Pobratymy domain package: schema, loading/saving, building the dataset, import and filters.

Pure Python: nothing here imports ``streamlit``.
"""

__version__ = "0.1.0"
