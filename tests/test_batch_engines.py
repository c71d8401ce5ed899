"""Choosing an engine: Ray is optional, and its options say so when used without it."""

from __future__ import annotations

import sys

from click.testing import CliRunner

from marker.cli import main
from tests.conftest import PORTFOLIOS, assert_refused


def _batch(tmp_path, *options: str):
    command = ["batch", str(PORTFOLIOS), "-o", str(tmp_path / "g.jsonl"), *options]
    return CliRunner().invoke(main, command)


def test_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    result = _batch(tmp_path, "--engine", "ray")
    assert_refused(result, "pip install 'evidence-marker[ray]'")
    assert not (tmp_path / "g.jsonl").exists()


def test_cluster_options_need_the_ray_engine(tmp_path):
    result = _batch(tmp_path, "--address", "auto")
    assert result.exit_code == 2 and "--engine ray" in result.output


def test_an_unreachable_cluster_is_one_line(tmp_path, monkeypatch):
    from marker.batch import ray_engine

    class Unreachable:
        def init(self, **options):
            raise ConnectionError("nothing listens there")

        def shutdown(self):
            pass

    monkeypatch.setattr(ray_engine, "_import_ray", Unreachable)
    result = _batch(tmp_path, "--engine", "ray", "--address", "10.0.0.1:6379")
    assert_refused(result, "cannot start or reach Ray at 10.0.0.1:6379")
