# Add N-Triples data to named graphs: GRAPH <g> { ... } blocks.
INSERT DATA { {{data}} }
