"""Finding files: one identity per file, every file accounted for, links kept in their folder."""

from __future__ import annotations

import os

import pytest

from marker.discovery import InputError, find_files
from marker.parse.formats import REFUSED


def touch(path, data: bytes = b"x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def paths(found):
    return [task.path for task in found.tasks]


def test_one_folder_gives_paths_relative_to_it_never_absolute(tmp_path):
    touch(tmp_path / "in" / "sub" / "deep" / "x.docx")
    touch(tmp_path / "in" / "y.xlsx")
    found = find_files([str(tmp_path / "in")])
    assert paths(found) == ["sub/deep/x.docx", "y.xlsx"]
    assert [task.name for task in found.tasks] == ["x.docx", "y.xlsx"]
    assert found.tasks[0].source == tmp_path / "in" / "sub" / "deep" / "x.docx"


def test_two_folders_keep_two_files_of_one_name_apart(tmp_path):
    touch(tmp_path / "in" / "a" / "same.docx", b"one")
    touch(tmp_path / "in" / "b" / "same.docx", b"two")
    found = find_files([str(tmp_path / "in" / "a"), str(tmp_path / "in" / "b")])
    assert paths(found) == ["a/same.docx", "b/same.docx"]


def test_two_folders_with_one_name_get_numbered_labels(tmp_path):
    touch(tmp_path / "x" / "a" / "same.docx", b"one")
    touch(tmp_path / "y" / "a" / "same.docx", b"two")
    found = find_files([str(tmp_path / "x" / "a"), str(tmp_path / "y" / "a")])
    assert paths(found) == ["a/same.docx", "a-2/same.docx"]


def test_a_named_file_is_its_name_and_two_of_one_name_get_their_folders(tmp_path):
    one = touch(tmp_path / "a" / "x.docx", b"one")
    two = touch(tmp_path / "b" / "x.docx", b"two")
    other = touch(tmp_path / "b" / "y.docx")
    assert paths(find_files([str(one)])) == ["x.docx"]
    assert paths(find_files([str(one), str(two), str(other)])) == ["a/x.docx", "b/x.docx", "y.docx"]


def test_a_file_reached_twice_is_one_file(tmp_path):
    one = touch(tmp_path / "a" / "x.docx")
    found = find_files([str(one), str(one), str(tmp_path / "a")])
    assert paths(found) == ["x.docx"]
    assert found.skipped["duplicate"] == 2


@pytest.mark.parametrize(
    "name",
    [
        "old.doc",
        "old.xls",
        "macro.docm",
        "macro.xlsm",
        "text.odt",
        "sheet.ods",
        "scan.pdf",
        "letter.rtf",
        "essay.pages",
        "notes.txt",
        "photo.jpg",
        "SHOUTING.DOC",
        "Scan.PDF",
        "binary.xlsb",
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_its_own_code(tmp_path, name):
    touch(tmp_path / "in" / name)
    touch(tmp_path / "in" / "good.docx")
    found = find_files([str(tmp_path / "in")])
    refused = {task.path: task.refused for task in found.tasks}
    assert refused[name] == REFUSED[os.path.splitext(name)[1].lower()]
    assert refused["good.docx"] is None


def test_clutter_and_other_files_are_skipped_and_counted(tmp_path):
    folder = tmp_path / "in"
    for name in ("~$draft.docx", ".~lock.draft.docx#", ".DS_Store", "Thumbs.db", "desktop.ini"):
        touch(folder / name)
    touch(folder / "__MACOSX" / "._draft.docx")
    touch(folder / "readme.md")
    touch(folder / "draft.docx")
    found = find_files([str(folder)])
    assert paths(found) == ["draft.docx"]
    assert found.skipped == {"system": 6, "other": 1}


def test_an_empty_folder_is_an_error_naming_it(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match=r"in/: no \.docx or \.xlsx files found$"):
        find_files([str(tmp_path / "in")])


def test_a_folder_of_clutter_only_is_an_error_saying_what_was_skipped(tmp_path):
    for name in (".DS_Store", "Thumbs.db", "notes.md"):
        touch(tmp_path / "in" / name)
    with pytest.raises(InputError, match=r"no \.docx or \.xlsx files found \(3 other files"):
        find_files([str(tmp_path / "in")])


def test_a_folder_of_refused_files_only_is_not_empty(tmp_path):
    touch(tmp_path / "in" / "old.doc")
    assert paths(find_files([str(tmp_path / "in")])) == ["old.doc"]


def test_a_path_that_does_not_exist_is_an_error_naming_it(tmp_path):
    touch(tmp_path / "in" / "x.docx")
    with pytest.raises(InputError, match=r"nope: no such file or folder"):
        find_files([str(tmp_path / "in"), str(tmp_path / "nope")])


def test_links_leading_out_of_the_folder_are_refused_unless_followed(tmp_path):
    outside = tmp_path / "elsewhere"
    touch(outside / "secret.docx")
    touch(outside / "more" / "other.docx")
    folder = tmp_path / "in"
    touch(folder / "real.docx")
    (folder / "link.docx").symlink_to(outside / "secret.docx")
    (folder / "linked-folder").symlink_to(outside / "more")
    found = find_files([str(folder)])
    refused = {task.path: task.refused and task.refused[0] for task in found.tasks}
    assert refused == {
        "link.docx": "link-outside",
        "linked-folder": "link-outside",
        "real.docx": None,
    }
    followed = find_files([str(folder)], follow_links=True)
    assert paths(followed) == ["link.docx", "linked-folder/other.docx", "real.docx"]
    assert all(task.refused is None for task in followed.tasks)


def test_links_inside_the_folder_are_followed_once_and_loops_end(tmp_path):
    folder = tmp_path / "in"
    touch(folder / "sub" / "x.docx")
    (folder / "alias.docx").symlink_to(folder / "sub" / "x.docx")
    (folder / "sub" / "loop").symlink_to(folder)
    found = find_files([str(folder)], follow_links=True)
    assert paths(found) == ["alias.docx"]  # the one file, first reached through its link
    assert found.skipped["duplicate"] == 1


def test_an_undecodable_file_name_gets_a_path_that_is_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.docx"), "wb") as handle:
        handle.write(b"x")
    (task,) = find_files([str(folder)]).tasks
    assert task.path == "caf\ufffd.docx"
    task.path.encode("utf-8")  # writable in the journal and the grid
    assert task.source.exists()
