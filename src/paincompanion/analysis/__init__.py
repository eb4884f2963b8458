"""Pure computations over plain rows and the interaction data (no storage, no Qt): insights statistics,
medicine totals, the opioid safety picture. Used by services/ and reports/ alike, so reports never import
services (see the layers contract in pyproject.toml)."""
