"""Schema of the sources dataset: the one bibliography every row of every dataset points at.

The column added in version 2026-11-30 (gloss_en) is optional, so that the earlier version, which lacks it,
still validates. From version 2026-11-30b a source may have been found after the pack (by search): its pack_file is
empty, and its url, publication date or note, and verbatim quote are its record."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from dashboard.schemas import fields as f

ARTICLE_PACK_FILES_PREFIX = "article-"


class SourcesSchema(pa.DataFrameModel):
    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9][a-z0-9_.-]*$")
    publisher: Series[str] = f.text(nullable=False, description="Who published the figure")
    published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://\S+$")
    repository: Series[str] = pa.Field(nullable=True, str_matches=r"^[\w.-]+/[\w.-]+$")
    repository_path: Series[str] = f.text()
    repository_commit: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{40}$")
    quote: Series[str] = f.text(description="The source's words, verbatim")
    reliability: Series[str] = f.reliability()
    footnote: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    char_offset: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    pack_file: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[\w.-]+\.(csv|txt|md)$",
        description="File of the source pack; empty for a source found after the pack (see found_after_pack)",
    )
    note: Series[str] = f.text()
    gloss_en: Series[str] | None = f.text(
        description="English gloss of the quote by the project's maintainers; not the source's words"
    )

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    @classmethod
    def locatable(cls, df: pd.DataFrame) -> pd.Series:
        """Each source can be found: a URL, a repository with path and commit, or an offset in the article."""
        in_repository = (
            df["repository"].notna() & df["repository_path"].notna() & df["repository_commit"].notna()
        )
        in_article = df["source_id"].str.startswith(ARTICLE_PACK_FILES_PREFIX) & df["char_offset"].notna()
        return df["url"].notna() | in_repository | in_article

    @pa.dataframe_check
    @classmethod
    def found_after_pack(cls, df: pd.DataFrame) -> pd.Series:
        """A source outside the pack (no pack_file) is a page: it has a url, a quote and a note saying how it was
        found (its date where the page gives one), never an article offset or a repository."""
        outside = df["pack_file"].isna()
        recorded = df["url"].notna() & df["quote"].notna() & df["note"].notna()
        return ~outside | (recorded & df["char_offset"].isna() & df["repository"].isna())

    @pa.dataframe_check
    @classmethod
    def article_ids_match_offsets(cls, df: pd.DataFrame) -> pd.Series:
        """An article source's id is article-<char_offset>, and it quotes the article."""
        is_article = df["source_id"].str.startswith(ARTICLE_PACK_FILES_PREFIX)
        expected = ARTICLE_PACK_FILES_PREFIX + df["char_offset"].astype("string")
        return ~is_article | ((df["source_id"] == expected) & df["quote"].notna()).fillna(False)
