"""The mutant benchmark (``python -m jianghua.bench.mutants``): correct composed
speeches, one slip each; the rule that names the slip must fire at the mutated line
on at least 90% of them, and the correct bases must raise nothing."""

from __future__ import annotations

from jianghua.bench.mutants import main, recall, run


def test_recall_of_the_expected_rule_stays_at_or_above_0_9() -> None:
    outcomes, bases = run()
    assert {name: [d.code for d in found] for name, found in bases.items()} == {
        name: [] for name in bases}
    missed = [f"{o.mutant.base}/{o.mutant.name} ({o.mutant.code})"
              for o in outcomes if not o.found]
    assert recall(outcomes) >= 0.9, missed


def test_the_benchmark_prints_its_recall(capsys) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("recall ")
