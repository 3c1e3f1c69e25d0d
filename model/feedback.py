"""Reader feedback as labelled training data: `python -m model.feedback export --out FILE`.

Rows have the columns of training_data/sentences/*.csv (text, label, topic, style) plus `count`,
how many times readers sent that same report, so training can weight or deduplicate them.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
import tempfile
from pathlib import Path

from storage import StoreError, database_url_from_environment, open_store

log = logging.getLogger("claimlens.feedback")

CSV_COLUMNS = ("text", "label", "topic", "style", "count")
# Feedback sentences come from any page; they get their own topic and style so that a split
# grouped by topic never mixes them with a curated topic. The topic name is one that
# model.dataset.holdout_split puts on the training side: feedback exists to be learnt from.
FEEDBACK_TOPIC = "reader feedback"
FEEDBACK_STYLE = "feedback"


def feedback_rows(database_url: str | None = None) -> list[dict]:
    """Stored feedback as training rows (keys text, label, topic, style, count), oldest first.

    `database_url` defaults to the service's (CLAIMLENS_DATABASE_URL or instance/). A SQLite
    database that does not exist yet means no feedback, and is not created.
    """
    database_url = database_url or database_url_from_environment()
    if database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        if not Path(database_url.removeprefix("sqlite:///")).exists():
            return []
    with open_store(database_url) as store:
        stored = store.feedback_rows()
    return [
        {
            "text": row["sentence"],
            "label": row["label"],
            "topic": FEEDBACK_TOPIC,
            "style": FEEDBACK_STYLE,
            "count": row["count"],
        }
        for row in stored
    ]


def write_csv(rows: list[dict], out_path: str | Path) -> None:
    """Write `rows` as CSV; the file appears whole or not at all (written aside, then renamed)."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp_name, out_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def export(database_url: str | None, out_path: str | Path) -> int:
    """Write the stored feedback to `out_path`; return the number of distinct reports."""
    rows = feedback_rows(database_url)
    write_csv(rows, out_path)
    log.info(
        "wrote %d reports (%d with repeats) to %s",
        len(rows),
        sum(row["count"] for row in rows),
        out_path,
    )
    return len(rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m model.feedback", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export_parser = commands.add_parser("export", help="write stored feedback as labelled CSV")
    export_parser.add_argument("--out", required=True, help="CSV file to write")
    export_parser.add_argument(
        "--database-url",
        default=None,
        help="sqlite:///PATH or postgresql://...; default: CLAIMLENS_DATABASE_URL, else the "
        "SQLite file under instance/",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.command == "export":
            export(args.database_url, args.out)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
