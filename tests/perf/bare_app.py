"""The ceiling the load benchmark compares with: Flask answering a fixed 20 KB page, nothing else."""
from __future__ import annotations

from flask import Flask

PAGE = "<!doctype html><title>bare</title><p>".ljust(20 * 1024, "x")

app = Flask(__name__)


@app.get("/")
def bare() -> str:
    return PAGE
