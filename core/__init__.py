"""The ground floor: what every app may use and which imports no other app of the portal."""
