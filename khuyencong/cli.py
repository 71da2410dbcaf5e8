"""The ``khuyencong`` command: run, backfill, query, sample.

Prefect is configured (offline, quiet, its home under the data home) before any flow module
is imported, since Prefect reads its settings at import time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from khuyencong.settings import configure_prefect, resolve_home

app = typer.Typer(
    help="Provincial khuyến công reports in, national figures out.", no_args_is_help=True
)
console = Console()

RunnerOption = Annotated[
    str, typer.Option("--task-runner", help="threads (default) or dask (a local Dask cluster).")
]
DaskAddressOption = Annotated[
    str | None, typer.Option("--dask-address", help="Join this Dask scheduler instead.")
]
HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Data home (default: $KHUYENCONG_HOME, else ./data)."),
]
InboxOption = Annotated[
    str, typer.Option(help="Folder or fsspec URL (s3://bucket/inbox) of submitted files.")
]
ArchiveOption = Annotated[
    str | None,
    typer.Option(
        envvar="KHUYENCONG_ARCHIVE",
        help="Archive of originals, a folder or URL (default: HOME/archive).",
    ),
]
LakeOption = Annotated[
    str | None,
    typer.Option(
        envvar="KHUYENCONG_LAKE", help="Parquet lake, a folder or URL (default: HOME/lake)."
    ),
]

HEADLINE_SQL = """
select i.indicator, i.unit,
       sum(n.value) filter (where n.year between 2005 and 2009) as total_2005_2009,
       max(n.provinces_reporting) filter (where n.year between 2005 and 2009) as provinces
from marts.indicators i
left join marts.national_indicator_year n using (indicator)
where i.kind = 'flow'
group by all
order by i.indicator
"""


def _plain(value: Any) -> Any:
    """Decimals as exact, short numbers: 329620.000000 -> 329620."""
    if isinstance(value, Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral() else float(normal)
    return value


def _show(
    columns: list[str], rows: list[tuple[Any, ...]], fmt: str, title: str | None = None
) -> None:
    if fmt == "json":
        typer.echo(
            json.dumps(
                [dict(zip(columns, map(_plain, row), strict=True)) for row in rows],
                ensure_ascii=False,
                default=str,
            )
        )
    elif fmt == "csv":
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    else:
        table = Table(*columns, title=title)
        for row in rows:
            table.add_row(
                *(
                    ""
                    if v is None
                    else f"{_plain(v):,}"
                    if isinstance(_plain(v), int | float)
                    else str(v)
                    for v in row
                )
            )
        console.print(table)


def _query(home: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    path = home / "warehouse.duckdb"
    if not path.exists():
        raise typer.BadParameter(f"no warehouse at {path}: run `khuyencong run` first")
    with duckdb.connect(str(path), read_only=True) as con:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()


def _summarise(home: Path, summary: Any) -> None:
    console.print(f"[bold]{summary.kind}[/bold]: {summary.describe()}.")
    revised = [change for change in summary.changed if change[2] is not None]
    added = len(summary.changed) - len(revised)
    if added:
        console.print(f"  {added} national figures added")
    for indicator, year, before, after in revised[:20]:
        console.print(f"  changed: {indicator} {year}: {_plain(before)} -> {_plain(after)}")
    if len(revised) > 20:
        console.print(f"  ... and {len(revised) - 20} more national figures changed")
    columns, rows = _query(home, HEADLINE_SQL)
    _show(
        columns, rows, "table", title=f"National figures, 2005-2009 ({home / 'warehouse.duckdb'})"
    )


@app.command()
def run(
    inbox: InboxOption = "inbox",
    home: HomeOption = None,
    archive: ArchiveOption = None,
    lake: LakeOption = None,
    settle_seconds: Annotated[
        float, typer.Option(help="Leave files modified this recently for the next run.")
    ] = 2.0,
    task_runner: RunnerOption = "threads",
    dask_address: DaskAddressOption = None,
) -> None:
    """Process what is in the inbox (the nightly job) and refresh the marts."""
    _run_flow(
        "nightly",
        resolve_home(home),
        task_runner,
        dask_address,
        f"Processing {inbox}",
        inbox=inbox,
        settle_seconds=settle_seconds,
        archive=archive,
        lake=lake,
    )


def _run_flow(
    name: str,
    home: Path,
    task_runner: str,
    dask_address: str | None,
    title: str,
    **parameters: Any,
) -> None:
    """Run one of the flows of ``flows.runs`` on the chosen task runner, then summarise it."""
    configure_prefect(home)
    from flows import runs
    from khuyencong.progress import backfill_progress

    flow_ = runs.with_task_runner(getattr(runs, name), task_runner, dask_address)
    shown = backfill_progress(console, home, title) if name == "backfill" else console.status(title)
    with _one_run_at_a_time(), shown:
        summary = flow_(home=home, **parameters)
    _summarise(home, summary)


@contextmanager
def _one_run_at_a_time() -> Iterator[None]:
    """Turn a refused run lock into a one-line message and exit code 75 (try again later)."""
    from khuyencong.run_lock import RunInProgress

    try:
        yield
    except RunInProgress as error:
        console.print(f"[yellow]{error}[/yellow]")
        raise typer.Exit(code=75) from error


def _years(text: str) -> list[int]:
    """``2005-2009`` or ``2007`` as a list of years."""
    first, _, last = text.partition("-")
    if not first.strip().isdigit() or not (last or first).strip().isdigit():
        raise typer.BadParameter(f"{text!r} is not a year or a range of years such as 2005-2009")
    return list(range(int(first), int(last or first) + 1))


@app.command()
def backfill(
    years: Annotated[str, typer.Option(help="A year or a range, e.g. 2005-2009.")],
    province: Annotated[
        list[str] | None, typer.Option(help="GSO code(s) of provinces to limit to.")
    ] = None,
    home: HomeOption = None,
    archive: ArchiveOption = None,
    lake: LakeOption = None,
    restart: Annotated[
        bool, typer.Option(help="Re-read everything, even what an interrupted run finished.")
    ] = False,
    task_runner: RunnerOption = "threads",
    dask_address: DaskAddressOption = None,
) -> None:
    """Re-process archived submissions of a range of years with the current parser and rules.

    Interrupted, it resumes when run again with the same years and provinces.
    """
    _run_flow(
        "backfill",
        resolve_home(home),
        task_runner,
        dask_address,
        f"Backfilling {years}",
        years=_years(years),
        provinces=province or None,
        archive=archive,
        lake=lake,
        restart=restart,
    )


@app.command()
def serve(
    inbox: InboxOption = "inbox",
    home: HomeOption = None,
    archive: ArchiveOption = None,
    lake: LakeOption = None,
    cron: Annotated[str, typer.Option(help="When to run (cron syntax).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron schedule.")] = (
        "Asia/Ho_Chi_Minh"
    ),
) -> None:
    """Serve the nightly deployment on its schedule until stopped (Ctrl+C)."""
    home = resolve_home(home)
    configure_prefect(home)
    from prefect import serve as prefect_serve

    from flows.deployments import nightly_deployment
    from khuyencong.places import Places

    places = Places.of(home, archive, lake)
    prefect_serve(nightly_deployment(inbox, places, cron, timezone))


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run on the warehouse (read-only).")],
    home: HomeOption = None,
    format: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """Run read-only SQL on the warehouse."""
    columns, rows = _query(resolve_home(home), sql)
    _show(columns, rows, format)


@app.command()
def export(
    mart: Annotated[
        str, typer.Argument(help="A mart of schema marts, e.g. national_indicator_year.")
    ],
    out: Annotated[Path, typer.Option(help="File to write.")],
    format: Annotated[
        str | None, typer.Option("--format", help="csv, parquet or xlsx (default: from --out).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Export a mart to CSV, Parquet or a formatted XLSX with Vietnamese headers."""
    from khuyencong.export import ExportError, export_mart

    try:
        rows = export_mart(resolve_home(home), mart, out, format or out.suffix)
    except ExportError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(code=1) from error
    console.print(f"Wrote {rows} rows of marts.{mart} to {out}")


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A submission to explain.", exists=True)],
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Show how the pipeline understands a workbook: sheets, header, columns, findings."""
    from khuyencong.explain import explain_file

    explanation = explain_file(file)
    if format == "json":
        typer.echo(json.dumps(explanation, ensure_ascii=False, indent=2, default=str))
        return
    for sheet in explanation["sheets"]:
        console.rule(f"[bold]{sheet['sheet']}[/bold]: {sheet['status']} {sheet['reason']}")
        if sheet["status"] != "read":
            continue
        rows = ", ".join(str(r + 1) for r in sheet["header_rows"])
        console.print(f"layout {sheet['layout']}; header on row(s) {rows}")
        console.print(f"period {sheet['period']}; province {sheet['province']}")
        console.print(f"money unit for the sheet: {sheet['money_unit']}")
        for line in sheet["title"]:
            console.print(f"  title: {line}")
        for column in sheet["columns"]:
            console.print(f"  {column}")
    for key, title in (("facts_by_indicator", "Facts read"), ("plans_by_indicator", "Plans read")):
        facts = Table("indicator", "facts", "total", title=title)
        for indicator, (count, total) in explanation[key].items():
            facts.add_row(indicator, str(count), f"{_plain(total):,}")
        if explanation[key] or key == "facts_by_indicator":
            console.print(facts)
    findings = Table("sheet", "cell", "rule", "severity", "message", title="Findings")
    for item in explanation["findings"]:
        findings.add_row(
            item["sheet"] or "",
            item["cell"] or "",
            item["rule"],
            item["severity"],
            item["message_en"],
        )
    console.print(findings)


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="Folder to write the sample submissions into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same files.")
    ] = 2009,
) -> None:
    """Generate the deterministic sample of provincial submissions (ground truth in OUT/.truth)."""
    from khuyencong.sample import generate_sample

    truth = generate_sample(out, seed=seed)
    files = len({fact.file_name for fact in truth})
    console.print(
        f"Wrote {files} sample submissions to {out} ({len(truth)} true facts in {out / '.truth'})"
    )
