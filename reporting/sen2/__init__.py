"""The SEN2 return: build it from the case records, validate it, write it as XML and as CSVs."""
