"""make run / make test: the system libraries Qt needs are found with ldd and named as
Debian/Ubuntu packages, or the user is told the exact command to run."""

from __future__ import annotations

import os

import pytest

from desktop_app import system_libraries as sl

LDD_ON_FRESH_DEBIAN = """\
	linux-vdso.so.1 (0x00007ffd)
	libxcb-cursor.so.0 => not found
	libxcb-icccm.so.4 => not found
	libGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f)
	libxcb-keysyms.so.1 => not found
	libxcb-icccm.so.4 => not found
	libglib-2.0.so.0 => not found
"""


def test_not_found_libraries_are_read_from_ldd_once_each():
    assert sl.missing_libraries(LDD_ON_FRESH_DEBIAN) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libglib-2.0.so.0"]
    assert sl.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_packages_are_named_and_the_t64_rename_is_followed_where_apt_knows_it():
    libraries = sl.missing_libraries(LDD_ON_FRESH_DEBIAN) + ["libmystery.so.9"]
    debian, unknown = sl.packages_for(libraries, known=lambda p: not p.endswith("t64"))
    assert debian == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libglib2.0-0"]
    assert unknown == ["libmystery.so.9"]
    ubuntu_24, _ = sl.packages_for(["libglib-2.0.so.0", "libgthread-2.0.so.0"], known=lambda p: True)
    assert ubuntu_24 == ["libglib2.0-0t64"]  # one package for both libraries


def test_without_apt_the_user_gets_the_exact_command(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no apt-get, no sudo
    assert sl.install(["libxcb-cursor0", "libxcb-icccm4"], "system libraries for Qt") == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor0, libxcb-icccm4" in err
    expected = "apt-get install --no-install-recommends libxcb-cursor0 libxcb-icccm4"
    assert expected in err
    if os.geteuid() != 0:
        assert f"sudo {expected}" in err


@pytest.mark.skipif(sl.qt_folder() is None or not os.path.exists("/usr/bin/ldd"),
                    reason="PySide6 or ldd missing")
def test_this_machine_has_every_library_the_headless_tests_load():
    # What make test just checked: if this fails, Qt itself could not have loaded.
    assert sl.missing_for_qt(sl.qt_folder(), sl.HEADLESS_LIBRARIES) == []
