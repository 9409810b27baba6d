#!/usr/bin/env bash
# Checks the WASI_SDK_PATH route of cmake/wasi-toolchain.cmake on a machine without
# wasi-sdk: a tree laid out as wasi-sdk ships it (bin/clang++, bin/llvm-ar,
# share/wasi-sysroot) made of Debian's clang 14 and wasi-libc, built in a scratch
# directory. The core.wasm must be byte-identical to the default build's.
# With a real wasi-sdk: WASI_SDK_PATH=/opt/wasi-sdk bash scripts/wasi-sdk-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sdk=${WASI_SDK_PATH:-}
if [ -z "$sdk" ]; then
  sdk=$work/wasi-sdk
  mkdir -p "$sdk/bin" "$sdk/share/wasi-sysroot/include" "$sdk/share/wasi-sysroot/lib"
  ln -s "$(command -v clang++-14)" "$sdk/bin/clang++"
  ln -s "$(command -v llvm-ar-14)" "$sdk/bin/llvm-ar"
  ln -s "$(command -v llvm-ranlib-14)" "$sdk/bin/llvm-ranlib"
  ln -s /usr/include/wasm32-wasi "$sdk/share/wasi-sysroot/include/wasm32-wasi"
  ln -s /usr/lib/wasm32-wasi "$sdk/share/wasi-sysroot/lib/wasm32-wasi"
fi
WASI_SDK_PATH=$sdk cmake -S . -B "$work/build" -DCMAKE_TOOLCHAIN_FILE=cmake/wasi-toolchain.cmake \
  -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
cmake --build "$work/build" -j "$(nproc)" >/dev/null
grep -q -- "--sysroot=$sdk/share/wasi-sysroot" "$work/build/CMakeFiles/core_wasm.dir/link.txt"
echo "wasi-sdk route: core.wasm $(stat -c %s "$work/build/core.wasm") bytes with $sdk"
if [ -z "${WASI_SDK_PATH:-}" ]; then
  cmp "$work/build/core.wasm" worker/core.wasm && echo "byte-identical to the default (Debian) build"
fi
