#pragma once
// Owning handles for DirectFB interfaces, declared without DirectFB's headers
// so that code above overlay/ never sees them (docs/architecture.md).
#include <memory>

// The same typedefs as DirectFB's D_DECLARE_INTERFACE; repeating them is legal.
typedef struct _IDirectFB IDirectFB;
typedef struct _IDirectFBSurface IDirectFBSurface;
typedef struct _IDirectFBFont IDirectFBFont;

namespace overlay {

// Calls the interface's Release(); defined where DirectFB's headers are seen.
struct DfbReleaser {
  void operator()(IDirectFBSurface* p) const;
  void operator()(IDirectFBFont* p) const;
};

using SurfaceHandle = std::unique_ptr<IDirectFBSurface, DfbReleaser>;
using FontHandle = std::unique_ptr<IDirectFBFont, DfbReleaser>;

}  // namespace overlay
