#include "overlay/dfb_handle.h"

#include <directfb.h>

namespace overlay {

void DfbReleaser::operator()(IDirectFBSurface* p) const {
  if (p) p->Release(p);
}
void DfbReleaser::operator()(IDirectFBFont* p) const {
  if (p) p->Release(p);
}

}  // namespace overlay
