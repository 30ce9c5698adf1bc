# Drop the build facts of a document's report.
DELETE WHERE { GRAPH <{{meta}}> { <{{report}}> ?p ?o } }
