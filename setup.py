"""The compiled module parley._core, built by CMake for `pip install .` (pyproject.toml).

CMake configures the project with its tests and benchmarks off and builds the one target
parley_python; the module is copied where setuptools packs it beside the pure-Python files.
CMAKE_ARGS adds configure options (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) and
CMAKE_BUILD_PARALLEL_LEVEL sets the build's jobs (default: every core).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE_DIR = Path(__file__).resolve().parent
# One level below the source like build/, so that a compiler cache with a base directory
# (ccache's base_dir) sees the same relative paths and reuses build/'s objects.
CMAKE_BUILD_DIR = SOURCE_DIR / "build-pip"


def project_version() -> str:
    cmake_lists = (SOURCE_DIR / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(parley VERSION ([0-9]+\.[0-9]+\.[0-9]+)", cmake_lists)
    if match is None:
        raise RuntimeError("no `project(parley VERSION x.y.z` in CMakeLists.txt")
    return match.group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        cmake = shutil.which("cmake")
        if cmake is None:
            raise RuntimeError("building parley needs CMake 3.25 or later (Debian: apt-get install cmake)")
        configure = [
            cmake, "-S", str(SOURCE_DIR), "-B", str(CMAKE_BUILD_DIR),
            "-DCMAKE_BUILD_TYPE=Release", "-DPARLEY_BUILD_TESTS=OFF", "-DPARLEY_BUILD_BENCH=OFF",
            "-DPARLEY_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
            *shlex.split(os.environ.get("CMAKE_ARGS", "")),
        ]
        subprocess.run(configure, check=True)
        build = [cmake, "--build", str(CMAKE_BUILD_DIR), "--target", "parley_python"]
        if "CMAKE_BUILD_PARALLEL_LEVEL" not in os.environ:
            build += ["--parallel", str(os.cpu_count() or 1)]
        subprocess.run(build, check=True)

        module_name = Path(self.get_ext_filename(ext.name)).name
        built = CMAKE_BUILD_DIR / "bindings" / "python" / "parley" / module_name
        if not built.is_file():
            raise RuntimeError(f"CMake did not build {built}: is {sys.executable} the interpreter it found?")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


CMAKE_BUILD_DIR.mkdir(exist_ok=True)  # egg_info's directory must exist before the build starts
setup(
    version=project_version(),
    ext_modules=[Extension("parley._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own files inside CMake's build directory, away from the build/ a user
    # configures and from the package's sources.
    options={
        "build": {"build_base": str(CMAKE_BUILD_DIR / "setuptools")},
        "egg_info": {"egg_base": str(CMAKE_BUILD_DIR)},
    },
)
