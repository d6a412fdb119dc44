"""Framework-free helpers: no Django imports in this package."""
