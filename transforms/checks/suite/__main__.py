"""Print the facts suite as ``schemas/expectations/facts.json`` holds it (see the package)."""

from transforms.checks.suite import suite_json

print(suite_json(), end="")
