"""The schema revisions this program knows, oldest first. Read without Alembic
by the cheap check every command makes; a test keeps it equal to versions/."""

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007_cal",
    "0008_cal",
    "0009_repair",
    "0010_safety",
    "0011_meal",
    "0012_duty",
)
HEAD = REVISIONS[-1]
