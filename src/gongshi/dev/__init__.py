"""Developer tools: synthetic data, benchmarks, Lighthouse, test-site projects.

They work on the repository itself (its mkdocs.yml, docs/, sample data), so they
need its folder: PROJECT is the one place that finds it (the package is installed
editable from src/, see scripts/lib/env.sh)."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
