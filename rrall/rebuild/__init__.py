"""The rebuild layer: a synthetic cohort that reproduces the paper's published numbers.

- :mod:`rrall.rebuild.targets`: every published target, read from ``published.yaml``;
- :mod:`rrall.rebuild.proofs`: exhaustive feasibility arguments about the survival numbers;
- :mod:`rrall.rebuild.search`: the survival search (days of death, censoring and HSCT);
- :mod:`rrall.rebuild.baseline`: Table 1 patients and the screening log;
- :mod:`rrall.rebuild.regimens`: first-cycle combinations that give the Table 2 counts;
- :mod:`rrall.rebuild.reconstruct`: the cohort builder, writing the data contract's files;
- :mod:`rrall.rebuild.timeline`: the clinical timeline rules and loss to follow-up;
- :mod:`rrall.rebuild.ensemble`: many reconstructions, and what holds in all of them;
- :mod:`rrall.rebuild.cli`: ``main_reconstruct`` and ``main_ensemble``.

Submodules are imported on use; importing this package costs nothing.
"""
