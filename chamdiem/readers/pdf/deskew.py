"""The tilt of a scanned page, and the page turned straight before its layout is read.

A page's rules and text lines are horizontal when it lies straight: the ink's row profile is then
sharpest (its rows most unequal). The tilt is the angle, within the catalog's limit, whose shear
of the ink's coordinates gives the sharpest profile, searched coarsely and then finely on a page
reduced to a few hundred thousand ink points."""
from __future__ import annotations

import math

DARK = 128          # grey level below which a pixel is ink
MAX_POINTS = 200_000  # ink points the search looks at (every n-th of them on a busy page)


def skew_angle(grey, max_degrees: float, step: float) -> float:
    """The page's tilt in degrees (counter-clockwise positive, as PIL's ``rotate`` turns an image),
    to the nearest ``step``; 0.0 for a page without ink."""
    import numpy as np
    ys, xs = np.nonzero(grey < DARK)
    if len(ys) < 100:
        return 0.0
    every = max(len(ys) // MAX_POINTS, 1)
    ys, xs = ys[::every].astype(np.float64), xs[::every].astype(np.float64)
    height = grey.shape[0]
    width = grey.shape[1]

    def sharpness(degrees: float) -> float:
        # a line tilted by +a (counter-clockwise) falls by x*tan(a) to the left: shear it back
        rows = ys + xs * math.tan(math.radians(degrees)) - width * math.tan(math.radians(degrees)) / 2
        counts = np.bincount(np.clip(np.round(rows).astype(np.int64) + width, 0, height + 2 * width),
                             minlength=height + 2 * width + 1)
        return float(np.dot(counts, counts))

    coarse = [k * step * 5 for k in range(-int(max_degrees / (step * 5)), int(max_degrees / (step * 5)) + 1)]
    best = max(coarse, key=sharpness)
    fine = [best + k * step for k in range(-5, 6) if abs(best + k * step) <= max_degrees + 1e-9]
    best = max(fine, key=sharpness)
    return round(best / step) * step


def straightened(img, max_degrees: float, step: float, least: float):
    """The page image turned by its tilt (white where the turn uncovers the page), or the image
    itself when the tilt is below ``least`` degrees. Returns (image, tilt in degrees)."""
    import numpy as np
    from PIL import Image
    grey = img.convert("L")
    angle = skew_angle(np.asarray(grey), max_degrees, step)
    if abs(angle) < least:
        return img, 0.0
    return grey.rotate(-angle, resample=Image.BICUBIC, expand=False, fillcolor=255), angle
