"""Which datasets folder a command uses and where the cache lives: option, environment, nearest, bundled."""

from pathlib import Path

from dashboard.locations import (
    CACHE_ENV,
    DATASETS_ENV,
    USER_CACHE,
    Found,
    bundled_datasets,
    cache_folder,
    locate_datasets,
    user_cache_dir,
)


def make_datasets(folder: Path) -> Path:
    """A folder that looks like a datasets/ (a catalog file is what marks one)."""
    (folder / "datasets").mkdir(parents=True)
    (folder / "datasets" / "catalog.json").write_text('{"active": {}}\n')
    return folder / "datasets"


def test_the_option_comes_first(tmp_path):
    found = locate_datasets(tmp_path / "mine", cwd=tmp_path, environ={DATASETS_ENV: "/elsewhere"})
    assert found.root == (tmp_path / "mine").resolve() and found.found is Found.OPTION and found.writable


def test_then_the_environment(tmp_path):
    make_datasets(tmp_path)
    found = locate_datasets(None, cwd=tmp_path, environ={DATASETS_ENV: str(tmp_path / "env")})
    assert found.root == (tmp_path / "env").resolve() and found.found is Found.ENVIRONMENT


def test_then_the_nearest_datasets_folder_upward_from_the_current_folder(tmp_path):
    root = make_datasets(tmp_path / "project")
    deep = tmp_path / "project" / "notes" / "2027"
    deep.mkdir(parents=True)
    found = locate_datasets(None, cwd=deep, environ={})
    assert found.root == root.resolve() and found.found is Found.NEAREST and found.writable
    assert "nearest" in found.describe() and str(root.resolve()) in found.describe()


def test_a_folder_without_a_catalog_is_not_a_datasets_folder(tmp_path):
    (tmp_path / "datasets").mkdir()  # no catalog.json: skipped
    found = locate_datasets(None, cwd=tmp_path, environ={})
    assert found.found is Found.BUNDLED or found.root != tmp_path / "datasets"


def test_else_the_bundled_copy_which_is_read_only(tmp_path):
    found = locate_datasets(None, cwd=Path("/"), environ={})
    assert found.found is Found.BUNDLED and not found.writable
    assert found.root == bundled_datasets() and (found.root / "catalog.json").is_file()
    assert "read-only" in found.describe()


def test_the_cache_is_the_users_never_the_package(tmp_path):
    assert user_cache_dir({CACHE_ENV: str(tmp_path / "c")}) == tmp_path / "c"
    assert user_cache_dir({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/bilateral")
    assert user_cache_dir({}) == Path.home() / ".cache" / "bilateral"
    assert cache_folder(None, "processed") is None
    assert cache_folder(tmp_path, "processed") == tmp_path
    assert cache_folder(USER_CACHE, "figures") == user_cache_dir() / "figures"
