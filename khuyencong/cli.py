"""The ``khuyencong`` command: run, backfill, query, sample.

Prefect is configured (offline, quiet, its home under the data home) before any flow module
is imported, since Prefect reads its settings at import time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from khuyencong.query import (
    OutputFormat,
    QueryError,
    Result,
    cell_text,
    run_query,
    to_csv,
    to_json,
)
from khuyencong.query import plain as _plain
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


def _show(
    columns: list[str],
    rows: list[tuple[Any, ...]],
    fmt: OutputFormat | str,
    title: str | None = None,
) -> None:
    """Print one result: CSV or JSON for programs, a table for people.

    Table cells are ``Text``, never Rich markup: a value such as ``[b]`` is printed as it is.
    """
    result = Result(columns, rows)
    if fmt == OutputFormat.json:
        typer.echo(to_json(result))
    elif fmt == OutputFormat.csv:
        typer.echo(to_csv(result), nl=False)
    else:
        table = Table(title=title)
        for column in columns:
            table.add_column(Text(column))
        for row in rows:
            table.add_row(*(Text(cell_text(v, grouped=True)) for v in row))
        console.print(table)


def _query(home: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Columns and rows of the last statement of ``sql``, run as ``khuyencong query`` runs it."""
    result = run_query(home, sql)[-1]
    return result.columns, result.rows


def _summarise(home: Path, summary: Any) -> None:
    """What the run did, every rejected file and where its report is, and the national figures
    of the years the run touched."""
    console.print(f"[bold]{summary.kind}[/bold]: {summary.describe()}.")
    for file_name, reason, folder in summary.rejected:
        # soft_wrap: a path cut over two lines cannot be copied
        console.print(f"  rejected: {file_name}: {reason}", markup=False, soft_wrap=True)
        console.print(f"    report for the province: {folder}", markup=False, soft_wrap=True)
    for line in summary.unread:
        console.print(f"  {line.verdict}: {line.file}: {line.reason}", markup=False, soft_wrap=True)
    revised = [change for change in summary.changed if change[2] is not None]
    added = len(summary.changed) - len(revised)
    if added:
        console.print(f"  {added} national figures added")
    for indicator, year, before, after in revised[:20]:
        old, new = cell_text(before, grouped=True), cell_text(after, grouped=True)
        console.print(f"  changed: {indicator} {year}: {old} -> {new}")
    if len(revised) > 20:
        console.print(f"  ... and {len(revised) - 20} more national figures changed")
    if summary.years:
        columns, rows = national_table(home, summary.years)
        title = f"National figures of {_span(summary.years)}: flows added up, stocks as of"
        title += f" {summary.years[-1]}"
        _show(columns, rows, OutputFormat.table, title=title)


def _span(years: tuple[int, ...]) -> str:
    """``2005-2012`` for consecutive years, ``2006, 2010`` otherwise."""
    if len(years) > 1 and years == tuple(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))


def national_table(home: Path, years: tuple[int, ...]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One row per indicator over ``years``: flows added up, stocks as of the latest year (never
    added over time), and how many provinces reported in that latest year.

    One column per year would not fit a terminal for a backfill of many years.
    """
    chosen = ", ".join(str(int(year)) for year in years)
    sql = f"""
        select i.indicator, i.unit,
               case when i.kind = 'stock' then arg_max(n.value, n.year) else sum(n.value) end
                   as "{_span(years)}",
               arg_max(n.provinces_reporting, n.year) as "provinces"
        from marts.indicators i
        left join marts.national_indicator_year n
               on n.indicator = i.indicator and n.year in ({chosen})
        group by i.indicator, i.unit, i.kind
        order by i.indicator
    """
    return _query(home, sql)


@contextmanager
def _usage_checked() -> Iterator[None]:
    """A wrong argument is one plain line on stderr and exit code 2, before any work."""
    from khuyencong.preflight import UsageError

    try:
        yield
    except UsageError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


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
    from khuyencong.preflight import check_home, check_inbox

    home = resolve_home(home)
    with _usage_checked():
        check_home(home)
        check_inbox(inbox)
    _run_flow(
        "nightly",
        home,
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
    """Run one of the flows of ``flows.runs`` on the chosen task runner, then summarise it.

    The run lock is taken before Prefect starts, so a second run is refused at once. Every
    process the run starts (Prefect's temporary server, the readers) is stopped once it has
    ended, also when it is killed (``khuyencong.orphans``).
    """
    from khuyencong.orphans import stopped_with_the_run
    from khuyencong.pipeline import workers_ahead

    with (
        _one_run_at_a_time(home),
        _stopped_at_once_by_ctrl_c(name, home),
        stopped_with_the_run(),
        # the readers and the validator start while Prefect does (on Dask, its workers read)
        workers_ahead(parameters.get("inbox"), readers=task_runner == "threads"),
    ):
        configure_prefect(home)
        from khuyencong.prefect_server import ServerNotStarted, connected, start_temporary_server

        server = start_temporary_server()  # it boots while the flows are imported
        from flows import runs
        from khuyencong.progress import backfill_progress

        flow_ = runs.with_task_runner(getattr(runs, name), task_runner, dask_address)
        shown = (
            backfill_progress(console, home, title) if name == "backfill" else console.status(title)
        )
        try:
            with shown, connected(server):
                summary = flow_(home=home, **parameters)
        except ServerNotStarted as error:  # before the flow: nothing was read or moved
            typer.echo(f"error: {error}; nothing was read, run it again", err=True)
            raise typer.Exit(code=1) from None
    _summarise(home, summary)


@contextmanager
def _one_run_at_a_time(home: Path) -> Iterator[None]:
    """Hold the home's run lock; a refused one is one line and exit code 75 (try again later)."""
    from khuyencong.run_lock import RunInProgress, exclusive_run

    try:
        with exclusive_run(home):
            yield
    except RunInProgress as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=75) from None


@contextmanager
def _stopped_at_once_by_ctrl_c(name: str, home: Path) -> Iterator[None]:
    """Ctrl+C stops the run within a second and says how to finish it.

    Left to itself, an interrupted flow spends minutes retrying a Prefect server that the same
    Ctrl+C stopped. Stopping at once is safe: every write is atomic, the inbox is emptied only
    after the warehouse is swapped in, and a backfill resumes from its checkpoint (a killed run
    converges on the next one, as the tests show).
    """
    import os
    import shlex
    import signal
    import sys

    def stop(signum: int, frame: object) -> None:
        import psutil

        for child in psutil.Process().children(recursive=True):  # Prefect's server, Dask
            child.terminate()
        console.print(f"\n[yellow]Stopped.[/yellow] {_what_was_finished(name, home)}")
        command = shlex.join(["khuyencong", *sys.argv[1:]])
        console.print(
            f"Nothing is lost; run the same command to finish: {command}",
            markup=False,
            soft_wrap=True,
        )
        sys.stdout.flush()
        os._exit(130)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _what_was_finished(name: str, home: Path) -> str:
    """How far an interrupted run got, from what it has written down."""
    if name != "backfill":
        return "Files not yet processed stay in the inbox."
    from khuyencong.checkpoint import read_checkpoint

    checkpoint = read_checkpoint(home)
    if checkpoint is None:
        return "No year was finished."
    return f"{len(checkpoint.done)} of {checkpoint.total_files} files were re-read and kept."


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
    from khuyencong.places import Places
    from khuyencong.preflight import (
        check_backfill_matches,
        check_home,
        check_provinces,
        parse_years,
    )

    home = resolve_home(home)
    with _usage_checked():
        chosen_years = parse_years(years)
        check_provinces(province or [])
        check_home(home)
        check_backfill_matches(Places.of(home, archive, lake), chosen_years, province or [])
    _run_flow(
        "backfill",
        home,
        task_runner,
        dask_address,
        f"Backfilling {years}",
        years=chosen_years,
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
    from khuyencong.preflight import check_home, check_inbox

    home = resolve_home(home)
    with _usage_checked():
        check_home(home)
        check_inbox(inbox)
    configure_prefect(home)
    from prefect import serve as prefect_serve

    from flows.deployments import nightly_deployment
    from khuyencong.places import Places

    places = Places.of(home, archive, lake)
    prefect_serve(nightly_deployment(inbox, places, cron, timezone))


def _print_version(value: bool) -> None:
    """``--version``: the installed distribution's version, which is what bug reports need."""
    if value:
        from importlib.metadata import version

        typer.echo(f"khuyencong {version('khuyencong')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Options of the command itself (the commands are below)."""


@app.command()
def query(
    sql: Annotated[
        str, typer.Argument(help="SQL to run on the warehouse; several statements with ';'.")
    ],
    home: HomeOption = None,
    format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Run read-only SQL on the warehouse and print each statement's result in order.

    No statement can write, read or attach a file, or load an extension. An error is one line
    on stderr and exit code 1. With several statements, CSV results are separated by a blank
    line and JSON results are one line each.
    """
    try:
        results = run_query(resolve_home(home), sql)
    except QueryError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=1) from None
    for index, result in enumerate(results):
        if index and format != OutputFormat.json:
            typer.echo()
        _show(result.columns, result.rows, format)


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
def report(
    years: Annotated[
        str | None, typer.Option(help="A year or a range, e.g. 2005-2009 (default: every year).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder to write into (default: HOME/reports).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Write the coordinator's report: an offline HTML page and a ministry workbook (XLSX)."""
    from khuyencong.preflight import parse_years
    from khuyencong.report import REPORTS_FOLDER, write_report

    home = resolve_home(home)
    with _usage_checked():
        chosen = parse_years(years) if years else None
        files = write_report(home, chosen, out or home / REPORTS_FOLDER)
    console.print(f"Wrote the report to {files.html}", markup=False, soft_wrap=True)
    console.print(f"Wrote the workbook to {files.workbook}", markup=False, soft_wrap=True)


def _print_numbers(sheet: dict[str, Any]) -> None:
    """What became of every number of a sheet's read tables, row by row."""
    from khuyencong.explain import outcome_counts, row_outcomes

    if not sheet["cells"]:
        return
    counts = ", ".join(f"{n} {kind}" for kind, n in outcome_counts(sheet["cells"]).items())
    console.print(f"numbers: {len(sheet['cells'])} ({counts})", markup=False)
    for number, label, said in row_outcomes(sheet["cells"]):
        console.print(f"  row {number} {label[:60]!r}: {said}", markup=False, soft_wrap=True)


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
            _print_numbers(sheet)  # a project list's numbers are compared with the summary
            continue
        rows = ", ".join(str(r + 1) for r in sheet["header_rows"])
        console.print(f"layout {sheet['layout']}; header on row(s) {rows}")
        console.print(f"period {sheet['period']}; province {sheet['province']}")
        console.print(f"money unit for the sheet: {sheet['money_unit']}")
        for line in sheet["title"]:
            console.print(f"  title: {line}")
        for column in sheet["columns"]:
            console.print(f"  {column}")
        _print_numbers(sheet)
    facts = Table("province", "period", "indicator", "facts", "total", title="Facts read")
    for province, period, indicator, count, total in explanation["facts_by_report"]:
        facts.add_row(province, period, indicator, str(count), f"{_plain(total):,}")
    console.print(facts)
    if explanation["plans_by_indicator"]:
        plans = Table("indicator", "facts", "total", title="Plans read")
        for indicator, (count, total) in explanation["plans_by_indicator"].items():
            plans.add_row(indicator, str(count), f"{_plain(total):,}")
        console.print(plans)
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
def doctor(home: HomeOption = None, archive: ArchiveOption = None, lake: LakeOption = None) -> None:
    """Check that every file taken is in its one place (the archive, and the quarantine if
    rejected) and that the lake, the marts and the warehouse agree.

    One line per problem, then a verdict; exit code 0 when all is well, 1 otherwise.
    """
    from khuyencong.doctor import check_data_home, diagnose, examine, verdict
    from khuyencong.places import Places

    places = Places.of(resolve_home(home), archive, lake)
    with _usage_checked():
        check_data_home(places)
    with _one_run_at_a_time(places.home):  # a run half way is not a problem of the home
        state = examine(places)
    problems = diagnose(state)
    for problem in problems:
        console.print(problem, markup=False, soft_wrap=True)
    console.print(verdict(state, problems), markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(code=1)


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="Folder to write the sample submissions into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same files.")
    ] = 2009,
    province: Annotated[
        list[str] | None,
        typer.Option(help="Only these provinces (GSO codes): a small sample, the same files."),
    ] = None,
) -> None:
    """Generate the deterministic sample of provincial submissions (ground truth in OUT/.truth).

    The generator is a developer tool (devtools/sample) that `make setup` installs.
    """
    from khuyencong.preflight import check_provinces

    try:
        from devtools.sample import generate_sample
    except ModuleNotFoundError as error:
        typer.echo(
            f"error: the sample generator is a developer tool, not installed here (no module "
            f"{error.name!r}): run `make setup` in a checkout of the repository",
            err=True,
        )
        raise typer.Exit(code=2) from None
    with _usage_checked():
        check_provinces(province or [])
    truth = generate_sample(
        out, seed=seed, provinces=set(province) if province else None, rejected=not province
    )
    files = len({fact.file_name for fact in truth})
    console.print(
        f"Wrote {files} sample submissions to {out} ({len(truth)} true facts in {out / '.truth'})"
    )


def main() -> None:
    """The ``khuyencong`` command: ``app``, and a process that ends without tearing down.

    Once every exit handler has run (Prefect's last events, its temporary server stopped), the
    objects a run leaves are not freed one by one: after 5,000 files that took 0.5-0.8 s of a
    run's wall time, for nothing. The handler doing so is registered before anything else, so
    it runs last; the exit status is the command's own.
    """
    import atexit

    from khuyencong.child import exit_at_once

    status: list[int] = []

    def end() -> None:
        if status:
            exit_at_once(status[0])

    atexit.register(end)
    try:
        app()
    except SystemExit as ended:
        code = ended.code
        status.append(code if isinstance(code, int) else 0 if code is None else 1)
        raise
