"""Performance benchmarks (issue #7): ``python -m benchmarks.perf --help``."""
