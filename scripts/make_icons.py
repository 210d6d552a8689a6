"""Draw Kenal's app icons (home screen, maskable, favicon) as PNG files under kenal/static/kenal/icons/.

Run once after changing the design; the PNGs are committed, so nothing is drawn at install or run time:
    .venv/bin/pip install Pillow && .venv/bin/python scripts/make_icons.py
The mark is a white "K" with a small dot (a person) on Kenal's blue; the maskable icon keeps it inside the
safe zone (the centre 80%) so Android can crop it to any shape.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = (15, 95, 166, 255)
WHITE = (255, 255, 255, 255)
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf")
OUT = Path(__file__).resolve().parents[1] / "kenal" / "static" / "kenal" / "icons"


def font(size: int):
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw(size: int, *, maskable: bool = False, rounded: bool = True) -> Image.Image:
    scale = 4  # draw large, shrink smoothly
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable or not rounded:
        pen.rectangle((0, 0, big, big), fill=BLUE)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BLUE)
    content = big * (0.56 if maskable else 0.7)  # the maskable mark stays inside the 80% safe zone
    letter = font(int(content))
    box = pen.textbbox((0, 0), "K", font=letter)
    width, height = box[2] - box[0], box[3] - box[1]
    x, y = (big - width) / 2 - box[0] - content * 0.06, (big - height) / 2 - box[1]
    pen.text((x, y), "K", font=letter, fill=WHITE)
    dot = content * 0.13
    cx, cy = x + box[2] + dot * 0.9, y + box[1] + dot
    pen.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192).save(OUT / "icon-192.png", optimize=True)
    draw(512).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw(180, rounded=False).save(OUT / "apple-touch-icon.png", optimize=True)
    draw(32).save(OUT / "favicon-32.png", optimize=True)
    draw(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    for path in sorted(OUT.iterdir()):
        print(path.name, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
