"""Stage: source/ -> raw files decoded and cut into parts.

* :mod:`.manifest` — source/manifest.yaml, validated;
* :mod:`.ingest` — read each file (sha256 checked), cut it into parts by the manifest's markers;
* :mod:`.decode` — the one decoder for every file a user gives us;
* :mod:`.yamlfile` — YAML with line numbers and schema errors as file:line.
"""
