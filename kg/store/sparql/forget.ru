# Drop a document's graph.
DROP SILENT GRAPH <{{graph}}>
