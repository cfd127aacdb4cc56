"""Tools for testing OCOP software against ``ocop``: a conformance kit and the law's properties.

Requires the optional ``hypothesis`` extra (``pip install 'ocop[hypothesis]'``);
``import ocop`` never imports this package.

- :mod:`ocop.testing.conformance`: run a property-based comparison of your own
  implementation (scoring, star classification, certificate status, budget
  totals) against ``ocop``, and get the first minimal disagreement with its
  citation.
- :mod:`ocop.testing.law`: the law's properties as a pytest module
  (``python -m pytest --pyargs ocop.testing.law``).
"""

__all__: list[str] = []  # the API is in the submodules, which need the hypothesis extra
