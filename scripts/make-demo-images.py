#!/usr/bin/env python3
"""Draws the demo shop's pictures: stream covers, product photos and the app icons.

Everything is drawn here (shapes, gradients, soft light), so the pictures belong to the project and
need no internet. The output is committed; run this again only to change them:

    scripts/make-demo-images.sh        (needs python3-pil: apt-get install python3-pil)

Writes client/LiveCommerce.Client/wwwroot/img/demo/*.jpg (what DemoSeeder links to) and the icons
client/LiveCommerce.Client/wwwroot/{favicon.png,icon-192.png,icon-512.png,icon-maskable-512.png}.
Deterministic: the same Pillow draws the same bytes.
"""
import math
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WWW = os.path.join(ROOT, "client", "LiveCommerce.Client", "wwwroot")
OUT = os.path.join(WWW, "img", "demo")
SS = 2  # drawn at twice the size, then scaled down: smooth edges
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def gradient(size, top, bottom, horizontal=False):
    w, h = size
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)
    n = w if horizontal else h
    for i in range(n):
        c = mix(rgb(top), rgb(bottom), i / max(1, n - 1))
        if horizontal:
            d.line([(i, 0), (i, h)], fill=c)
        else:
            d.line([(0, i), (w, i)], fill=c)
    return img


def glow(img, center, radius, color, strength=0.6):
    """A soft light: a blurred disc blended over the picture."""
    layer = Image.new("RGB", img.size, rgb(color))
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse([center[0] - radius, center[1] - radius, center[0] + radius, center[1] + radius], fill=int(255 * strength))
    mask = mask.filter(ImageFilter.GaussianBlur(radius / 2))
    return Image.composite(layer, img, mask)


def shadow(img, box, blur, opacity=0.35):
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=int(255 * opacity))
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    return Image.composite(Image.new("RGB", img.size, (20, 14, 12)), img, mask)


def shine(img, box, opacity=0.35, radius=0):
    """A vertical highlight on a glossy surface."""
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=radius, fill=int(255 * opacity))
    mask = mask.filter(ImageFilter.GaussianBlur((box[2] - box[0]) / 3))
    return Image.composite(Image.new("RGB", img.size, (255, 255, 255)), img, mask)


def label(d, box, text, size, fill, color):
    d.rounded_rectangle(box, radius=size // 3, fill=rgb(fill))
    f = font(size)
    tw = d.textlength(text, font=f)
    d.text(((box[0] + box[2] - tw) / 2, (box[1] + box[3]) / 2 - size * 0.6), text, font=f, fill=rgb(color))


def save(img, name, size, quality=84):
    img = img.resize(size, Image.LANCZOS)
    path = os.path.join(OUT, name)
    img.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    print(f"{os.path.getsize(path) // 1024:>4} KB  {os.path.relpath(path, ROOT)}")


# ---------- products: a studio shot on a soft backdrop, 600x600 ----------

P = 600 * SS


def backdrop(top, bottom, light="#ffffff"):
    img = gradient((P, P), top, bottom)
    img = glow(img, (P * 0.35, P * 0.3), P * 0.45, light, 0.35)
    d = ImageDraw.Draw(img)
    d.rectangle([0, P * 0.78, P, P], fill=mix(rgb(bottom), (0, 0, 0), 0.06))  # the table
    return img


def serum():
    img = backdrop("#fde7d3", "#f3c9a5")
    img = shadow(img, [P * 0.3, P * 0.76, P * 0.72, P * 0.84], 18 * SS)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([P * 0.36, P * 0.38, P * 0.64, P * 0.8], radius=P * 0.05, fill=rgb("#c8741c"))  # amber glass
    d.rounded_rectangle([P * 0.42, P * 0.3, P * 0.58, P * 0.39], radius=P * 0.015, fill=rgb("#e9e2da"))  # collar
    d.rounded_rectangle([P * 0.44, P * 0.14, P * 0.56, P * 0.31], radius=P * 0.06, fill=rgb("#2b2b2b"))  # bulb
    label(d, [P * 0.39, P * 0.5, P * 0.61, P * 0.68], "C 15%", int(P * 0.045), "#fff6ea", "#8a4a0e")
    img = shine(img, [P * 0.39, P * 0.4, P * 0.44, P * 0.76], 0.4)
    return img


def moisturizer():
    img = backdrop("#e8f1f8", "#c9dcea")
    img = shadow(img, [P * 0.22, P * 0.72, P * 0.8, P * 0.84], 20 * SS)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([P * 0.25, P * 0.5, P * 0.75, P * 0.8], radius=P * 0.04, fill=rgb("#fbfdff"))  # jar
    d.rounded_rectangle([P * 0.23, P * 0.4, P * 0.77, P * 0.52], radius=P * 0.03, fill=rgb("#7fa7c9"))  # lid
    label(d, [P * 0.33, P * 0.58, P * 0.67, P * 0.7], "HYDRA", int(P * 0.05), "#e3eef7", "#3c6a91")
    img = shine(img, [P * 0.29, P * 0.52, P * 0.35, P * 0.78], 0.5)
    return img


def tint():
    img = backdrop("#fbe3e8", "#eeb9c5")
    img = shadow(img, [P * 0.28, P * 0.74, P * 0.74, P * 0.84], 18 * SS)
    d = ImageDraw.Draw(img)
    for x, color in ((0.3, "#b3223f"), (0.52, "#d8576f")):
        d.rounded_rectangle([P * x, P * 0.42, P * (x + 0.16), P * 0.8], radius=P * 0.02, fill=rgb(color))  # tube
        d.rounded_rectangle([P * (x + 0.02), P * 0.24, P * (x + 0.14), P * 0.43], radius=P * 0.02, fill=rgb("#d9b36c"))  # gold cap
    d.ellipse([P * 0.15, P * 0.68, P * 0.3, P * 0.78], fill=rgb("#c83a57"))  # a swatch on the table
    img = shine(img, [P * 0.32, P * 0.44, P * 0.35, P * 0.78], 0.45)
    img = shine(img, [P * 0.54, P * 0.44, P * 0.57, P * 0.78], 0.45)
    return img


def sunscreen():
    img = backdrop("#fff6d6", "#f5dc8e", "#fffbe8")
    img = glow(img, (P * 0.78, P * 0.18), P * 0.18, "#ffd24a", 0.7)  # the sun
    img = shadow(img, [P * 0.3, P * 0.74, P * 0.72, P * 0.84], 18 * SS)
    d = ImageDraw.Draw(img)
    d.polygon([(P * 0.36, P * 0.28), (P * 0.64, P * 0.28), (P * 0.62, P * 0.72), (P * 0.38, P * 0.72)], fill=rgb("#ffffff"))  # tube
    d.rounded_rectangle([P * 0.37, P * 0.7, P * 0.63, P * 0.82], radius=P * 0.02, fill=rgb("#f2a33a"))  # cap
    label(d, [P * 0.4, P * 0.38, P * 0.6, P * 0.5], "SPF 50", int(P * 0.04), "#f2a33a", "#ffffff")
    img = shine(img, [P * 0.4, P * 0.3, P * 0.44, P * 0.68], 0.3)
    return img


def daypack():
    img = backdrop("#e3ece4", "#b9cdbd")
    img = shadow(img, [P * 0.22, P * 0.76, P * 0.78, P * 0.86], 22 * SS)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([P * 0.28, P * 0.22, P * 0.72, P * 0.82], radius=P * 0.12, fill=rgb("#e2672b"))  # body
    d.rounded_rectangle([P * 0.34, P * 0.52, P * 0.66, P * 0.78], radius=P * 0.06, fill=rgb("#c9541f"))  # pocket
    d.arc([P * 0.38, P * 0.1, P * 0.62, P * 0.34], 180, 360, fill=rgb("#333333"), width=int(P * 0.025))  # handle
    d.line([(P * 0.34, P * 0.45), (P * 0.66, P * 0.45)], fill=rgb("#333333"), width=int(P * 0.012))  # zip
    label(d, [P * 0.43, P * 0.6, P * 0.57, P * 0.66], "KITE", int(P * 0.028), "#1f3b2d", "#ffffff")
    img = shine(img, [P * 0.3, P * 0.26, P * 0.38, P * 0.7], 0.25, radius=40)
    return img


def jacket():
    img = backdrop("#e6eef5", "#b8c9d8")
    img = shadow(img, [P * 0.2, P * 0.8, P * 0.8, P * 0.88], 22 * SS)
    d = ImageDraw.Draw(img)
    blue = rgb("#2f6fa3")
    d.polygon([(P * 0.33, P * 0.2), (P * 0.67, P * 0.2), (P * 0.72, P * 0.84), (P * 0.28, P * 0.84)], fill=blue)  # body
    d.polygon([(P * 0.33, P * 0.2), (P * 0.16, P * 0.4), (P * 0.2, P * 0.78), (P * 0.3, P * 0.76), (P * 0.31, P * 0.42)], fill=mix(blue, (0, 0, 0), 0.12))  # sleeves
    d.polygon([(P * 0.67, P * 0.2), (P * 0.84, P * 0.4), (P * 0.8, P * 0.78), (P * 0.7, P * 0.76), (P * 0.69, P * 0.42)], fill=mix(blue, (0, 0, 0), 0.12))
    d.pieslice([P * 0.39, P * 0.1, P * 0.61, P * 0.32], 180, 360, fill=mix(blue, (0, 0, 0), 0.25))  # hood
    d.line([(P * 0.5, P * 0.22), (P * 0.5, P * 0.84)], fill=rgb("#1c3f5e"), width=int(P * 0.01))  # zip
    img = shine(img, [P * 0.36, P * 0.24, P * 0.42, P * 0.8], 0.2)
    return img


def lantern():
    img = gradient((P, P), "#1d2436", "#39304a")
    img = glow(img, (P * 0.5, P * 0.5), P * 0.35, "#ffc869", 0.55)
    d = ImageDraw.Draw(img)
    d.rectangle([0, P * 0.8, P, P], fill=rgb("#2a2436"))
    d.rounded_rectangle([P * 0.38, P * 0.36, P * 0.62, P * 0.72], radius=P * 0.04, fill=rgb("#ffe2a3"))  # glass
    d.rounded_rectangle([P * 0.35, P * 0.28, P * 0.65, P * 0.37], radius=P * 0.03, fill=rgb("#3d3d3d"))  # top
    d.rounded_rectangle([P * 0.35, P * 0.71, P * 0.65, P * 0.81], radius=P * 0.03, fill=rgb("#3d3d3d"))  # base
    d.arc([P * 0.4, P * 0.14, P * 0.6, P * 0.34], 180, 360, fill=rgb("#8a8a8a"), width=int(P * 0.015))  # handle
    img = glow(img, (P * 0.5, P * 0.54), P * 0.09, "#fff7dd", 0.9)
    return img


def fleece():
    img = backdrop("#eef0e6", "#cfd6bd")
    img = shadow(img, [P * 0.2, P * 0.8, P * 0.8, P * 0.88], 22 * SS)
    d = ImageDraw.Draw(img)
    green = rgb("#3f6b4a")
    d.polygon([(P * 0.32, P * 0.22), (P * 0.68, P * 0.22), (P * 0.7, P * 0.84), (P * 0.3, P * 0.84)], fill=green)
    d.polygon([(P * 0.32, P * 0.22), (P * 0.15, P * 0.42), (P * 0.2, P * 0.8), (P * 0.3, P * 0.78), (P * 0.3, P * 0.44)], fill=mix(green, (0, 0, 0), 0.12))
    d.polygon([(P * 0.68, P * 0.22), (P * 0.85, P * 0.42), (P * 0.8, P * 0.8), (P * 0.7, P * 0.78), (P * 0.7, P * 0.44)], fill=mix(green, (0, 0, 0), 0.12))
    d.rectangle([P * 0.42, P * 0.16, P * 0.58, P * 0.24], fill=mix(green, (0, 0, 0), 0.2))  # collar
    rng = random.Random(3)
    for _ in range(900):  # the grid fleece's texture
        x, y = rng.uniform(0.32, 0.68) * P, rng.uniform(0.26, 0.82) * P
        d.point((x, y), fill=mix(green, (255, 255, 255), 0.15))
    d.line([(P * 0.5, P * 0.2), (P * 0.5, P * 0.5)], fill=rgb("#d9d9d9"), width=int(P * 0.008))  # quarter zip
    return img


# ---------- stream covers, 1280x720 (the subject stays in the middle third, for phones' portrait crop) ----------

W, H = 1280 * SS, 720 * SS


def cover_glow_week():
    img = gradient((W, H), "#f9d9df", "#f1b9c4")
    rng = random.Random(7)
    for _ in range(26):  # bokeh of the studio lights
        x, y, r = rng.uniform(0, W), rng.uniform(0, H * 0.6), rng.uniform(30, 90) * SS
        img = glow(img, (x, y), r, "#fff3f6", rng.uniform(0.25, 0.5))
    d = ImageDraw.Draw(img)
    d.ellipse([W * 0.36, H * 0.06, W * 0.64, H * 0.72], fill=rgb("#fde9ee"), outline=rgb("#d9a441"), width=10 * SS)  # the vanity mirror
    d.rectangle([0, H * 0.7, W, H], fill=rgb("#e8c2a0"))  # the table
    img = shadow(img, [W * 0.3, H * 0.86, W * 0.7, H * 0.96], 20 * SS)
    d = ImageDraw.Draw(img)
    # The week's products on the table.
    d.rounded_rectangle([W * 0.36, H * 0.56, W * 0.42, H * 0.9], radius=20, fill=rgb("#c8741c"))
    d.rounded_rectangle([W * 0.375, H * 0.44, W * 0.405, H * 0.57], radius=18, fill=rgb("#2b2b2b"))
    d.rounded_rectangle([W * 0.45, H * 0.7, W * 0.57, H * 0.9], radius=18, fill=rgb("#fbfdff"))
    d.rounded_rectangle([W * 0.445, H * 0.64, W * 0.575, H * 0.71], radius=14, fill=rgb("#7fa7c9"))
    d.rounded_rectangle([W * 0.6, H * 0.6, W * 0.63, H * 0.9], radius=10, fill=rgb("#b3223f"))
    d.rounded_rectangle([W * 0.603, H * 0.5, W * 0.627, H * 0.61], radius=10, fill=rgb("#d9b36c"))
    d.polygon([(W * 0.2, H * 0.9), (W * 0.24, H * 0.62), (W * 0.28, H * 0.9)], fill=rgb("#f7f1e6"))  # a vase with a stem
    d.line([(W * 0.24, H * 0.62), (W * 0.25, H * 0.36)], fill=rgb("#5d8a5a"), width=6 * SS)
    d.ellipse([W * 0.23, H * 0.3, W * 0.27, H * 0.38], fill=rgb("#f27a97"))
    img = shine(img, [W * 0.365, H * 0.58, W * 0.375, H * 0.88], 0.4)
    return img


def mountains(img, layers, rng):
    d = ImageDraw.Draw(img)
    for base, color, jag in layers:
        points = [(0, H)]
        x = 0
        while x <= W:
            points.append((x, H * base - rng.uniform(0, jag) * H))
            x += rng.uniform(60, 160) * SS
        points += [(W, H)]
        d.polygon(points, fill=rgb(color))


def pines(d, y, color, rng, count, scale):
    for _ in range(count):
        x = rng.uniform(0, W)
        h = rng.uniform(60, 120) * SS * scale
        d.polygon([(x, y - h), (x - h * 0.25, y), (x + h * 0.25, y)], fill=rgb(color))


def cover_trail():
    img = gradient((W, H), "#f6b26b", "#fde6c4")
    img = glow(img, (W * 0.5, H * 0.42), 120 * SS, "#fff4d1", 0.9)  # sunrise
    rng = random.Random(11)
    mountains(img, [(0.6, "#b8877a", 0.25), (0.72, "#7d6a74", 0.2), (0.84, "#4b4f5e", 0.14)], rng)
    d = ImageDraw.Draw(img)
    pines(d, H * 0.95, "#2e3b33", rng, 40, 1.4)
    d.polygon([(W * 0.46, H), (W * 0.54, H), (W * 0.505, H * 0.78), (W * 0.495, H * 0.78)], fill=rgb("#c99a6b"))  # the trail
    d.rounded_rectangle([W * 0.47, H * 0.62, W * 0.53, H * 0.8], radius=14 * SS, fill=rgb("#e2672b"))  # a hiker's pack
    d.ellipse([W * 0.485, H * 0.54, W * 0.515, H * 0.61], fill=rgb("#3b2a22"))
    return img


def cover_camp_night():
    img = gradient((W, H), "#0d1530", "#2b2450")
    rng = random.Random(5)
    d = ImageDraw.Draw(img)
    for _ in range(260):
        x, y, r = rng.uniform(0, W), rng.uniform(0, H * 0.6), rng.uniform(1, 3) * SS
        d.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 235))
    mountains(img, [(0.7, "#1c2240", 0.2), (0.82, "#141a30", 0.1)], rng)
    img = glow(img, (W * 0.5, H * 0.78), 200 * SS, "#ffb347", 0.45)
    d = ImageDraw.Draw(img)
    d.polygon([(W * 0.38, H * 0.92), (W * 0.5, H * 0.52), (W * 0.62, H * 0.92)], fill=rgb("#f29b38"))  # the tent, lit inside
    d.polygon([(W * 0.47, H * 0.92), (W * 0.5, H * 0.66), (W * 0.53, H * 0.92)], fill=rgb("#ffdf9e"))
    pines(d, H * 0.96, "#0c1020", rng, 30, 1.3)
    return img


# ---------- app icons: a play button in a shopping tag ----------

def icon(size, maskable=False):
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        d.rectangle([0, 0, s, s], fill=rgb("#c8102e"))
        inset = s * 0.2
    else:
        d.rounded_rectangle([0, 0, s - 1, s - 1], radius=s * 0.22, fill=rgb("#c8102e"))
        inset = s * 0.12
    c, r = s / 2, (s / 2 - inset)
    d.ellipse([c - r, c - r, c + r, c + r], fill=(255, 255, 255))
    t = r * 0.55
    d.polygon([(c - t * 0.45, c - t * 0.8), (c - t * 0.45, c + t * 0.8), (c + t * 0.9, c)], fill=rgb("#c8102e"))
    d.ellipse([c + r * 0.55, c - r * 0.95, c + r * 0.95, c - r * 0.55], fill=rgb("#ffd24a"))  # the live dot
    return img.resize((size, size), Image.LANCZOS)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, draw in [("glow-serum", serum), ("glow-moisturizer", moisturizer), ("glow-tint", tint), ("glow-spf", sunscreen),
                       ("kite-daypack", daypack), ("kite-jacket", jacket), ("kite-lantern", lantern), ("kite-fleece", fleece)]:
        save(draw(), name + ".jpg", (600, 600))
    save(cover_glow_week(), "cover-glow-week.jpg", (1280, 720), 80)
    save(cover_trail(), "cover-trail.jpg", (1280, 720), 80)
    save(cover_camp_night(), "cover-camp-night.jpg", (1280, 720), 80)
    icon(32).save(os.path.join(WWW, "favicon.png"), optimize=True)
    icon(192).save(os.path.join(WWW, "icon-192.png"), optimize=True)
    icon(512).save(os.path.join(WWW, "icon-512.png"), optimize=True)
    icon(512, maskable=True).save(os.path.join(WWW, "icon-maskable-512.png"), optimize=True)


if __name__ == "__main__":
    main()
