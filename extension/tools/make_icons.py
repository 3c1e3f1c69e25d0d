"""Draw the extension's toolbar icons (a lens over three coloured lines) into icons/."""

from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
SIZES = (16, 32, 48, 128)
LINE_COLOURS = ("#1a7f37", "#bf8700", "#cf222e")


def draw_icon(size: int) -> Image.Image:
    """Draw at 8x and scale down, which keeps the small sizes smooth."""
    big = size * 8
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill="#ffffff")
    for row, colour in enumerate(LINE_COLOURS):
        top = big * (0.22 + row * 0.17)
        pen.rectangle((big * 0.14, top, big * 0.62, top + big * 0.08), fill=colour)
    ring = big * 0.07
    box = (big * 0.38, big * 0.30, big * 0.80, big * 0.72)
    pen.ellipse(box, outline="#0b3d91", width=int(ring))
    pen.line(
        (big * 0.74, big * 0.66, big * 0.92, big * 0.86), fill="#0b3d91", width=int(ring * 1.4)
    )
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    ICON_DIR.mkdir(exist_ok=True)
    for size in SIZES:
        draw_icon(size).save(ICON_DIR / f"icon-{size}.png")


if __name__ == "__main__":
    main()
