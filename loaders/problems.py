"""What reading and checking a file reports: a `Problem` (an error, or a fix said in the report) and how the file
was read. Shared by every step of the reading (loaders.csvfile, loaders.reading, loaders.plaintext)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number (header = 1), None for file-level problems
    column: str | None
    value: str | None
    message: str  # what is wrong and what to do (or, for kind "fixed", what was changed)
    kind: str = "error"  # "error" blocks the upload; "fixed" says what was done to the file

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        val = f" value {self.value!r}:" if self.value is not None else ""
        return f"{', '.join(where)}:{val} {self.message}"


@dataclass
class Reading:
    """How the file was read, for the report."""
    encoding: str = ""
    delimiter: str = ","
    decimal: str = "."
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # file header -> dataset column
