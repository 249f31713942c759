"""The registries every group shares: people, units (departments, grades, classes) and places."""
