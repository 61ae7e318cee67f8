"""The benchmark's --repeat: several runs of one size reported as their medians."""

from generator.bench import combine


def _run(gen_share, warm_share, load, mkdocs):
    return {"size": "1x", "articles": 143, "warm": True, "gen_share": gen_share, "warm_share": warm_share,
            "mkdocs_cold_s": mkdocs, "cold_steps_s": {"load": load, "mkdocs": mkdocs}}


def test_each_figure_is_the_median_of_the_runs_and_the_shares_keep_their_range():
    runs = [_run(0.30, 0.12, 0.5, 2.0), _run(0.20, 0.08, 0.3, 3.0), _run(0.22, 0.09, 0.4, 2.5)]
    row = combine(runs)
    assert row["gen_share"] == 0.22 and row["warm_share"] == 0.09
    assert row["mkdocs_cold_s"] == 2.5 and row["cold_steps_s"] == {"load": 0.4, "mkdocs": 2.5}
    assert row["articles"] == 143 and row["warm"] is True and row["size"] == "1x"
    assert row["runs"] == 3 and row["gen_share_range"] == [0.2, 0.3] and row["warm_share_range"] == [0.08, 0.12]


def test_an_even_number_of_runs_takes_the_middle_two_and_one_run_is_itself():
    row = combine([_run(0.2, 0.1, 0.2, 2.0), _run(0.3, 0.2, 0.4, 3.0)])
    assert row["gen_share"] == 0.25 and row["cold_steps_s"]["load"] == 0.3
    one = _run(0.2, 0.1, 0.2, 2.0)
    assert combine([one]) is one
