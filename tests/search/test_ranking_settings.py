"""The ranking file (search/config/ranking.yml): validated at load, with errors that name the setting."""

from __future__ import annotations

import copy

import pytest
import yaml

from search import checks, ranking

VALID = yaml.safe_load(ranking.RANKING_FILE.read_text(encoding="utf-8"))


def changed(path: str, value: object) -> dict:
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target = data
    for name in parents:
        target = target[name]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


def test_the_project_file_is_valid_and_read_by_every_engine():
    settings = ranking.load()
    assert settings.field_weights.title > settings.field_weights.summary_and_tags > settings.field_weights.body
    assert settings == ranking.ranking()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("recency.weight", -1, "recency.weight must be between 0 and 5"),
        ("field_weights.title", "high", "field_weights.title must be a number"),
        ("minimum_should_match.any_of_up_to", 2.5, "minimum_should_match.any_of_up_to must be a whole number"),
        ("semantic.weight", True, "semantic.weight must be a number"),
        ("typed_words_bonus", KeyError, "missing setting typed_words_bonus"),
        ("recency.colour", 1, "unknown setting recency.colour"),
        ("semantic", [1, 2], "semantic must be a mapping"),
    ],
)
def test_a_bad_setting_is_refused_by_name(path, value, message):
    with pytest.raises(ranking.RankingError, match=message):
        ranking.parse(changed(path, value))


@pytest.mark.parametrize(("words", "required"), [(0, 0), (1, 1), (2, 1), (3, 1), (4, 1), (6, 1), (7, 2), (10, 3)])
def test_minimum_should_match(words, required):
    assert ranking.ranking().required_matches(words) == required


def test_recency_halves_at_the_half_life_and_treats_the_future_as_today():
    settings = ranking.ranking()
    weight, half_life = settings.recency.weight, int(settings.recency.half_life_days)
    assert settings.recency_factor(0) == pytest.approx(1 + weight)
    assert settings.recency_factor(half_life) == pytest.approx(1 + weight / 2)
    assert settings.recency_factor(-30) == settings.recency_factor(0)


def test_a_broken_file_fails_the_system_check(tmp_path, monkeypatch):
    broken = tmp_path / "ranking.yml"
    broken.write_text(yaml.safe_dump(changed("dormant_boost", 0)), encoding="utf-8")
    monkeypatch.setattr(ranking, "RANKING_FILE", broken)
    errors = checks.check_ranking()
    assert [e.id for e in errors] == ["search.E002"]
    assert "dormant_boost must be between 0.01 and 1" in errors[0].msg
