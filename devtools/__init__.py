"""Tools for developing khuyencong, not part of the pipeline: the sample corpus generator.

The product (``khuyencong``, ``flows``, ``transforms``, ``warehouse``) never imports this
package at module level; ``khuyencong sample`` imports it lazily. Its own dependencies (``xlwt``)
come with the ``dev`` extra, which ``make setup`` installs.
"""
