"""Quality benchmarks: Open IE on CaRB dev, CAMEO coding on PETRARCH-2 records, our own gold set.

Each module runs standalone (``python benchmarks/quality/carb.py``) and the package
runs all three (``python -m benchmarks.quality``). See README.md, "Measured quality".
"""
