# wasm32-wasi with Debian's clang + wasi-libc + libc++-dev-wasm32 (README "Build").
# CMake 3.25 knows no WASI platform, so this is a Generic system with a wasi target.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CORE_TARGET wasi CACHE STRING "core build flavour")
set(CMAKE_SYSROOT /usr)
set(CMAKE_CXX_COMPILER clang++-14)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_AR llvm-ar-14 CACHE FILEPATH "wasm-aware archiver")
set(CMAKE_RANLIB llvm-ranlib-14 CACHE FILEPATH "wasm-aware ranlib")
# Size: whole-program LTO and no RTTI (nothing in the core asks a type its name) take
# core.wasm from 227 KB to 193 KB gzipped (bench/RESULTS.md).
set(CMAKE_CXX_FLAGS_INIT "-Oz -flto -fno-rtti")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-flto -Wl,--lto-O2")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
