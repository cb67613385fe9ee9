"""The speed and memory benchmark (``python -m jianghua.bench``): ratios against a
floor measured in the same process, never timed tests."""
