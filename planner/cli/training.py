"""Training commands: lessons, sessions, answers and the monthly export.

`planner lessons list|check FILE`; `planner --as NAME training session add|list`,
`planner --as NAME training answer EXERCISE`, `planner training export --month YYYY-MM`.
The services check the role exactly as for the pages (answers go to training accounts only).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError, fail
from planner.cli.output import JsonOpt, emit

lessons_app = typer.Typer(no_args_is_help=True, help="Training lessons: list and check files.")
training_app = typer.Typer(no_args_is_help=True, help="Training sessions, answers, export.")
session_app = typer.Typer(no_args_is_help=True, help="Training sessions: add and list.")
training_app.add_typer(session_app, name="session")


def register(app: typer.Typer) -> None:
    """Add the `lessons` and `training` groups to `app`."""
    app.add_typer(lessons_app, name="lessons")
    app.add_typer(training_app, name="training")


@lessons_app.command("list")
def lessons_list(as_json: JsonOpt = False) -> None:
    """The lessons (shipped and the trainers' own) and the files that are refused."""
    from planner.training.lessons import load_lessons

    lessons, problems = load_lessons()
    rows = [
        {"id": x.id, "title": x.title["id"], "exercise": x.exercise.key, "origin": x.origin}
        for x in lessons
    ]
    lines = [f"{r['id']}  {r['title']}  (exercise {r['exercise']}, {r['origin']})" for r in rows]
    lines += [f"refused: {p}" for p in problems]
    emit({"lessons": rows, "problems": [str(p) for p in problems]}, as_json, lines)


@lessons_app.command("check")
def lessons_check(
    path: Annotated[Path, typer.Argument(help="A lesson YAML file.")], as_json: JsonOpt = False
) -> None:
    """Check one lesson file: exit 1 with file, line and reason when it is broken."""
    from planner.training.lessons import LessonProblem, load_file

    try:
        lesson = load_file(path)
    except LessonProblem as exc:
        emit({"ok": False, "error": str(exc)}, as_json, [])
        fail(str(exc))
    emit({"ok": True, "id": lesson.id}, as_json, [f"{path.name}: ok ({lesson.id})"])


def _when(text: str) -> datetime:
    from planner.config import get_settings

    try:
        local = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{text!r} is not a date and time (write 2026-11-20T09:00)") from exc
    return local if local.tzinfo else local.replace(tzinfo=get_settings().tz)


@session_app.command("add")
def session_add(
    when: Annotated[str, typer.Option("--at", help="Local start, e.g. 2026-11-20T09:00.")],
    topic: Annotated[str, typer.Option(help="What the session was about.")],
    place: Annotated[str, typer.Option(help="Where.")] = "",
    lesson: Annotated[list[str] | None, typer.Option(help="A lesson id covered (repeat).")] = None,
    attendee: Annotated[
        list[str] | None,
        typer.Option(help="A user name or an outside participant's name who came (repeat)."),
    ] = None,
    absent: Annotated[
        list[str] | None, typer.Option(help="Someone expected who did not come (repeat).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a training session with who came."""
    from planner.db import session_scope
    from planner.people.users import find_user
    from planner.training.sessions import Person, SessionInput, add_session

    actor = acting_user()
    with session_scope() as session:
        people = []
        for names, came in ((attendee or [], True), (absent or [], False)):
            for name in names:
                user = find_user(session, name.strip())
                if user is not None:
                    people.append(Person(user_id=user.id, attended=came))
                else:
                    people.append(Person(name=name, attended=came))
        row = add_session(
            session,
            actor=actor,
            data=SessionInput(
                starts_at=_when(when),
                topic=topic,
                place=place,
                lessons=list(lesson or []),
                attendees=people,
            ),
        )
        data = {"ok": True, "session": row.id, "attendees": len(people)}
    emit(data, as_json, [f"session #{data['session']} added ({data['attendees']} attendees)"])


@session_app.command("list")
def session_list(as_json: JsonOpt = False) -> None:
    """Every session, newest first, with how many came."""
    from planner.db import session_scope
    from planner.training.sessions import all_sessions, attendee_name, attendees

    with session_scope() as session:
        rows = []
        for s in all_sessions(session):
            people = attendees(session, s.id)
            rows.append(
                {
                    "session": s.id,
                    "starts_at": s.starts_at,
                    "topic": s.topic,
                    "attended": [attendee_name(session, p) for p in people if p.attended],
                    "expected": len(people),
                }
            )
    lines = [
        f"#{r['session']}  {r['starts_at']:%Y-%m-%d %H:%M} UTC  {r['topic']}  "
        f"({len(r['attended'])}/{r['expected']} came)"
        for r in rows
    ]
    emit({"sessions": rows}, as_json, lines or ["no training sessions"])


@training_app.command("answer")
def training_answer(
    exercise: Annotated[str, typer.Argument(help="The exercise key.")],
    account: Annotated[list[int], typer.Option(help="A training account id (repeat).")],
    text: Annotated[list[str], typer.Option(help="PLATFORM=TEXT (repeat).")],
    alt_text: Annotated[str, typer.Option("--alt-text")] = "",
    link: str = "",
    as_json: JsonOpt = False,
) -> None:
    """Hand in an answer to an exercise (training accounts only) and print its checklist."""
    from sqlmodel import select

    from planner.db import session_scope
    from planner.models import TrainingExercise
    from planner.training.feedback import item_from
    from planner.training.submissions import AnswerInput, answer_exercise

    texts = dict(part.split("=", 1) for part in text if "=" in part)
    if len(texts) != len(text):
        raise UserError("give each text as PLATFORM=TEXT, e.g. --text 'x=Yuk datang!'")
    actor = acting_user()
    with session_scope() as session:
        row = session.exec(select(TrainingExercise).where(TrainingExercise.key == exercise)).first()
        if row is None:
            raise UserError(f"there is no exercise {exercise!r}")
        answer = AnswerInput(texts=texts, account_ids=account, alt_text=alt_text, link=link)
        sub = answer_exercise(session, actor=actor, exercise_id=row.id, answer=answer)
        items = [item_from(d) for d in sub.checklist]
        data = {
            "ok": True,
            "submission": sub.id,
            "score": sub.auto_score,
            "checklist": [{**i.as_dict(), "text": i.text("en")} for i in items],
        }
    lines = [f"answer #{data['submission']}: automatic score {data['score']}"] + [
        f"  {i['code']}: {i['text']}" for i in data["checklist"]
    ]
    emit(data, as_json, lines)


@training_app.command("export")
def training_export(
    month: Annotated[str, typer.Option(help="The month, YYYY-MM (library time).")],
    output: Annotated[Path | None, typer.Option(help="Write the CSV here.")] = None,
) -> None:
    """Sessions and attendance of one month as CSV (stdout, or --output)."""
    from planner.db import session_scope
    from planner.evaluation.period import month_period
    from planner.training.sessions import export_csv

    period = month_period(month)
    with session_scope() as session:
        data = export_csv(session, period.start, period.end)
    if output is None:
        typer.echo(data, nl=False)
    else:
        output.write_text(data, encoding="utf-8")
        typer.echo(f"wrote {output}")
