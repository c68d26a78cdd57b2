from __future__ import annotations

from pathlib import Path

from skillgraph.importers.csvfile import CsvRow, read_csv
from skillgraph.importers.problems import Problem, ProblemLog


def read(path: Path, required: tuple[str, ...] = ("a",)) -> tuple[list[CsvRow], list[Problem]]:
    log: ProblemLog[Problem] = ProblemLog()
    rows = list(read_csv(path, required, log))
    return rows, list(log.problems)


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "t.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode())
    return path


def test_each_row_carries_the_line_where_it_starts_counting_the_header_as_1(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, 'a,b\n1,"x\ny\nz"\n2,w\n\n3,"q\r\nr"\n4,s\n')
    rows, problems = read(path)
    assert problems == []
    assert [(r.line, r.values["a"]) for r in rows] == [(2, "1"), (5, "2"), (7, "3"), (9, "4")]
    assert rows[0].values["b"] == "x\ny\nz"


def test_crlf_files_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffa,b\r\n1,2\r\n3,4\r\n")
    rows, problems = read(path)
    assert problems == []
    assert [(r.line, r.text("a"), r.text("b")) for r in rows] == [(2, "1", "2"), (3, "3", "4")]


def test_header_names_are_stripped_and_absent_columns_read_as_empty(tmp_path: Path) -> None:
    rows, _ = read(write(tmp_path, " a , b \n 1 ,2\n"))
    assert rows[0].text("a") == "1"
    assert rows[0].text("missing") == ""
    assert rows[0].has("b")
    assert not rows[0].has("missing")


def test_a_row_with_too_many_or_too_few_fields_is_reported_and_skipped(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, "a,b\n1,2,3\n4\n5,6\n"))
    assert [r.line for r in rows] == [4]
    assert [(p.line, p.message[:30]) for p in problems] == [
        (2, "has 3 fields but the header ha"),
        (3, "has 1 fields but the header ha"),
    ]


def test_bad_quoting_is_reported_at_its_line_and_reading_goes_on(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, 'a,b\n1,"x"y\n2,"multi\nline"\n3,"z" \n4,ok\n'))
    assert [r.line for r in rows] == [3, 6]
    assert [p.line for p in problems] == [2, 5]
    assert all(p.message.startswith("malformed CSV:") for p in problems)


def test_an_unterminated_quote_is_reported_where_the_record_starts(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, 'a,b\n1,2\n3,"never closed\n4,5\n'))
    assert [r.line for r in rows] == [2]
    assert [(p.file, p.line) for p in problems] == [("t.csv", 3)]


def test_missing_required_columns_are_each_named(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, "x,y\n1,2\n"), ("a", "y", "b"))
    assert rows == []
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (1, "missing required column 'a'"),
        (1, "missing required column 'b'"),
    ]
    assert "(found: x, y)" in problems[0].message


def test_a_repeated_column_is_reported(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, "a,b,a\n1,2,3\n"))
    assert rows == []
    assert [(p.line, p.message) for p in problems] == [(1, "column 'a' appears more than once")]


def test_the_header_may_follow_blank_lines(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, "\n\na\n1\n"))
    assert problems == []
    assert [r.line for r in rows] == [4]


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, "\n"), ("a", "b"))
    assert rows == []
    assert [(p.line, p.message) for p in problems] == [
        (0, "is empty; expected a header row with a, b")
    ]


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    _, problems = read(tmp_path / "absent.csv")
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("absent.csv", 0, f"file not found in {tmp_path}")
    ]


def test_invalid_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    rows, problems = read(write(tmp_path, b"a\nok\n\xff\xfe\n"))
    assert rows == []
    assert [(p.line, p.message) for p in problems] == [
        (3, "is not valid UTF-8; save the file as UTF-8")
    ]
