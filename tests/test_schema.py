"""The migrations and the models agree, and the cheap revision list matches Alembic."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import houqin_cli.migrations as migrations
from houqin_cli import domains
from houqin_cli.migrations import compare_type
from houqin_cli.migrations.revisions import HEAD, REVISIONS

domains.load_models()


def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return ScriptDirectory.from_config(cfg)


def test_revision_list_matches_alembic():
    script = _script()
    assert script.get_current_head() == HEAD
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS


def test_migrated_schema_matches_models(cli):
    url = cli.db if cli.db.startswith("postgresql") else f"sqlite:///{cli.db}"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": compare_type})
        diff = compare_metadata(ctx, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_the_layout_module_is_the_models_schema():
    """core/layout.py (what verify and `houqin check` read instead of the models) is
    what scripts/gen_layout.py makes of the models, and its shapes are the writer's."""
    from houqin_cli.core import canonical, journal, layout, schema

    tables, indexes = schema.describe()
    assert {n: tuple(cols) for n, cols in tables.items()} == layout.TABLES, (
        "core/layout.py is out of date: run python scripts/gen_layout.py"
    )
    assert indexes == layout.INDEXES
    writer = {n: journal.shape(t) for n, t in journal.tracked_tables().items()}
    assert canonical.shapes() == writer
