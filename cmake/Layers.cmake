# Each library sees only the folders of the libraries it links, so an include
# that crosses a layer the wrong way fails to compile. The rules themselves are
# the table in docs/architecture.md ("Layer rules"), which scripts/check-layers reads.
#
# A folder's "room" is ${CMAKE_BINARY_DIR}/include/<room>/<folder>/, made at
# configure time: one symlink per header and plain subfolder (tables/,
# descriptors/, common/) of the source folder. A subfolder with its own
# CMakeLists.txt (dvb/notice, stb/ports, platform/box, ...) belongs to another
# library and is left out; it has its own room. Includes keep their spelling,
# "dvb/si_demux.h" or "stb/ports/log.h", and each header has one path.
#
# Granularity: one room per folder. Libraries built from one folder share its
# room (dvb_crypto and dvb_notice: dvb/notice; stbd_config and stbd_lib: stbd).

# stb_room(folder out_var): makes (or brings up to date) the room of folder,
# relative to the project root, and sets out_var to its include directory.
function(stb_room folder out_var)
  string(REPLACE "/" "_" room "${folder}")
  set(root "${CMAKE_BINARY_DIR}/include/${room}")
  set(${out_var} "${root}" PARENT_SCOPE)
  get_property(done GLOBAL PROPERTY STB_ROOM_${room})
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY STB_ROOM_${room} TRUE)

  set(src "${PROJECT_SOURCE_DIR}/${folder}")
  set(dst "${root}/${folder}")
  # CONFIGURE_DEPENDS: a header added later re-runs cmake, which links it in.
  file(GLOB entries LIST_DIRECTORIES true CONFIGURE_DEPENDS RELATIVE "${src}" "${src}/*")
  set(wanted "")
  foreach(entry IN LISTS entries)
    if(IS_DIRECTORY "${src}/${entry}" AND EXISTS "${src}/${entry}/CMakeLists.txt")
      continue()  # another library's room
    endif()
    if(NOT IS_DIRECTORY "${src}/${entry}" AND NOT entry MATCHES "\\.h$")
      continue()  # headers only: sources, keymaps and cmake files stay out
    endif()
    list(APPEND wanted "${entry}")
  endforeach()

  file(MAKE_DIRECTORY "${dst}")
  # Links left from an earlier configure whose file is gone or became a room.
  file(GLOB present LIST_DIRECTORIES true RELATIVE "${dst}" "${dst}/*")
  foreach(entry IN LISTS present)
    if(NOT entry IN_LIST wanted)
      file(REMOVE "${dst}/${entry}")
    endif()
  endforeach()
  foreach(entry IN LISTS wanted)
    if(NOT IS_SYMLINK "${dst}/${entry}")
      file(CREATE_LINK "${src}/${entry}" "${dst}/${entry}" SYMBOLIC)
    endif()
  endforeach()
endfunction()

# stb_expose(target folder...): target shows the rooms of these folders to
# itself and to whatever links it. Its own folder first; another folder only
# when its public headers include that folder's headers without linking it.
function(stb_expose target)
  foreach(folder IN LISTS ARGN)
    stb_room("${folder}" root)
    target_include_directories(${target} PUBLIC "${root}")
  endforeach()
endfunction()

# stb_check_rooms(dir): fails the configure when a target outside tests/ adds the project
# root to its include path (the old way, which would let it include anything). Called
# once, at the end of the top-level CMakeLists.txt, on ${PROJECT_SOURCE_DIR}.
function(stb_check_rooms dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY" OR type STREQUAL "UTILITY")
      continue()
    endif()
    get_target_property(own ${target} INCLUDE_DIRECTORIES)
    get_target_property(shown ${target} INTERFACE_INCLUDE_DIRECTORIES)
    foreach(include IN LISTS own shown)
      string(REGEX REPLACE "/+$" "" include "${include}")
      if(include STREQUAL PROJECT_SOURCE_DIR)
        message(FATAL_ERROR "${target} (${dir}) has the project root on its include path: "
                            "use stb_expose(${target} <its folder>) (cmake/Layers.cmake)")
      endif()
    endforeach()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    string(FIND "${subdir}/" "${PROJECT_SOURCE_DIR}/tests/" at)
    if(NOT at EQUAL 0)  # tests/ (and tests/fuzz) keep the root, for tests/ helpers
      stb_check_rooms("${subdir}")
    endif()
  endforeach()
endfunction()
