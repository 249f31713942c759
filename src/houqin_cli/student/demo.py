"""The registry's part of `houqin demo`: a few students in the demo's classes."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


def fill(s: Session, rng: random.Random) -> dict[str, int]:
    from sqlalchemy import text

    from houqin_cli.student import service

    classes = [c for (c,) in s.execute(text("SELECT code FROM unit WHERE kind = 'class'"))]
    if not classes:
        return {"students": 0}
    for i, name in enumerate(NAMES):
        klass = classes[i % len(classes)]
        phone = f"13{rng.randrange(10**9):09d}"
        service.add(s, name, klass, gender="男女"[i % 2], boarding=i % 3 == 0,
                    guardian=name[0] + "家长", phone=phone)  # fmt: skip
    return {"students": len(NAMES)}
