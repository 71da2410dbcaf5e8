"""Why a file cannot be read: the one error every format and every budget raises."""

from __future__ import annotations

from transforms.model import Finding, finding


class UnreadableFile(Exception):
    """A file the pipeline cannot open; ``rule`` is a code of ``schemas/rules.yaml``.

    ``params`` fill the rule's messages beyond ``reason`` (a budget's limit and measured
    value); ``sheet`` is where the problem was found, when it is one sheet's.
    """

    def __init__(self, rule: str, reason: str, sheet: str | None = None, **params: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason
        self.sheet = sheet
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        # it crosses from the sandbox's reader processes to the run: pickle it whole
        return (_unreadable, (self.rule, self.reason, self.sheet, self.params))

    def finding(self) -> Finding:
        """The finding that quarantines the file, with its reason."""
        return finding(self.rule, sheet=self.sheet, reason=self.reason, **self.params)


def _unreadable(
    rule: str, reason: str, sheet: str | None, params: dict[str, str]
) -> UnreadableFile:
    return UnreadableFile(rule, reason, sheet, **params)
