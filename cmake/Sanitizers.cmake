# AddressSanitizer + UndefinedBehaviorSanitizer for the whole tree when
# STB_SANITIZE is on (the asan-ubsan preset). UBSan findings abort so a test fails.
if(STB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Fuzz builds instrument every library for coverage; the fuzz targets
# themselves link libFuzzer's main (tests/fuzz/CMakeLists.txt).
if(STB_BUILD_FUZZERS)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
