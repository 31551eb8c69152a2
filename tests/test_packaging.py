"""The wheel installs one top-level package, `chamdiem`, and lives beside PyPI's `schema` package
(which the old layout's top-level `schema` folder broke)."""
import pathlib
import subprocess
import sys
import venv
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("chamdiem-*.whl"))


def test_the_wheel_holds_only_the_chamdiem_package(wheel):
    tops = {name.split("/", 1)[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"chamdiem"}
    names = zipfile.ZipFile(wheel).namelist()
    assert "chamdiem/catalogs/frameworks/dvcq.toml" in names
    assert "chamdiem/store/schema/views.sql" in names
    assert "chamdiem/store/schema/migrations/script.py.mako" in names


def test_wheel_installs_beside_pypi_schema_in_a_fresh_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    got = subprocess.run([str(py), "-m", "pip", "install", "-q", "schema"], capture_output=True, text=True)
    if got.returncode != 0:
        pytest.skip(f"PyPI's schema package could not be installed here: {got.stderr.strip()[-200:]}")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    probe = ("import schema, chamdiem; "
             "assert schema.Schema(int).validate(3) == 3; "
             "print(chamdiem.__version__, sorted(chamdiem.__all__)[:3])")
    done = subprocess.run([str(py), "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == __import__("chamdiem").__version__
