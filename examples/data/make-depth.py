#!/usr/bin/env python3
"""Writes the examples' generated inputs (Python 3 standard library only, deterministic):

  astronaut-depth.png   512x512 8-bit gray depth map for tests/data/astronaut.png
  coffee-tiltshift.png  600x400 8-bit gray tilt-shift mask for tests/data/coffee.png
  lights.png            480x320 RGB night scene of small point lights (for the star filter)

The depth map is *drawn*, not measured: a handful of shapes traced by eye over the
photo (hair and face, the suit's neck ring, the suit, the glove, the helmet in front,
the shuttle model, its black pedestal and the flag behind) in front of a studio
backdrop that recedes smoothly upwards.  Values are "nearness" (white = near), the
element's default (near-is-white=true): backdrop 0.06-0.26, flag 0.32, model 0.44,
pedestal 0.50, subject 0.68-0.78, helmet 0.84-0.94.  Subject edges are sharp (2x2
supersampled, so one pixel of anti-aliasing); round parts are shaded as spheres so
that a focus sweep crosses them gradually.

The tilt-shift mask is 0 in a horizontal band through the cup's rim and rises with a
smoothstep to 1 at the top and bottom edges; with depth-mode=mask the blur radius is
mask x max-radius, so the band stays sharp (the "miniature" look).

Usage: python3 examples/data/make-depth.py [OUTDIR]   (default: this script's folder)
"""
import math
import os
import random
import struct
import sys
import zlib

SS = 2  # supersampling per axis


def write_png(path, width, height, pixels, channels=1):
    """pixels: bytes/bytearray, row-major, width*height*channels values 0..255 (gray or RGB)."""
    stride = width * channels
    raw = bytearray()
    prev = bytes(stride)
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        # filter 2 (Up): identical rows (the mask) and smooth ramps compress to almost nothing
        raw.append(2)
        raw.extend((row[x] - prev[x]) & 0xFF for x in range(stride))
        prev = row

    def chunk(tag, data):
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0 if channels == 1 else 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


# --- shapes, in photo pixel coordinates; each returns a depth or None at a point ------------

def ellipse(cx, cy, rx, ry, base, bulge=0.0):
    """Filled ellipse; depth = base + bulge * sphere height (nearest at the centre)."""
    def f(x, y):
        u = (x - cx) / rx
        v = (y - cy) / ry
        r2 = u * u + v * v
        if r2 > 1.0:
            return None
        return base + bulge * math.sqrt(1.0 - r2)
    return (cx - rx, cy - ry, cx + rx, cy + ry), f


def polygon(points, depth):
    """Filled polygon (even-odd); depth is a number or a function of (x, y)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    n = len(points)

    def f(x, y):
        inside = False
        j = n - 1
        for i in range(n):
            xi, yi = points[i]
            xj, yj = points[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        if not inside:
            return None
        return depth(x, y) if callable(depth) else depth
    return (min(xs), min(ys), max(xs), max(ys)), f


def astronaut_shapes():
    """Back to front."""
    shapes = []
    # the flag on its pole, left, behind everything of the subject
    shapes.append(polygon([(0, 0), (92, 0), (97, 120), (95, 230), (82, 330), (60, 512), (0, 512)], 0.32))
    # the shuttle model (orange tank, two boosters, orbiter with its wings) and its stand
    shapes.append(polygon([(398, 30), (404, 8), (416, 0), (428, 8), (434, 30), (434, 250), (398, 250)], 0.44))
    shapes.append(polygon([(378, 60), (386, 38), (394, 60), (394, 268), (378, 268)], 0.44))
    shapes.append(polygon([(438, 60), (446, 38), (454, 60), (454, 268), (438, 268)], 0.44))
    shapes.append(polygon([(388, 100), (396, 80), (404, 100), (406, 140), (418, 175), (460, 215), (466, 236), (420, 232),
                           (408, 262), (392, 262), (384, 232), (356, 250), (356, 228), (384, 200)], 0.45))
    shapes.append(polygon([(372, 262), (470, 262), (470, 285), (372, 285)], 0.46))
    # the black pedestal under the model: its top edge is farther than its front
    shapes.append(polygon([(364, 280), (512, 280), (512, 512), (364, 512)],
                          lambda x, y: 0.47 + 0.08 * (y - 280) / 232.0))
    # the suit: shoulders slightly behind the chest
    suit = [(20, 512), (18, 430), (24, 350), (32, 318), (50, 275), (75, 242), (100, 220), (118, 205),
            (200, 230), (300, 232), (326, 250), (350, 280), (358, 320), (364, 380), (368, 440), (372, 512)]
    shapes.append(polygon(suit, lambda x, y: 0.68 + 0.06 * max(0.0, 1.0 - abs(x - 190) / 190.0)
                          + 0.02 * (y - 240) / 272.0))
    # the neck ring, hair and face (a sphere-shaded head)
    shapes.append(ellipse(210, 222, 97, 70, 0.72, 0.04))
    shapes.append(ellipse(227, 96, 75, 80, 0.70, 0.08))
    shapes.append(ellipse(225, 125, 50, 65, 0.72, 0.06))  # the face, a little nearer than the hair
    # the glove at the bottom, reaching forward
    shapes.append(ellipse(172, 500, 34, 26, 0.80, 0.03))
    # the helmet on the table, nearest of all
    shapes.append(ellipse(398, 452, 120, 110, 0.84, 0.10))
    return shapes


def astronaut_depth(width=512, height=512):
    W, H = width * SS, height * SS
    # the backdrop: far at the top, nearer towards the floor, a soft vignette
    buf = [0.0] * (W * H)
    for sy in range(H):
        y = (sy + 0.5) / SS
        t = y / height
        base = 0.06 + 0.20 * t * t
        row = sy * W
        for sx in range(W):
            x = (sx + 0.5) / SS
            d = (x - width * 0.55) / width
            buf[row + sx] = base + 0.03 * d * d
    for (x0, y0, x1, y1), f in astronaut_shapes():
        sx0 = max(0, int(math.floor(x0 * SS)))
        sy0 = max(0, int(math.floor(y0 * SS)))
        sx1 = min(W, int(math.ceil(x1 * SS)) + 1)
        sy1 = min(H, int(math.ceil(y1 * SS)) + 1)
        for sy in range(sy0, sy1):
            y = (sy + 0.5) / SS
            row = sy * W
            for sx in range(sx0, sx1):
                v = f((sx + 0.5) / SS, y)
                if v is not None:
                    buf[row + sx] = v
    out = bytearray(width * height)
    n = SS * SS
    for y in range(height):
        for x in range(width):
            s = 0.0
            for j in range(SS):
                r = (y * SS + j) * W + x * SS
                for i in range(SS):
                    s += buf[r + i]
            v = s / n
            out[y * width + x] = max(0, min(255, int(round(v * 255.0))))
    return width, height, out


def smoothstep(e0, e1, x):
    t = max(0.0, min(1.0, (x - e0) / (e1 - e0)))
    return t * t * (3.0 - 2.0 * t)


def tiltshift_mask(width=600, height=400, centre=0.42, half_band=0.07):
    out = bytearray(width * height)
    for y in range(height):
        t = (y + 0.5) / height
        dist = abs(t - centre) - half_band
        reach = (centre - half_band) if t < centre else (1.0 - centre - half_band)
        v = smoothstep(0.0, reach, dist)
        out[y * width:(y + 1) * width] = bytes([int(round(v * 255.0))]) * width
    return width, height, out


def night_lights(width=480, height=320, count=45, seed=7):
    """A dark evening sky over 45 small round lights (1.2-3.2 px, warm and cool whites,
    sodium orange, a few green): point sources, so a kernel's shape shows as it is."""
    rng = random.Random(seed)
    img = bytearray(width * height * 3)
    for y in range(height):
        t = y / height
        c = bytes((int(6 + 10 * t), int(8 + 14 * t), int(24 + 20 * t)))
        img[y * width * 3:(y + 1) * width * 3] = c * width
    colours = [(255, 240, 200), (255, 200, 120), (200, 220, 255), (255, 255, 255), (255, 150, 90), (180, 255, 200)]
    for _ in range(count):
        cx = rng.uniform(10, width - 10)
        cy = rng.uniform(height * 0.35, height - 10)
        r = rng.uniform(1.2, 3.2)
        col = rng.choice(colours)
        for y in range(int(cy - r - 2), int(cy + r + 3)):
            for x in range(int(cx - r - 2), int(cx + r + 3)):
                if 0 <= x < width and 0 <= y < height:
                    a = max(0.0, min(1.0, r - math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5))
                    if a > 0.0:
                        o = (y * width + x) * 3
                        for k in range(3):
                            img[o + k] = int(round(img[o + k] * (1.0 - a) + col[k] * a))
    return width, height, img


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    w, h, px = astronaut_depth()
    write_png(os.path.join(outdir, "astronaut-depth.png"), w, h, px)
    w, h, px = tiltshift_mask()
    write_png(os.path.join(outdir, "coffee-tiltshift.png"), w, h, px)
    w, h, px = night_lights()
    write_png(os.path.join(outdir, "lights.png"), w, h, px, channels=3)
    for name in ("astronaut-depth.png", "coffee-tiltshift.png", "lights.png"):
        p = os.path.join(outdir, name)
        print(f"{p}: {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
