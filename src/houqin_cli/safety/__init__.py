"""Safety inspections, hazards, watched measurements and violations (#14)."""
