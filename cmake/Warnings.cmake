# Project-wide warning flags; third-party headers come in as SYSTEM includes
# so they never trip -Werror.
function(stb_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion-null
                                           -Wnon-virtual-dtor -Wimplicit-fallthrough)
  if(STB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
