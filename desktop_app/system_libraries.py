"""The system libraries Qt needs, found and installed before the first window opens.

PySide6's wheels carry Qt but not the X11/OpenGL/font libraries its platform plugins link
against; a fresh Debian or Ubuntu lacks several (libxcb-cursor0 first). `make` runs this
with the project's Python after installing PySide6:

    python desktop_app/system_libraries.py --venv     before creating .venv (python3-venv)
    python desktop_app/system_libraries.py --qt       before opening the window (make run)
    python desktop_app/system_libraries.py --qt-headless   before the tests (make test)

It asks `ldd` which libraries the xcb plugin and Qt's GUI libraries cannot find, names
the Debian packages that provide them, says what it will install, and installs them with
apt-get (through sudo when not root). Where that cannot be done it stops with the exact
command to run. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# A library Qt links against -> the Debian/Ubuntu packages that may provide it, in order
# (Ubuntu 24.04 renamed some to ...t64).
PACKAGES: dict[str, tuple[str, ...]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0",),
    "libxcb-icccm.so.4": ("libxcb-icccm4",),
    "libxcb-util.so.1": ("libxcb-util1",),
    "libxcb-image.so.0": ("libxcb-image0",),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1",),
    "libxcb-randr.so.0": ("libxcb-randr0",),
    "libxcb-render.so.0": ("libxcb-render0",),
    "libxcb-render-util.so.0": ("libxcb-render-util0",),
    "libxcb-shape.so.0": ("libxcb-shape0",),
    "libxcb-shm.so.0": ("libxcb-shm0",),
    "libxcb-sync.so.1": ("libxcb-sync1",),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0",),
    "libxcb-xkb.so.1": ("libxcb-xkb1",),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0",),
    "libxcb-xinput.so.0": ("libxcb-xinput0",),
    "libxcb.so.1": ("libxcb1",),
    "libX11-xcb.so.1": ("libx11-xcb1",),
    "libX11.so.6": ("libx11-6",),
    "libXau.so.6": ("libxau6",),
    "libXdmcp.so.6": ("libxdmcp6",),
    "libxkbcommon.so.0": ("libxkbcommon0",),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0",),
    "libGL.so.1": ("libgl1",),
    "libEGL.so.1": ("libegl1",),
    "libGLX.so.0": ("libglx0",),
    "libGLdispatch.so.0": ("libglvnd0",),
    "libOpenGL.so.0": ("libopengl0",),
    "libfontconfig.so.1": ("libfontconfig1",),
    "libfreetype.so.6": ("libfreetype6",),
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libdbus-1.so.3": ("libdbus-1-3",),
    "libpng16.so.16": ("libpng16-16t64", "libpng16-16"),
    "libexpat.so.1": ("libexpat1",),
}

# What the headless tests (offscreen platform) load, and what the window (xcb) adds.
HEADLESS_LIBRARIES = ("lib/libQt6Gui.so.6", "lib/libQt6Widgets.so.6")
WINDOW_LIBRARIES = ("plugins/platforms/libqxcb.so", "lib/libQt6XcbQpa.so.6")


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames `ldd` printed as "not found", in order, once each."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        name, _, where = line.strip().partition("=>")
        if where.strip() == "not found" and name.strip() not in found:
            found.append(name.strip())
    return found


def qt_folder() -> Path | None:
    """PySide6's Qt folder, found without importing Qt (which would fail on a missing library)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_for_qt(qt: Path, binaries: tuple[str, ...]) -> list[str]:
    missing: list[str] = []
    for relative in binaries:
        binary = qt / relative
        if not binary.exists():
            continue
        result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False)
        missing += [name for name in missing_libraries(result.stdout) if name not in missing]
    return missing


def _apt_knows(package: str) -> bool:
    result = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True, check=False)
    return "Candidate:" in result.stdout and "Candidate: (none)" not in result.stdout


def packages_for(libraries: list[str], known=_apt_knows) -> tuple[list[str], list[str]]:
    """(packages to install, libraries no package is known for)."""
    packages: list[str] = []
    unknown: list[str] = []
    for library in libraries:
        candidates = PACKAGES.get(library)
        if not candidates:
            unknown.append(library)
            continue
        chosen = next((p for p in candidates if known(p)), candidates[-1])
        if chosen not in packages:
            packages.append(chosen)
    return packages, unknown


def install(packages: list[str], why: str) -> int:
    """Install with apt-get after saying what and why; 0 when done, 1 with the command to run."""
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if os.geteuid() != 0:
        command = ["sudo", "env", "DEBIAN_FRONTEND=noninteractive", *command]
    shown = " ".join(c for c in command if c not in ("-y", "-q", "env", "DEBIAN_FRONTEND=noninteractive"))
    if shutil.which("apt-get") is None or (os.geteuid() != 0 and shutil.which("sudo") is None):
        print(f"Chú Giải needs {why}: {', '.join(packages)}.\n"
              f"Install them with your system's package manager (on Debian/Ubuntu: {shown}), "
              "then run make again.", file=sys.stderr)
        return 1
    print(f"Chú Giải needs {why}. Installing: {' '.join(packages)}\n  $ {' '.join(command)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(command, check=False, env=env).returncode != 0:
        print(f"The installation did not succeed. Run it yourself, then make again:\n  {shown}",
              file=sys.stderr)
        return 1
    return 0


def check_venv() -> int:
    """Debian's python3 has no venv module (or no ensurepip) until python3-venv is installed."""
    if importlib.util.find_spec("venv") is not None and importlib.util.find_spec("ensurepip") is not None:
        return 0
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    package = f"python{version}-venv" if shutil.which("apt-cache") and _apt_knows(f"python{version}-venv") \
        else "python3-venv"
    return install([package], "Python's venv module to keep its own packages apart")


def check_qt(binaries: tuple[str, ...]) -> int:
    qt = qt_folder()
    if qt is None:
        print("PySide6 is not installed in this Python; run make again.", file=sys.stderr)
        return 1
    if shutil.which("ldd") is None:  # not glibc Linux: nothing to check this way
        return 0
    missing = missing_for_qt(qt, binaries)
    if not missing:
        return 0
    packages, unknown = packages_for(missing, _apt_knows if shutil.which("apt-cache") else lambda p: False)
    if unknown:
        print(f"Qt also needs {', '.join(unknown)}, which no package here is known to provide.",
              file=sys.stderr)
    if not packages:
        return 1
    status = install(packages, "system libraries for Qt (X11, OpenGL and font libraries)")
    if status == 0 and (still := missing_for_qt(qt, binaries)):
        print(f"Still missing after the installation: {', '.join(still)}", file=sys.stderr)
        return 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--venv", action="store_true", help="check that Python can create a venv")
    group.add_argument("--qt", action="store_true", help="check Qt's system libraries for the window")
    group.add_argument("--qt-headless", action="store_true",
                       help="the same for the headless tests: the window's libraries are installed "
                            "if possible, but only the offscreen platform's are required")
    args = parser.parse_args(argv)
    if args.venv:
        return check_venv()
    if args.qt:
        return check_qt(HEADLESS_LIBRARIES + WINDOW_LIBRARIES)
    if check_qt(HEADLESS_LIBRARIES + WINDOW_LIBRARIES) != 0:
        print("The window will not open until then; the headless tests do not need it.", file=sys.stderr)
    return check_qt(HEADLESS_LIBRARIES)


if __name__ == "__main__":
    sys.exit(main())
