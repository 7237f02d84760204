# Build speed: how ocean-aws keeps a cold build of a few hundred coroutine-heavy translation
# units short on a 2-core machine (measured in docs/BENCHMARKS.md, "Build times").
#
# - Debug info: line tables only (-g1) in the optimised build. Backtraces, perf and sanitizer
#   reports keep file:line; full -g cost ~50% more compile time per TU (variables and types of
#   every Asio template) and bigger links. -DOCEAN_AWS_FULL_DEBUG_INFO=ON restores -g.
# - Precompiled headers: the standard, Boost.Asio/JSON, spdlog (and gtest/gmock for tests)
#   headers every TU parses, compiled once per build: one PCH for the product's libraries (all
#   share their flags), one for the test code.
# - Unity builds of the product's libraries: an optimised TU spends ~75% of its time generating
#   code for the same Asio/JSON templates; batches of 8 files generate it once (measured 2.4x
#   less CPU for src/aws/auth). Files in one layer therefore must not reuse a name at namespace
#   scope, even in anonymous namespaces (the compiler says so when they do).
# - mold links when it is installed (scripts/setup.sh installs it): seconds instead of minutes
#   for the test executables.
# - Test code is compiled for build speed (-O0 -g1); the libraries it tests are the product's.
# Every switch is an option, so a developer can build the plain way to check a header's
# includes (-DOCEAN_AWS_PCH=OFF -DOCEAN_AWS_UNITY=OFF).

option(OCEAN_AWS_PCH "Precompiled headers" ON)
option(OCEAN_AWS_UNITY "Unity builds of the product libraries" ON)
option(OCEAN_AWS_FULL_DEBUG_INFO "Full debug info (-g) instead of line tables (-g1)" OFF)
set(OCEAN_AWS_UNITY_BATCH 8 CACHE STRING "Source files per unity TU")

if(NOT OCEAN_AWS_FULL_DEBUG_INFO)
  foreach(cfg RELWITHDEBINFO DEBUG)
    string(REGEX REPLACE "(^| )-g( |$)" "\\1-g1\\2" CMAKE_CXX_FLAGS_${cfg} "${CMAKE_CXX_FLAGS_${cfg}}")
  endforeach()
endif()

find_program(OCEAN_AWS_MOLD mold)
if(OCEAN_AWS_MOLD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
   AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12.1)
  add_link_options(-fuse-ld=mold)
  message(STATUS "ocean-aws: linking with mold")
endif()

# Headers that most TUs include, directly or through core/json.h, core/log.h, aws/client.h.
set(OCEAN_AWS_PCH_HEADERS
  <algorithm> <chrono> <functional> <map> <memory> <optional> <span> <string> <string_view>
  <utility> <vector>
  <boost/asio/as_tuple.hpp> <boost/asio/awaitable.hpp> <boost/asio/co_spawn.hpp>
  <boost/asio/detached.hpp> <boost/asio/io_context.hpp> <boost/asio/steady_timer.hpp>
  <boost/asio/this_coro.hpp> <boost/asio/use_awaitable.hpp>
  <boost/json.hpp> <spdlog/spdlog.h>)
set(OCEAN_AWS_TEST_PCH_HEADERS ${OCEAN_AWS_PCH_HEADERS} <gtest/gtest.h> <gmock/gmock.h>)

# The first product library builds the shared PCH; the others reuse it (same flags).
set(_ocean_pch_origin "")
function(ocean_speed_up_library target)
  if(OCEAN_AWS_PCH)
    if(_ocean_pch_origin)
      target_precompile_headers(${target} REUSE_FROM ${_ocean_pch_origin})
    else()
      target_precompile_headers(${target} PRIVATE ${OCEAN_AWS_PCH_HEADERS})
      set(_ocean_pch_origin ${target} PARENT_SCOPE)
    endif()
  endif()
  if(OCEAN_AWS_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
                          UNITY_BUILD_BATCH_SIZE ${OCEAN_AWS_UNITY_BATCH})
    # In a unity TU every source is an included file, so GCC warns about each coroutine frame
    # holding a type from an anonymous namespace; that is harmless within one TU.
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
  endif()
endfunction()

# Test code: built for speed, one PCH shared by every test target (origin: the support library).
set(_ocean_test_pch_origin "")
function(ocean_speed_up_test_code target)
  target_compile_options(${target} PRIVATE -O0)
  if(OCEAN_AWS_PCH)
    if(_ocean_test_pch_origin)
      target_precompile_headers(${target} REUSE_FROM ${_ocean_test_pch_origin})
    else()
      target_precompile_headers(${target} PRIVATE ${OCEAN_AWS_TEST_PCH_HEADERS})
      set(_ocean_test_pch_origin ${target} PARENT_SCOPE)
    endif()
  endif()
endfunction()
