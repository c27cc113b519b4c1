"""A certificate of participation: one PDF per person who came to a training session.

Written with fpdf2 and the fonts shipped in media/fonts (Indonesian text, dashes and curly
quotes need a Unicode font; the machine's own fonts are not relied on).
"""

from __future__ import annotations

from fpdf import FPDF
from sqlmodel import Session

from planner.config import PROJECT_ROOT, get_settings
from planner.i18n import format_date, t
from planner.models import TrainingAttendee, TrainingSession, User
from planner.training.errors import TrainingError
from planner.training.lessons import get_lesson
from planner.training.sessions import attendee_name

FONTS = PROJECT_ROOT / "media" / "fonts"


def certificate_pdf(session: Session, attendee_id: int, locale: str = "id") -> bytes:
    """The certificate of one attendee who came, in `locale`; TrainingError otherwise."""
    person = session.get(TrainingAttendee, attendee_id)
    if person is None or not person.attended:
        raise TrainingError("not_attended")
    held = session.get(TrainingSession, person.session_id)
    trainer = session.get(User, held.trainer_id) if held.trainer_id else None
    day = format_date(held.starts_at, get_settings().tz, locale)
    lessons = [get_lesson(lesson_id) for lesson_id in held.lessons]
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(t("training.cert.title", locale))
    pdf.add_font("S", "", str(FONTS / "SourceSansPro-Regular.ttf"))
    pdf.add_font("S", "B", str(FONTS / "SourceSansPro-Bold.ttf"))
    pdf.add_page()
    pdf.set_draw_color(11, 93, 122)
    pdf.set_line_width(2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(35)
    pdf.set_font("S", "B", 30)
    pdf.cell(0, 16, t("training.cert.title", locale), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("S", "", 15)
    pdf.cell(0, 12, t("training.cert.given_to", locale), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("S", "B", 26)
    pdf.cell(0, 16, attendee_name(session, person), align="C", new_x="LMARGIN", new_y="NEXT")
    if person.organisation:
        pdf.set_font("S", "", 14)
        pdf.cell(0, 9, person.organisation, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("S", "", 15)
    pdf.ln(4)
    attended = t("training.cert.for", locale, topic=held.topic, date=day)
    pdf.multi_cell(0, 9, attended, align="C", new_x="LMARGIN", new_y="NEXT")
    titles = [lesson.text("title", locale) for lesson in lessons if lesson is not None]
    if titles:
        pdf.set_font("S", "", 12)
        pdf.multi_cell(0, 7, " · ".join(titles), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.h - 55)
    pdf.set_font("S", "", 13)
    if held.place:
        pdf.cell(0, 8, held.place, align="C", new_x="LMARGIN", new_y="NEXT")
    if trainer is not None:
        who = t("training.cert.trainer", locale, name=trainer.display_name or trainer.username)
        pdf.cell(0, 8, who, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
