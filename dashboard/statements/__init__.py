"""Numbers held against the sourced series: a file's values (`bilateral check --explain`) and a text's claims."""
