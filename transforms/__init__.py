"""The reader, the checks and the lake's contracts: pure functions over cells and facts.

The reader's modules may run compiled (``devtools.compile_reader``): ``transforms.compiled``
decides, before any of them is imported, whether the build is current.
"""

from transforms.compiled import choose

COMPILED = choose()
