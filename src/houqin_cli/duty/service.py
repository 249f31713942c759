"""Duty's writes: posts, the roster (made by the fairness rule of fair.py), swaps,
leave (its shifts reassigned), check-in and check-out, patrols, 查岗. Every rule checked
first; each write ends with its journal entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, journal, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.tx import reader_of
from houqin_cli.duty import fair, reads
from houqin_cli.duty.models import DutyIncident, DutyLeave, DutyPost, Inspection, Patrol, Shift
from houqin_cli.duty.vocab import KINDS, LOGISTICS, is_night, parse_span, window
from houqin_cli.people.service import find_person, find_place, find_unit
from houqin_cli.people.vocab import ROLES, choice, clean_name


def _pool(session: Session, text: str | None) -> str:
    """A pool as stored: the logistics staff, a role, or people named (comma-separated)."""
    if text is None or text.strip().lower() in ("", LOGISTICS, "后勤", "后勤人员"):
        return LOGISTICS
    t = text.strip()
    by_label = {label: role for role, label in ROLES.items()}
    role = by_label.get(t) or (t.lower() if t.lower() in ROLES else None)
    if role:
        return f"role:{role}"
    ids = [
        find_person(session, part).id for part in t.replace("，", ",").split(",") if part.strip()
    ]
    return "people:" + ",".join(str(i) for i in dict.fromkeys(ids))


def add_post(
    session: Session,
    name: str,
    shift: str,
    *,
    division: str | None = None,
    kind: str = "gate",
    pool: str | None = None,
    holiday_pool: str | None = None,
) -> DutyPost:
    name = clean_name(name, "duty post")
    start, end = parse_span(shift)
    k = choice(kind, KINDS, "--kind")
    unit = find_unit(session, division) if division else None
    if session.execute(select(col(DutyPost.id)).where(col(DutyPost.name) == name)).first():
        raise RuleError(_("A duty post named {name} already exists.").format(name=name))
    p, hp = _pool(session, pool), _pool(session, holiday_pool)
    r = reader_of(session)
    for spec, option in ((p, "--pool"), (hp, "--holiday-pool")):
        if not reads.pool_people(r, spec):
            raise RuleError(
                _("The {option} of {name} ({pool}) holds no one still here; give a role "
                  "or people who can take the shifts.").format(
                    option=option, name=name, pool=reads.pool_text(r, spec))
            )  # fmt: skip
    post = DutyPost(
        code=next_code(session, "GW", model=DutyPost),
        name=name,
        initials=names.initials(name),
        kind=k,
        start_min=start,
        end_min=end,
        division_id=unit.id if unit else None,
        pool=p,
        holiday_pool=hp,
    )
    session.add(post)
    session.flush()
    journal.record(session, "duty.post.add", post, {"name": name, "shift": shift, "kind": k,
                   "pool": p, "holiday_pool": hp})  # fmt: skip
    return post


def _id(record: Any) -> int:
    return int(record.id)


def _away(leaves: dict[int, list[tuple[date, date]]]) -> Any:
    def away(person: int, day: date) -> bool:
        return any(s <= day <= e for s, e in leaves.get(person, ()))

    return away


def _state(r: Any, first: date, last: date, posts: dict[int, reads.Post]) -> fair.State:
    """The rotation's state before `first`, and the shifts already held around the range."""
    state = fair.State()
    state.count, state.last = reads.counts_before(r, first)
    for s in reads.shifts(r, first - timedelta(days=2), last + timedelta(days=2)):
        post = posts[s.post]
        a, b = window(s.day, post.start, post.end)
        state.busy.setdefault(s.person, []).append((a, b, post.night))
        if post.night:
            k = (s.person, s.day.year, s.day.month)
            state.nights[k] = state.nights.get(k, 0) + 1
        if post.kind == "week":
            state.weeks[(post.id, s.day.isocalendar()[:2])] = s.person
    return state


def _slot(
    post: reads.Post, day: date, holiday: bool, pools: dict[str, tuple[int, ...]]
) -> fair.Slot:
    a, b = window(day, post.start, post.end)
    spec = post.holiday_pool if holiday else post.pool
    week = day.isocalendar()[:2] if post.kind == "week" else None
    return fair.Slot(post.id, day, a, b, post.night, pools[spec], week)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def make_roster(
    session: Session, first: date, last: date, *, post: str | None = None, replace: bool = False
) -> dict[str, Any]:
    """Every shift of the range by the fairness rule; exit 3 over a range already rostered
    (unless `replace`, which keeps the shifts already checked in)."""
    if last < first:
        raise InputError(_("--to {to} is before --from {first}.").format(to=last, first=first))
    if (last - first).days > 400:
        raise InputError(_("A roster covers at most 400 days at a time."))
    r = reader_of(session)
    all_posts = {p.id: p for p in reads.posts(r)}
    chosen = [reads.find_post(r, post)] if post else list(all_posts.values())
    if not chosen:
        raise RuleError(_("No duty posts yet; add one with `houqin duty post add`."))
    school = reads.SchoolDays(r)
    days = _days(first, last)
    school_day = {d: school(d) for d in days}  # a year without holiday data: exit 3 here
    ids = [p.id for p in chosen]
    existing = [s for s in reads.shifts(r, first, last) if s.post in ids]
    kept = {(s.post, s.day) for s in existing if s.checkin_at is not None}
    if existing and not replace:
        raise RuleError(
            _("{first} to {last} is already rostered ({n} shifts); give --replace to make it "
              "again (shifts already checked in are kept).").format(
                first=first, last=last, n=len(existing))
        )  # fmt: skip
    if existing:
        gone = [s.id for s in existing if (s.post, s.day) not in kept]
        for row in session.execute(select(Shift).where(col(Shift.id).in_(gone))).scalars():
            session.delete(row)
        session.flush()
    r = reader_of(session)
    pools: dict[str, tuple[int, ...]] = {}
    for p in chosen:
        for spec in (p.pool, p.holiday_pool):
            if spec not in pools:
                pools[spec] = tuple(reads.pool_people(r, spec))
    state = _state(r, first, last, all_posts)
    away = _away(reads.leaves(r, first, last))
    max_nights = settings.read(r, "duty.max_nights_per_month")["duty.max_nights_per_month"]
    made: list[Shift] = []
    for day in days:
        for p in sorted(chosen, key=lambda p: (p.start, p.code)):
            if (p.id, day) in kept or (p.kind == "week" and not school_day[day]):
                continue
            holiday = not school_day[day]
            slot = _slot(p, day, holiday, pools)
            who = fair.pick(state, slot, max_nights, away)
            if who is None:
                raise RuleError(
                    _("No one of the pool of {post} can take {day}: all are on leave, on "
                      "another shift, resting after a night, or at the month's most nights "
                      "(duty.max_nights_per_month).").format(post=p.name, day=day)
                )  # fmt: skip
            state.take(who, slot)
            made.append(Shift(post_id=p.id, day=day, person_id=who, holiday=holiday))
    session.add_all(made)
    session.flush()
    journal.append(session, "duty.roster.make", "duty_shift", payload={
        "from": first.isoformat(), "to": last.isoformat(),
        "posts": [p.code for p in chosen], "shifts": len(made), "replace": replace})  # fmt: skip
    return {"shifts": len(made), "kept": len(kept), "posts": len(chosen)}


def _shift_on(session: Session, day: date, post_text: str) -> tuple[Shift, reads.Post]:
    r = reader_of(session)
    post = reads.find_post(r, post_text)
    shift = session.execute(
        select(Shift).where(col(Shift.post_id) == post.id, col(Shift.day) == day)
    ).scalar_one_or_none()
    if shift is None:
        raise RuleError(_("No one is rostered on {post} on {day}; make the roster with "
                          "`houqin duty roster make`.").format(post=post.name, day=day))  # fmt: skip
    return shift, post


def _on_leave(session: Session, person_id: int, day: date) -> DutyLeave | None:
    return session.execute(
        select(DutyLeave).where(
            col(DutyLeave.person_id) == person_id, col(DutyLeave.start) <= day,
            col(DutyLeave.end) >= day)
    ).scalars().first()  # fmt: skip


def swap(session: Session, day: date, post_text: str, a: str, b: str) -> tuple[Any, Any]:
    """PERSON_A's shift on POST that day goes to PERSON_B; if B holds a shift that day on
    another post, A takes it (both journalled)."""
    shift, post = _shift_on(session, day, post_text)
    pa, pb = find_person(session, a), find_person(session, b)
    if shift.person_id != pa.id:
        raise RuleError(_("{name} is not rostered on {post} on {day}.").format(
            name=pa.name, post=post.name, day=day))  # fmt: skip
    if pa.id == pb.id:
        raise InputError(_("Give two different people."))
    leave = _on_leave(session, _id(pb), day)
    if leave is not None:
        raise RuleError(_("{name} is on leave from {start} to {end}; swap with someone else.")
                        .format(name=pb.name, start=leave.start, end=leave.end))  # fmt: skip
    other = (
        session.execute(select(Shift).where(col(Shift.person_id) == pb.id, col(Shift.day) == day))
        .scalars()
        .first()
    )
    shift.person_id = _id(pb)
    session.flush()
    journal.append(session, "duty.swap", "duty_shift", entity_id=shift.id, payload={
        "date": day.isoformat(), "post": post.code, "from": pa.code, "to": pb.code})  # fmt: skip
    if other is not None:
        other.person_id = _id(pa)
        session.flush()
        journal.append(session, "duty.swap", "duty_shift", entity_id=other.id, payload={
            "date": day.isoformat(), "from": pb.code, "to": pa.code})  # fmt: skip
    return pa, pb


def leave(
    session: Session, person: str, first: date, last: date, reason: str, approved_by: str | None
) -> list[tuple[date, str, str]]:
    """Leave; the person's shifts in it go to others by the fairness rule. Returns (day,
    post, to whom) for each reassigned shift."""
    p = find_person(session, person)
    if last < first:
        raise InputError(_("--to {to} is before --from {first}.").format(to=last, first=first))
    if not reason.strip():
        raise InputError(_("Give --reason."))
    approver = find_person(session, approved_by) if approved_by else None
    if approver is not None and approver.id == p.id:
        raise RuleError(_("{name} cannot approve their own leave.").format(name=p.name))
    row = DutyLeave(person_id=_id(p), start=first, end=last, reason=reason.strip(),
                    approved_by_id=approver.id if approver else None)  # fmt: skip
    session.add(row)
    session.flush()
    r = reader_of(session)
    posts = {x.id: x for x in reads.posts(r)}
    mine = [s for s in reads.shifts(r, first, last, "s.person_id = :me", me=p.id)
            if s.checkin_at is None]  # fmt: skip
    moved: list[tuple[date, str, str]] = []
    if mine:
        school = reads.SchoolDays(r)
        pools: dict[str, tuple[int, ...]] = {}
        state = _state(r, first, last, posts)
        away = _away(reads.leaves(r, first, last))
        max_nights = settings.read(r, "duty.max_nights_per_month")["duty.max_nights_per_month"]
        people = {int(i): (c, n) for i, c, n in r.rows("SELECT id, code, name FROM person")}
        for s in mine:
            post = posts[s.post]
            for spec in (post.pool, post.holiday_pool):
                pools.setdefault(spec, tuple(reads.pool_people(r, spec)))
            slot = _slot(post, s.day, not school(s.day), pools)
            state.busy[_id(p)] = []  # their own shifts no longer bind
            if slot.week:
                state.weeks.pop((post.id, slot.week), None)
            who = fair.pick(state, slot, max_nights, away, exclude=[_id(p)])
            if who is None:
                raise RuleError(_("No one can take {name}'s shift on {post} on {day}.").format(
                    name=p.name, post=post.name, day=s.day))  # fmt: skip
            state.take(who, slot)
            shift = session.get(Shift, s.id)
            assert shift is not None
            shift.person_id = who
            moved.append((s.day, post.name, people[who][1]))
        session.flush()
    journal.append(session, "duty.leave", "duty_leave", entity_id=row.id, payload={
        "person": p.code, "from": first.isoformat(), "to": last.isoformat(), "reason": reason,
        "approved_by": approver.code if approver else None,
        "reassigned": [[d.isoformat(), post, who] for d, post, who in moved]})  # fmt: skip
    return moved


def _current_shift(session: Session, post: reads.Post, at: datetime) -> Shift | None:
    """The post's shift whose window (from an hour before its start) holds `at`."""
    local = at.replace(tzinfo=None)
    for day in (local.date(), local.date() - timedelta(days=1)):
        a, b = window(day, post.start, post.end)
        if a - timedelta(hours=1) <= local < b:
            found = session.execute(
                select(Shift).where(col(Shift.post_id) == post.id, col(Shift.day) == day)
            ).scalar_one_or_none()
            if found is not None:
                return found
    return None


def moment(session: Session, text: str | None) -> datetime:
    """--time in the school's zone (default now); never after now (exit 2)."""
    tz = settings.timezone(session)
    now = clock.now(tz).astimezone(tz)
    if not text:
        return now
    when = clock.parse_datetime(text, tz).astimezone(tz)
    if when > now:
        raise InputError(_("{time} is after now: nothing can be recorded as done in the future.")
                         .format(time=when.strftime("%Y-%m-%d %H:%M")))  # fmt: skip
    return when


def checkin(
    session: Session, post_text: str, by: str | None, at: datetime, cover: str | None
) -> tuple[Shift, bool]:
    r = reader_of(session)
    post = reads.find_post(r, post_text)
    shift = _current_shift(session, post, at)
    if shift is None:
        raise RuleError(_("No shift of {post} is on at {time}.").format(
            post=post.name, time=at.strftime("%Y-%m-%d %H:%M")))  # fmt: skip
    if shift.checkin_at is not None:
        raise RuleError(_("{post}'s shift of {day} is already checked in.").format(
            post=post.name, day=shift.day))  # fmt: skip
    person = find_person(session, by) if by else None
    pid = person.id if person else shift.person_id
    if pid != shift.person_id:
        if not (cover and cover.strip()):
            raise RuleError(_("{name} is not rostered on {post} on {day}; give --cover with a "
                              "reason to stand in.").format(
                name=person.name if person else "?", post=post.name, day=shift.day))  # fmt: skip
        shift.cover_reason = cover.strip()
    start = window(shift.day, post.start, post.end)[0].replace(tzinfo=at.tzinfo)
    grace = settings.get(session, "duty.checkin_grace_minutes")
    shift.late = at > start + timedelta(minutes=grace)
    shift.checkin_at = clock.iso_utc(at)
    shift.checkin_by_id = pid
    session.flush()
    journal.append(session, "duty.checkin", "duty_shift", entity_id=shift.id, payload={
        "post": post.code, "day": shift.day.isoformat(), "by": pid, "late": shift.late,
        "cover": shift.cover_reason})  # fmt: skip
    return shift, shift.late


def checkout(session: Session, post_text: str, at: datetime) -> Shift:
    r = reader_of(session)
    post = reads.find_post(r, post_text)
    shift = session.execute(
        select(Shift).where(col(Shift.post_id) == post.id, col(Shift.checkin_at).is_not(None),
                            col(Shift.checkout_at).is_(None)).order_by(col(Shift.day).desc())
    ).scalars().first()  # fmt: skip
    if shift is None:
        raise RuleError(_("No checked-in shift of {post} to check out.").format(post=post.name))
    shift.checkout_at = clock.iso_utc(at)
    session.flush()
    journal.append(session, "duty.checkout", "duty_shift", entity_id=shift.id,
                   payload={"post": post.code, "day": shift.day.isoformat()})  # fmt: skip
    return shift


def patrol(session: Session, by: str, note: str, place: str | None, at: datetime) -> Patrol:
    person = find_person(session, by)
    if not note.strip():
        raise InputError(_("Give --note: what the round found."))
    where = find_place(session, place) if place else None
    local = at.replace(tzinfo=None)
    shift_id = None
    r = reader_of(session)
    posts = {p.id: p for p in reads.posts(r)}
    for s in reads.shifts(r, local.date() - timedelta(days=1), local.date(),
                          "s.person_id = :me", me=person.id):  # fmt: skip
        a, b = window(s.day, posts[s.post].start, posts[s.post].end)
        if a <= local < b:
            shift_id = s.id
    row = Patrol(person_id=_id(person), shift_id=shift_id, at=clock.iso_utc(at), note=note.strip(),
                 place_id=where.id if where else None)  # fmt: skip
    session.add(row)
    session.flush()
    journal.append(session, "duty.patrol", "duty_patrol", entity_id=row.id,
                   payload={"by": person.code, "note": row.note})  # fmt: skip
    return row


def inspect(
    session: Session, post_text: str, inspector: str, present: bool, note: str | None, at: datetime
) -> Inspection:
    r = reader_of(session)
    post = reads.find_post(r, post_text)
    who = find_person(session, inspector)
    shift = _current_shift(session, post, at)
    if shift is None:
        raise RuleError(_("No shift of {post} is on at {time}.").format(
            post=post.name, time=at.strftime("%Y-%m-%d %H:%M")))  # fmt: skip
    if who.id == shift.person_id:
        raise RuleError(_("{name} is on duty at {post}; someone else inspects.").format(
            name=who.name, post=post.name))  # fmt: skip
    row = Inspection(shift_id=_id(shift), inspector_id=_id(who), at=clock.iso_utc(at),
                     present=present, note=note)  # fmt: skip
    session.add(row)
    session.flush()
    journal.append(session, "duty.inspect", "duty_inspection", entity_id=row.id, payload={
        "post": post.code, "day": shift.day.isoformat(), "present": present})  # fmt: skip
    return row


def is_night_post(post: DutyPost) -> bool:
    return is_night(post.start_min, post.end_min, post.kind)


def record_wages(
    session: Session,
    month: str,
    *,
    handler: str,
    acceptor: str,
    reviewer: str,
    approvers: list[str],
) -> tuple[str, int]:
    """The month's hired guards' wages entered as one service expense through the audit
    group's receipt (三人签字), so the monthly statement shows it."""
    from houqin_cli.audit.finance import receipts
    from houqin_cli.core import money

    r = reader_of(session)
    rows, _first, last = reads.wage_rows(r, month)
    total = sum(row["amount"] for row in rows)
    if total <= 0:
        raise RuleError(_("No hired guard's wage to record for {month}.").format(month=month))
    actor = session.info["actor"]
    today = clock.today(settings.timezone(session))
    day = min(last, today)
    invoice = f"护校工资-{month}"
    receipt = receipts.add_receipt(
        session, actor, supplier=_("Hired duty staff"), invoice=invoice, invoice_date=day,
        amount=money.money_str(total), category_text="other", handler=handler,
        acceptor=acceptor, reviewer=reviewer, approvers=approvers, stock=[], assets=[],
        service=True, day=day, note=_("Duty wages {month}").format(month=month),
    )  # fmt: skip
    journal.record(session, "duty.wages.record", receipt, {"month": month, "total": total,
                   "guards": [row["code"] for row in rows]})  # fmt: skip
    return receipt.code, total


def incident(
    session: Session, day: date, post_text: str, what: str, asset: str | None
) -> tuple[DutyIncident, str, str | None]:
    """Property lost or damaged during a shift: who was on duty is named; with an asset,
    a human-cause damage against them (照价赔偿), which the office can waive."""
    shift, post = _shift_on(session, day, post_text)
    if not what.strip():
        raise InputError(_("Give --what: what was lost or damaged."))
    r = reader_of(session)
    [(code, name)] = r.rows("SELECT code, name FROM person WHERE id = :id", {"id": shift.person_id})
    damage_code = None
    if asset:
        from houqin_cli.asset import damages

        d = damages.damage(session, session.info["actor"], asset, "human", str(code), None, None,
                           what.strip(), source=f"duty {post.code} {day.isoformat()}")  # fmt: skip
        damage_code = d.code
    row = DutyIncident(day=day, shift_id=_id(shift), person_id=shift.person_id,
                       what=what.strip(), damage=damage_code)  # fmt: skip
    session.add(row)
    session.flush()
    journal.append(session, "duty.incident", "duty_incident", entity_id=row.id, payload={
        "date": day.isoformat(), "post": post.code, "on_duty": code, "what": row.what,
        "damage": damage_code})  # fmt: skip
    return row, str(name), damage_code


def vacation(session: Session, summer: bool) -> tuple[date, date]:
    """The next summer (after a spring term) or winter (after an autumn term) vacation,
    from the term dates: the day after the term ends to the day before the next starts."""
    r = reader_of(session)
    today = clock.today(settings.timezone(session))
    terms = r.rows('SELECT name, start, "end" FROM term ORDER BY start')
    dated = [(str(n), clock.stored_date(s), clock.stored_date(e)) for n, s, e in terms]
    for (_name, _s, end), (_n, start, _e) in zip(dated, dated[1:], strict=False):
        assert end is not None and start is not None
        is_summer = end.month in (6, 7, 8)
        if is_summer == summer and start > today:
            return end + timedelta(days=1), start - timedelta(days=1)
    raise RuleError(
        _("No {which} vacation ahead between two terms; add the next term with "
          "`houqin term add`.").format(which=_("summer") if summer else _("winter"))
    )  # fmt: skip
