"""Run the Great Expectations suite of ``transforms.checks.suite`` over a run's facts at once.

One bulk validation of every fact of a run costs about as much as validating two or three
files one by one (GX's fixed cost per validation dominates), so the run validates once and
maps each failing row back to its submission, sheet and cell through
``unexpected_index_column_names``; each failing expectation's ``meta.rule`` names the rule of
the suite that says which columns fill its message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from transforms.checks.suite import BY_CODE, NAME, expectations
from transforms.model import Finding, finding

INDEX_COLUMNS = ["sha256", "sheet", "cell"]


def _param(value: Any) -> str:
    """A parameter for a message: ratios as a rounded factor ("1,000"), the rest as text."""
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 1 or value <= 0 else f"1/{1 / value:,.0f}"
    return str(value)


def _docs_site(folder: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(folder),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }


def prepare() -> None:
    """Import Great Expectations now: 3.5-5 s of CPU here (scipy, altair and sqlalchemy come
    with it), which the first validation would otherwise pay (see ``khuyencong.validator``)."""
    import great_expectations  # noqa: F401


Findings = dict[str, list[Finding]]


def validate_facts(frame: pd.DataFrame, today: date, docs_dir: Path | None = None) -> Findings:
    """Findings of the expectation suite by submission sha256 (only failing submissions).

    With ``docs_dir``, the run's GX Data Docs site (the suite and this validation, as HTML) is
    built there.
    """
    findings, write_docs = check_facts(frame, today, docs_dir)
    write_docs()
    return findings


def _nothing() -> None:
    return None


def check_facts(
    frame: pd.DataFrame, today: date, docs_dir: Path | None = None
) -> tuple[Findings, Callable[[], object]]:
    """``validate_facts``'s findings, and the function that then writes its Data Docs into
    ``docs_dir`` (nothing without one).

    Rendering the Data Docs costs more than validating a small run's facts (GX loads its
    jinja templates afresh for each page): the validator answers with the findings first and
    writes the docs while the run publishes (``khuyencong.validator``).
    """
    if frame.empty:
        return {}, _nothing
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
    )
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    for name in list(logging.root.manager.loggerDict):  # GX sets INFO on some of its loggers
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        context.add_data_docs_site(site_name="run", site_config=_docs_site(docs_dir))
    suite = gx.ExpectationSuite(name=NAME)
    for expectation in expectations(today):
        suite.add_expectation_configuration(ExpectationConfiguration(**expectation))
    suite = context.suites.add(suite)
    batches = context.data_sources.add_pandas("run").add_dataframe_asset("facts")
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(
            data=batches.add_batch_definition_whole_dataframe("all"), suite=suite, name="facts"
        )
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name="run",
            validation_definitions=[validation],
            result_format={
                "result_format": "COMPLETE",
                "unexpected_index_column_names": INDEX_COLUMNS,
            },
        )
    )
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    write_docs: Callable[[], object] = _nothing
    if docs_dir is not None:  # the pages GX's UpdateDataDocsAction would write, and the index
        pages = [*run.run_results, ExpectationSuiteIdentifier(name=NAME)]
        write_docs = partial(
            context.build_data_docs, site_names=["run"], resource_identifiers=pages
        )
    return _findings(frame, next(iter(run.run_results.values()))), write_docs


def _findings(frame: pd.DataFrame, result: Any) -> Findings:
    """Each failing row of the validation ``result`` as a finding of its rule at its cell."""
    by_submission: dict[str, list[Finding]] = {}
    rows = frame.set_index(INDEX_COLUMNS)
    for outcome in result.results:
        if outcome.success:
            continue
        rule = BY_CODE[outcome.expectation_config.meta["rule"]]
        for hit in outcome.result.get("unexpected_index_list") or []:
            key = tuple(hit[c] for c in INDEX_COLUMNS)
            row = rows.loc[key]
            row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
            by_submission.setdefault(hit["sha256"], []).append(
                finding(
                    rule.code,
                    sheet=hit["sheet"],
                    cell=hit["cell"],
                    value=row[rule.value_column],
                    **{name: _param(row[name]) for name in rule.params},
                )
            )
    return by_submission
