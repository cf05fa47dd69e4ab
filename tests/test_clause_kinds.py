"""The clause kinds data file (policies/clause-kinds.yaml): read strictly, used by every reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensegate import clause_kinds as kinds_module
from licensegate.clause_kinds import OBLIGATIONS, clause_kinds, kinds_with_obligation
from licensegate.errors import PolicyError

ROW = "  about: A.\n  applies_when: B.\n  satisfied_by: C.\n  obligation: files\n"


@pytest.fixture
def kinds_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the loader at a scratch policies folder; the cache is cleared before and after."""
    monkeypatch.setattr(kinds_module, "policies_dir", lambda: tmp_path)
    clause_kinds.cache_clear()
    yield tmp_path / kinds_module.FILE_NAME
    clause_kinds.cache_clear()


def test_a_row_is_read_with_its_text_on_one_line(kinds_file: Path) -> None:
    kinds_file.write_text("retain-notices:\n" + ROW.replace("B.", ">-\n    B\n    b."))
    (kind,) = clause_kinds().values()
    assert (kind.name, kind.applies_when, kind.obligation) == ("retain-notices", "B b.", "files")


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "expected a mapping"),
        ("- mau-threshold\n", "expected a mapping"),
        ("Bad_Name:\n" + ROW, "not a clause kind name"),
        ("x:\n" + ROW + "  extra: 1\n", "exactly the fields"),
        ("x:\n" + ROW.replace("  about: A.\n", ""), "exactly the fields"),
        ("x:\n" + ROW.replace("A.", '""'), "x.about: expected non-empty text"),
        ("x:\n" + ROW.replace("C.", "[1]"), "x.satisfied_by: expected non-empty text"),
        ("x:\n" + ROW.replace("files", "paperwork"), "is not one of display"),
        ("x: [\n", "cannot read"),
    ],
)
def test_a_malformed_file_is_an_error_naming_it(
    kinds_file: Path, text: str, complaint: str
) -> None:
    kinds_file.write_text(text)
    with pytest.raises(PolicyError, match=complaint) as err:
        clause_kinds()
    assert "clause-kinds.yaml" in str(err.value)


def test_a_missing_file_is_an_error(kinds_file: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        clause_kinds()


def test_the_shipped_file_groups_every_kind_once() -> None:
    kinds = clause_kinds()
    groups = [kinds_with_obligation(name) for name in OBLIGATIONS]
    assert sum(len(group) for group in groups) == len(kinds)
    assert "retain-notices" in kinds_with_obligation("files")  # missing from the review once
    assert kinds_with_obligation("display") >= {"attribution-display", "ui-attribution-threshold"}
    builtin = {"unknown-model", "unsupported-license", "no-duties", "invalid-input"}
    assert builtin <= kinds_with_obligation("none")
