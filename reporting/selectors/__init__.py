"""Reads for the dashboards, one module per group of measures (timeliness, the other statutory
measures, the cohort). Each function is a handful of aggregate queries over the report's scope."""
