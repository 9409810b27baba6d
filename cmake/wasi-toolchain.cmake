# wasm32-wasi for the Worker's core.wasm (README "Build").
#   WASI_SDK_PATH set  → wasi-sdk: its clang, llvm-ar/ranlib and share/wasi-sysroot.
#   otherwise (CI)     → Debian's clang 14 + wasi-libc + libc++-dev-wasm32, sysroot /usr.
# The choice is made when the build directory is configured; `rm -rf build/wasi` to switch.
# CMake 3.25 knows no WASI platform, so this is a Generic system with a wasi target.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CORE_TARGET wasi CACHE STRING "core build flavour")
if(NOT "$ENV{WASI_SDK_PATH}" STREQUAL "")
  set(WASI_SDK_PATH "$ENV{WASI_SDK_PATH}")
  set(CMAKE_SYSROOT ${WASI_SDK_PATH}/share/wasi-sysroot)
  set(CMAKE_CXX_COMPILER ${WASI_SDK_PATH}/bin/clang++)
  set(CMAKE_AR ${WASI_SDK_PATH}/bin/llvm-ar CACHE FILEPATH "wasm-aware archiver")
  set(CMAKE_RANLIB ${WASI_SDK_PATH}/bin/llvm-ranlib CACHE FILEPATH "wasm-aware ranlib")
  # The sysroot holds no nlohmann/json: CMakeLists.txt exposes only it from /usr/include.
  set(CORE_SEPARATE_SYSROOT ON CACHE BOOL "the sysroot is not /usr")
else()
  set(CMAKE_SYSROOT /usr)
  set(CMAKE_CXX_COMPILER clang++-14)
  set(CMAKE_AR llvm-ar-14 CACHE FILEPATH "wasm-aware archiver")
  set(CMAKE_RANLIB llvm-ranlib-14 CACHE FILEPATH "wasm-aware ranlib")
endif()
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
# Size: whole-program LTO and no RTTI (nothing in the core asks a type its name) take
# core.wasm from 227 KB to 193 KB gzipped (bench/RESULTS.md). -Oz itself comes from the
# preset's CMAKE_CXX_FLAGS_MINSIZEREL: CMake puts its MinSizeRel -Os after these flags,
# and the last -O wins (an -Oz here was silently an -Os: 215 KB against 151 KB gzipped).
set(CMAKE_CXX_FLAGS_INIT "-flto -fno-rtti")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-flto -Wl,--lto-O2")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
