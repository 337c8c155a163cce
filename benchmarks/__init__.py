"""Benchmarks: programmes and registrations built through the services, and what each request
costs (README, "Benchmarks"). Run from the repository root: `python -m benchmarks.<name>`."""
