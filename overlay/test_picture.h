#pragma once
// A synthetic TV picture to compose screenshots over, so they look like what
// a viewer sees: 75% colour bars, a grey ramp and a few shapes. Deterministic,
// drawn in memory (no DirectFB), any size.
#include "overlay/image.h"

namespace overlay {

Image makeTestPicture(int width, int height);

}  // namespace overlay
