"""Draw the routine pictures (data/routines/images/*.svg): calm outline figures, stroke only, no text.

Each pose is a head, body lines and a few props (floor, chair, wall, step). Run after changing a pose:
    .venv/bin/python resources/routine_images/draw_poses.py
The alt text for each picture lives with the steps that use it (the `image_alt` field of the routine files).
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "paincompanion" / "data" / "routines" / "images"
BODY = 'fill="none" stroke="#2f4858" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"'
PROP = 'fill="none" stroke="#8a9bab" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"'
FLOOR = [(10, 172), (190, 172)]
Point = tuple[float, float]

CHAIR_RIGHT = [[(95, 120), (138, 120)], [(138, 120), (140, 70)], [(98, 120), (98, 170)], [(135, 120), (135, 170)]]
CHAIR_FRONT_BACK = [[(70, 92), (130, 92)], [(72, 92), (72, 170)], [(128, 92), (128, 170)]]
CHAIR_LEFT = [[(22, 120), (60, 120)], [(60, 120), (62, 78)], [(25, 120), (25, 170)], [(57, 120), (57, 170)]]
SEAT_FRONT = [[(72, 118), (128, 118)], [(74, 118), (74, 170)], [(126, 118), (126, 170)], [(76, 60), (124, 60)]]
SEATED_LEGS = [[(120, 115), (86, 116), (86, 168), (74, 168)]]
SEATED = [(120, 115), (118, 66)]


def pose(head: Point, lines: list[list[Point]], props: list[list[Point]] = (), extra: str = "") -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">']
    for line in [FLOOR, *props]:
        parts.append(f'<polyline {PROP} points="{_pts(line)}"/>')
    parts.append(extra)
    for line in lines:
        parts.append(f'<polyline {BODY} points="{_pts(line)}"/>')
    parts.append(f'<circle {BODY} cx="{head[0]}" cy="{head[1]}" r="11"/>')
    parts.append("</svg>")
    return "\n".join(p for p in parts if p) + "\n"


def _pts(line: list[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in line)


def hand(fist: bool = False, thumb_touch: bool = False) -> str:
    """A hand seen from the palm side: palm, four fingers, thumb (outline only)."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">']
    if fist:
        parts.append(f'<rect {BODY} x="62" y="78" width="78" height="62" rx="22"/>')
        for x in (82, 100, 118):
            parts.append(f'<polyline {BODY} points="{x},80 {x},100"/>')
        parts.append(f'<polyline {BODY} points="70,118 96,112 112,118"/>')
        parts.append(f'<polyline {BODY} points="78,140 80,180 124,180 126,140"/>')
    else:
        parts.append(f'<rect {BODY} x="66" y="92" width="70" height="64" rx="18"/>')
        for x, top in ((74, 34), (92, 26), (110, 30), (127, 44)):
            parts.append(f'<rect {BODY} x="{x - 6}" y="{top}" width="13" height="{94 - top}" rx="6.5"/>')
        if thumb_touch:
            parts.append(f'<polyline {BODY} points="68,130 48,112 52,86 66,50"/>')
        else:
            parts.append(f'<polyline {BODY} points="68,134 42,118 30,96"/>')
        parts.append(f'<polyline {BODY} points="74,156 76,186 128,186 130,156"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


POSES: dict[str, str] = {
    "lying-knees-bent": pose(
        (34, 154), [[(47, 160), (100, 160)], [(100, 160), (128, 128), (150, 162), (162, 164)], [(56, 162), (96, 166)]]
    ),
    "lying-knee-to-chest": pose(
        (34, 154),
        [
            [(47, 160), (100, 160)],
            [(100, 160), (136, 164), (172, 166)],
            [(100, 158), (80, 128), (106, 138)],
            [(56, 158), (62, 138), (78, 130)],
        ],
    ),
    "bridge": pose(
        (34, 158),
        [[(47, 162), (100, 138)], [(100, 138), (130, 120), (150, 164), (162, 166)], [(56, 166), (96, 168)]],
    ),
    "side-lying": pose(
        (30, 148),
        [
            [(45, 160), (100, 160)],
            [(100, 160), (125, 140), (150, 162)],
            [(100, 156), (124, 122), (150, 155)],
            [(45, 164), (24, 166)],
            [(58, 156), (72, 166), (88, 166)],
        ],
    ),
    "hands-knees": pose(
        (45, 108), [[(60, 120), (122, 120)], [(60, 120), (60, 170)], [(122, 120), (122, 170), (162, 170)]]
    ),
    "cat-camel": pose(
        (45, 114),
        [[(60, 122), (90, 96), (122, 122)], [(60, 122), (60, 170)], [(122, 122), (122, 170), (162, 170)]],
    ),
    "bird-dog": pose(
        (55, 108),
        [
            [(70, 120), (125, 120)],
            [(70, 120), (22, 112)],
            [(72, 120), (72, 170)],
            [(125, 120), (125, 170), (158, 170)],
            [(125, 120), (160, 117), (192, 114)],
        ],
    ),
    "kneel-sit-back": pose(
        (66, 150),
        [[(140, 150), (84, 140)], [(140, 150), (110, 170), (150, 170)], [(86, 142), (56, 166), (28, 166)]],
    ),
    "sit-chair": pose((116, 50), [SEATED, *SEATED_LEGS, [(118, 72), (108, 96), (94, 110)]], CHAIR_RIGHT),
    "sit-knee-straight": pose(
        (116, 50),
        [
            SEATED,
            [(120, 115), (86, 116), (48, 112)],
            [(120, 117), (90, 120), (90, 168)],
            [(118, 72), (108, 96), (94, 110)],
        ],
        CHAIR_RIGHT,
    ),
    "sit-lean-stretch": pose(
        (74, 62),
        [
            [(112, 115), (86, 76)],
            [(112, 115), (78, 126), (44, 160)],
            [(112, 117), (90, 120), (92, 168)],
            [(86, 80), (72, 108), (64, 132)],
        ],
        CHAIR_RIGHT,
    ),
    "sit-to-stand": pose(
        (72, 56),
        [[(112, 106), (84, 68)], [(112, 106), (86, 128), (88, 168), (76, 168)], [(84, 72), (70, 94), (60, 108)]],
        CHAIR_RIGHT,
    ),
    "sit-hand-forehead": pose((116, 50), [SEATED, *SEATED_LEGS, [(118, 72), (96, 74), (104, 46)]], CHAIR_RIGHT),
    "sit-arms-forward": pose((116, 50), [SEATED, *SEATED_LEGS, [(118, 70), (72, 70)]], CHAIR_RIGHT),
    "sit-front": pose(
        (100, 40),
        [
            [(100, 52), (100, 110)],
            [(76, 64), (124, 64)],
            [(76, 64), (72, 90), (80, 112)],
            [(124, 64), (128, 90), (120, 112)],
            [(90, 112), (110, 112)],
            [(90, 112), (88, 168)],
            [(110, 112), (112, 168)],
        ],
        SEAT_FRONT,
    ),
    "sit-front-head-tilt": pose(
        (88, 44),
        [
            [(96, 56), (100, 64), (100, 110)],
            [(76, 64), (124, 64)],
            [(76, 64), (72, 90), (80, 112)],
            [(124, 64), (128, 90), (120, 112)],
            [(90, 112), (110, 112)],
            [(90, 112), (88, 168)],
            [(110, 112), (112, 168)],
        ],
        SEAT_FRONT,
    ),
    "stand-hold-chair": pose(
        (100, 46),
        [[(100, 60), (100, 115)], [(100, 115), (100, 168), (88, 168)], [(100, 68), (82, 82), (64, 80)]],
        CHAIR_LEFT,
    ),
    "stand-leg-back": pose(
        (96, 46),
        [
            [(98, 60), (102, 115)],
            [(102, 115), (100, 168), (88, 168)],
            [(102, 115), (130, 160)],
            [(98, 68), (80, 82), (64, 80)],
        ],
        CHAIR_LEFT,
    ),
    "stand-knee-bend-back": pose(
        (100, 46),
        [
            [(100, 60), (100, 115)],
            [(100, 115), (100, 168), (88, 168)],
            [(100, 115), (104, 142), (130, 132)],
            [(100, 68), (82, 82), (64, 80)],
        ],
        CHAIR_LEFT,
    ),
    "stand-leg-side": pose(
        (100, 38),
        [
            [(100, 50), (100, 110)],
            [(80, 62), (120, 62)],
            [(80, 62), (76, 80), (80, 92)],
            [(120, 62), (124, 80), (120, 92)],
            [(92, 110), (108, 110)],
            [(92, 110), (88, 168)],
            [(108, 110), (142, 160)],
        ],
        CHAIR_FRONT_BACK,
    ),
    "mini-squat": pose(
        (96, 54),
        [[(108, 120), (98, 70)], [(108, 120), (92, 142), (102, 168), (90, 168)], [(98, 76), (80, 88), (66, 95)]],
        [[(14, 95), (66, 95)], [(64, 95), (64, 170)]],
    ),
    "step-up": pose(
        (100, 42),
        [
            [(104, 108), (102, 58)],
            [(104, 108), (82, 126), (78, 148), (66, 148)],
            [(104, 108), (110, 140), (116, 168)],
            [(102, 64), (88, 76), (74, 78)],
        ],
        [[(30, 150), (92, 150), (92, 170)], [(26, 78), (96, 78)]],
    ),
    "walking": pose(
        (100, 42),
        [
            [(100, 56), (100, 110)],
            [(100, 110), (86, 138), (78, 166), (68, 166)],
            [(100, 110), (112, 138), (126, 162)],
            [(100, 64), (88, 88), (84, 106)],
            [(100, 64), (112, 86), (124, 98)],
        ],
    ),
    "stand-arms-forward": pose(
        (100, 44),
        [[(100, 58), (102, 112)], [(102, 112), (96, 140), (100, 168), (88, 168)], [(100, 66), (70, 66), (46, 66)]],
    ),
    "stand-front": pose(
        (100, 38),
        [
            [(100, 50), (100, 110)],
            [(80, 62), (120, 62)],
            [(80, 62), (74, 88), (72, 110)],
            [(120, 62), (126, 88), (128, 110)],
            [(90, 110), (110, 110)],
            [(90, 110), (84, 168)],
            [(110, 110), (116, 168)],
        ],
    ),
    "long-sit": pose(
        (138, 96),
        [[(140, 164), (140, 110)], [(140, 164), (60, 164)], [(140, 116), (124, 140), (108, 158)]],
        [[(152, 40), (152, 170)]],
    ),
    "long-sit-knee-bent": pose(
        (138, 96),
        [
            [(140, 164), (140, 110)],
            [(140, 164), (60, 164)],
            [(140, 162), (112, 132), (92, 164)],
            [(140, 116), (124, 138), (112, 134)],
        ],
        [[(152, 40), (152, 170)]],
    ),
    "wall-slide": pose(
        (92, 44),
        [[(94, 58), (96, 112)], [(96, 112), (94, 168), (82, 168)], [(94, 66), (66, 64), (46, 40)]],
        [[(40, 24), (40, 170)]],
    ),
    "shoulder-rotation": pose(
        (100, 38),
        [
            [(100, 50), (100, 110)],
            [(80, 62), (120, 62)],
            [(80, 62), (80, 92), (56, 88)],
            [(120, 62), (120, 92), (144, 88)],
            [(90, 110), (110, 110)],
            [(90, 110), (86, 168)],
            [(110, 110), (114, 168)],
        ],
        [[(56, 88), (144, 88)]],
    ),
    "lean-table-arm-hang": pose(
        (70, 78),
        [
            [(130, 104), (86, 86)],
            [(130, 104), (126, 168)],
            [(130, 104), (146, 168)],
            [(88, 88), (80, 100)],
            [(96, 90), (98, 124), (100, 150)],
        ],
        [[(18, 100), (82, 100)], [(22, 100), (22, 170)], [(78, 100), (78, 170)]],
    ),
    "wheelchair": pose(
        (116, 48),
        [[(120, 110), (118, 64)], [(120, 110), (86, 112), (82, 150), (70, 152)], [(118, 70), (108, 94), (94, 106)]],
        [[(80, 114), (136, 114)], [(136, 114), (142, 64)], [(84, 150), (66, 162)]],
        extra=f'<circle {PROP} cx="114" cy="138" r="32"/><circle {PROP} cx="72" cy="166" r="5"/>',
    ),
    "wheelchair-arms-forward": pose(
        (116, 48),
        [[(120, 110), (118, 64)], [(120, 110), (86, 112), (82, 150), (70, 152)], [(118, 70), (72, 70)]],
        [[(80, 114), (136, 114)], [(136, 114), (142, 64)], [(84, 150), (66, 162)]],
        extra=f'<circle {PROP} cx="114" cy="138" r="32"/><circle {PROP} cx="72" cy="166" r="5"/>',
    ),
    "hand-open": hand(),
    "hand-fist": hand(fist=True),
    "hand-thumb-touch": hand(thumb_touch=True),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, svg in POSES.items():
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"{len(POSES)} pictures in {OUT}")


if __name__ == "__main__":
    main()
