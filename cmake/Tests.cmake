# Tests: one GoogleTest executable per test folder group, each test case its own CTest test.
#
#   tests/core/**            core_tests           label core
#   tests/aws/protocol/**    aws_protocol_tests   label aws   (also run under ASan+UBSan)
#   tests/aws/** (the rest)  aws_tests            label aws
#   tests/net/**             aws_tests            label aws   (the net layer under aws)
#   tests/catalog/**         catalog_tests        label catalog
#   tests/ocean/**           ocean_tests          label ocean
#   tests/app/**             app_tests            label app
#   tests/fakeaws/**         fakeaws_tests        label fakeaws
#
# A new *_test.cc joins its folder's executable (no edit here). Test files of one executable
# share a link: keep helpers in an anonymous namespace, and TEST suite+name pairs unique.
# gtest_discover_tests lists every case at test time, so `ctest -L aws` and `ctest -R Suite.`
# work as before. The sanitizer stage of scripts/test.sh builds only core_tests and
# aws_protocol_tests, which need nothing above the aws layer.
enable_testing()
find_package(GTest REQUIRED)
include(GoogleTest)

# Fakes that need only core and aws (also in the sanitizer build).
file(GLOB_RECURSE _fake_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fakes/*.cc)
list(FILTER _fake_srcs EXCLUDE REGEX ".*/scope_export\\.cc$")
add_library(ocean_test_support STATIC ${_fake_srcs} ${CMAKE_SOURCE_DIR}/tests/test_env.cc)
target_include_directories(ocean_test_support PUBLIC ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/tests)
target_link_libraries(ocean_test_support PUBLIC ocean_aws ocean_core GTest::gtest GTest::gmock)
target_compile_definitions(ocean_test_support PUBLIC
  OCEAN_AWS_SOURCE_DIR="${CMAKE_SOURCE_DIR}" OCEAN_AWS_BINARY_DIR="${CMAKE_BINARY_DIR}")
ocean_speed_up_test_code(ocean_test_support)

# Fakes that export kinds (catalog layer).
add_library(ocean_test_support_catalog STATIC ${CMAKE_SOURCE_DIR}/tests/fakes/scope_export.cc)
target_link_libraries(ocean_test_support_catalog PUBLIC ocean_test_support ocean_catalog)
ocean_speed_up_test_code(ocean_test_support_catalog)

# ocean_test_executable(<name> <label> <support library> GLOB <patterns...> [EXCLUDE <regex>])
function(ocean_test_executable name label support)
  cmake_parse_arguments(T "" "EXCLUDE" "GLOB" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${T_GLOB})
  if(T_EXCLUDE)
    list(FILTER srcs EXCLUDE REGEX "${T_EXCLUDE}")
  endif()
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE ${support} GTest::gtest_main)
  ocean_speed_up_test_code(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS ${label} DISCOVERY_TIMEOUT 120
                       DISCOVERY_MODE PRE_TEST)
endfunction()

set(_t ${CMAKE_SOURCE_DIR}/tests)
ocean_test_executable(core_tests core ocean_test_support GLOB ${_t}/core/*_test.cc)
ocean_test_executable(aws_protocol_tests aws ocean_test_support GLOB ${_t}/aws/protocol/*_test.cc)
ocean_test_executable(aws_tests aws ocean_test_support GLOB ${_t}/aws/*_test.cc ${_t}/net/*_test.cc
                      EXCLUDE "/tests/aws/protocol/")
ocean_test_executable(catalog_tests catalog ocean_test_support_catalog GLOB ${_t}/catalog/*_test.cc)
if(TARGET ocean_ocean)
  ocean_test_executable(ocean_tests ocean "ocean_test_support;ocean_ocean" GLOB ${_t}/ocean/*_test.cc)
endif()
if(TARGET ocean_app)
  ocean_test_executable(app_tests app "ocean_test_support;ocean_app" GLOB ${_t}/app/*_test.cc)
endif()

# End to end: the ocean-aws binary against moto (tests/e2e, pytest), one CTest test per file
# so they run in parallel and each has its own time limit.
file(GLOB _e2e CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/test_*.py)
foreach(f ${_e2e})
  get_filename_component(stem ${f} NAME_WE)
  string(REGEX REPLACE "^test_" "e2e_" name ${stem})
  add_test(NAME ${name} COMMAND python3 -m pytest -q -p no:cacheprovider ${f}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES LABELS e2e TIMEOUT 900
                       ENVIRONMENT "OCEAN_AWS_BIN=$<TARGET_FILE:ocean-aws>")
endforeach()
