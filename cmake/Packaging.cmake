# Installing and packaging (docs/porting.md, "Installing on a box").
# Included from the top-level CMakeLists.txt when stbd is built.
#
# Components: "stbd" (the daemon, config, service files, state directory;
# stbd/CMakeLists.txt), "tools" (stb-probe, stb-notice), and the
# keymap platform/box installs without a component ("Unspecified"), which
# goes with stbd. cpack makes one Debian package per group:
#   stbd_0.1.0_amd64.deb       stbd + the keymap
#   stb-tools_0.1.0_amd64.deb  the tools
#   stb-headend_0.1.0_amd64.deb  the playout service (tools/stb-headend/CMakeLists.txt)
include(GNUInstallDirs)

if(TARGET stb-probe AND TARGET stb-notice)
  install(TARGETS stb-probe stb-notice RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          COMPONENT tools)
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "stbd")
set(CPACK_PACKAGE_VENDOR "stb-middleware")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The package installs with prefix /usr and DESTDIR set to the staging
# directory, whatever this tree's CMAKE_INSTALL_PREFIX: the install rules
# see the prefix /usr and put /etc and /var at the root.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "/usr")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_COMPONENTS_ALL stbd Unspecified tools stb-headend)
set(CPACK_COMPONENT_STBD_GROUP "stbd")
set(CPACK_COMPONENT_UNSPECIFIED_GROUP "stbd")
set(CPACK_COMPONENT_TOOLS_GROUP "tools")
set(CPACK_COMPONENT_STB-HEADEND_GROUP "stb-headend")

set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")  # NAME_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "STB middleware team <stb@example.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_STBD_PACKAGE_NAME "stbd")
set(CPACK_DEBIAN_STBD_PACKAGE_DEPENDS "fonts-wqy-microhei, libdirectfb-extra")
# The first line is the summary.
set(CPACK_DEBIAN_STBD_DESCRIPTION "Set-top box notice daemon
stbd reads the broadcast, keeps the operator's signed notices meant for this box
and crawls them as a subtitle bar over the picture (DirectFB).")
set(CPACK_DEBIAN_STBD_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/debian/postrm")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME "stb-tools")
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "Set-top box stream tools
stb-probe shows what a box sees in a transport stream; stb-notice is the
operator's tool that signs notices and builds their streams.")

set(CPACK_DEBIAN_STB-HEADEND_PACKAGE_NAME "stb-headend")
# stb-preview (the console's previews) draws with DirectFB and the box's font.
set(CPACK_DEBIAN_STB-HEADEND_PACKAGE_DEPENDS "fonts-wqy-microhei, libdirectfb-extra")
set(CPACK_DEBIAN_STB-HEADEND_DESCRIPTION "Notice carousel playout service
stb-headend plays the operator's signed notices as an MPEG-TS carousel over
UDP, RTP, a file or a pipe, within a bitrate budget, taking revisions live;
its authoring console previews a notice with stb-preview as a box draws it.")
set(CPACK_DEBIAN_STB-HEADEND_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/stb-headend-debian/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/stb-headend-debian/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/stb-headend-debian/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/stb-headend-debian/postrm")

include(CPack)
