"""search_keys: narrow filter columns keyed by the FTS rowid (fast filtered search)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('search_keys',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('is_dup', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id')
    )
    op.execute("INSERT INTO search_keys (id, article_id, source_id, published, is_dup) "
               "SELECT s.id, a.id, a.source_id, a.published, a.dup_of IS NOT NULL "
               "FROM article_search s JOIN articles a ON a.id = s.article_id")


def downgrade() -> None:
    op.drop_table('search_keys')
