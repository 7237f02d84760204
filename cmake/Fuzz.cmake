# Fuzzing (-DOCEAN_AWS_FUZZ=ON, clang only): one libFuzzer executable per fuzz/<name>_fuzz.cc,
# named <name>_fuzz, every library built with -fsanitize=fuzzer-no-link,address,undefined.
# scripts/fuzz.sh configures build-fuzz this way; scripts/test.sh runs each harness briefly.
#
# A harness names the highest layer it needs in a line `// fuzz-layers: core aws` (default: every
# layer), so `ninja <name>_fuzz` builds only those libraries. Adding a harness is adding one
# fuzz/<name>_fuzz.cc plus seeds in fuzz/corpus/<name>/; no edit here.
option(OCEAN_AWS_FUZZ "Build the libFuzzer harnesses in fuzz/ (clang)" OFF)
if(NOT OCEAN_AWS_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "OCEAN_AWS_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
endif()

# Applies to every target defined after this file is included (the layers included).
# -fno-sanitize=function: clang 14 cannot assemble that check's prologue data together with the
# fuzzer's coverage sections in some Asio coroutine code ("Cannot represent a difference across
# sections"); it checks calls through mistyped function pointers, which C++ code rarely makes.
add_compile_options(-O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function
                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)
find_program(OCEAN_AWS_FUZZ_MOLD mold)
if(OCEAN_AWS_FUZZ_MOLD)
  add_link_options(-fuse-ld=mold)
endif()

add_custom_target(fuzzers)
file(GLOB _fuzz_harnesses CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*_fuzz.cc)
foreach(src ${_fuzz_harnesses})
  get_filename_component(name ${src} NAME_WE)
  file(STRINGS ${src} _layers REGEX "^// fuzz-layers:")
  if(_layers)
    string(REGEX REPLACE "^// fuzz-layers:[ ]*" "" _layers "${_layers}")
    separate_arguments(_layers)
  else()
    set(_layers app ocean catalog aws net core)
  endif()
  set(_libs "")
  foreach(l ${_layers})
    list(APPEND _libs ocean_${l})
  endforeach()
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/fuzz)
  target_link_libraries(${name} PRIVATE ${_libs})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_compile_definitions(${name} PRIVATE OCEAN_AWS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_dependencies(fuzzers ${name})
endforeach()
