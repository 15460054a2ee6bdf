#!/usr/bin/env bash
# Installs the Debian packages Parley builds and tests with, when any is missing.
# Every dependency comes from Debian's archive and is found by CMake's find_package. Clang 14 and
# its runtime libraries (libFuzzer, the sanitizers) build the hardening configurations.
set -euo pipefail

packages=(
  cmake g++ make
  libeigen3-dev libboost-random-dev libtbb-dev nlohmann-json3-dev doctest-dev libcli11-dev
  pybind11-dev python3-dev python3-numpy python3-pandas python3-matplotlib python3-pytest
  python3-nbclient python3-nbformat python3-ipykernel python3-jsonschema
  python3-venv python3-pip python3-setuptools python3-wheel
  libopenmpi-dev openmpi-bin
  clang clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
