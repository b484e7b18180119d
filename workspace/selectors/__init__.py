"""Reads for the workspace's pages, one module per page. Each takes the acting user and scopes
what it returns to the cases that person may see (`cases.selectors.children_visible_to`)."""
