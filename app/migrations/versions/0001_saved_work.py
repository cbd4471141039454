"""Saved work: conversations and briefings (works) and their answers (entries).

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "works",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user", sa.String(320), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("index_name", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_works_user", "works", ["user"])
    op.create_index("ix_works_updated", "works", ["updated"])
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "work_id",
            sa.String(32),
            sa.ForeignKey("works.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("versions", sa.Text(), nullable=False),
        sa.Column("chart", sa.Text(), nullable=True),
    )
    op.create_index("ix_entries_work_id", "entries", ["work_id"])


def downgrade() -> None:
    op.drop_index("ix_entries_work_id", "entries")
    op.drop_table("entries")
    op.drop_index("ix_works_updated", "works")
    op.drop_index("ix_works_user", "works")
    op.drop_table("works")
