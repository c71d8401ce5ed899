"""Write the held-back marking set: 10 portfolios and one expectation YAML each.

Deterministic: no randomness, fixed core properties (author "Learner", created and
modified 2025-11-20) and every zip rewritten with fixed timestamps and entry order, so
two runs give byte-identical files.

    .venv/bin/python eval/marking/generate.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
PORTFOLIOS = HERE / "portfolios"
EXPECTATIONS = HERE / "expectations"
FIXED = dt.datetime(2025, 11, 20, 0, 0, 0)
ZIP_TIME = (2025, 11, 20, 0, 0, 0)


# --------------------------------------------------------------------------- helpers


def normalise_zip(path: Path) -> None:
    """Rewrite an OOXML package with fixed timestamps, fixed order and fixed core dates."""
    with zipfile.ZipFile(path) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    core = "docProps/core.xml"
    if core in entries:
        xml = entries[core].decode("utf-8")
        for tag in ("created", "modified"):
            xml = re.sub(
                rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                r"\g<1>2025-11-20T00:00:00Z\g<2>",
                xml,
            )
        entries[core] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            dst.writestr(info, entries[name])
    path.write_bytes(buf.getvalue())


class Doc:
    """Thin wrapper over python-docx with three heading modes: styled, bold, none."""

    def __init__(self, headings: str, title: str):
        self.d = Document()
        self.mode = headings
        cp = self.d.core_properties
        cp.author = "Learner"
        cp.last_modified_by = "Learner"
        cp.created = FIXED
        cp.modified = FIXED
        cp.revision = 1
        cp.title = title
        self.d.styles["Normal"].font.name = "Calibri"
        self.d.styles["Normal"].font.size = Pt(11)

    def h(self, text: str, level: int = 1) -> None:
        if self.mode == "styled":
            self.d.add_heading(text, level)
        elif self.mode == "bold":
            p = self.d.add_paragraph()
            r = p.add_run(text)
            r.bold = True
            if level <= 1:
                r.font.size = Pt(13)

    def p(self, text: str, bold_lead: str | None = None) -> None:
        para = self.d.add_paragraph()
        if bold_lead:
            para.add_run(bold_lead).bold = True
        para.add_run(text)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.d.add_paragraph(item, style="List Bullet")

    def numbers(self, items: list[str]) -> None:
        for item in items:
            self.d.add_paragraph(item, style="List Number")

    def table(self, rows: list[list[str]]) -> None:
        t = self.d.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                cell = t.cell(i, j)
                cell.text = value
                if i == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        self.d.add_paragraph()

    def save(self, name: str) -> Path:
        path = PORTFOLIOS / name
        self.d.save(path)
        normalise_zip(path)
        return path


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "Learner"
    wb.properties.lastModifiedBy = "Learner"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def fill(ws, rows, header_row: int | None = 1, widths: list[int] | None = None) -> None:
    """Append rows; bold the header row; wrap text; set column widths."""
    for row in rows:
        ws.append(row)
    for r_idx, row in enumerate(ws.iter_rows(), start=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if header_row is not None and r_idx == header_row:
                cell.font = Font(bold=True)
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    for i, w in enumerate(widths or []):
        ws.column_dimensions[chr(ord("A") + i)].width = w


def save_workbook(wb: Workbook, name: str) -> Path:
    path = PORTFOLIOS / name
    wb.save(path)
    normalise_zip(path)
    return path


def write_expectation(stem: str, text: str) -> None:
    (EXPECTATIONS / f"{stem}.yaml").write_text(text.strip() + "\n", encoding="utf-8")


D = dt.date


# --------------------------------------------------------------------------- 1 strong


def strong_energy_styled_pdp_table() -> None:
    stem = "strong_energy_styled_pdp_table"
    doc = Doc("styled", "Personal development portfolio")
    doc.h("Personal Development Portfolio", 0)
    doc.p(
        "Lucy Hargreaves, Customer Account Adviser (billing and payments), Northvale Energy, "
        "Leeds contact centre. In role since February 2023. Line manager: Mark Ellison, Team Leader."
    )

    doc.h("1. Career goal", 1)
    doc.p(
        "My goal is to move into the Complaints Resolution team as a Complaints Resolution Specialist "
        "within the next twelve months. Specialists own Stage 1 and Stage 2 complaints from start to finish, "
        "so I need to be able to resolve problems at the first contact, know the Ofgem complaint handling "
        "standards properly and stay calm and in control when customers are already unhappy with us. "
        "Mark and I agreed this goal at my mid-year conversation on 10 June 2025."
    )

    doc.h("2. Self-assessment against my goal", 1)
    doc.p(
        "I rated myself from 1 (not yet able) to 5 (could coach others) on what a specialist needs, "
        "and checked each rating against my performance dashboard and QA feedback from April to June 2025."
    )
    doc.table(
        [
            ["Area", "Type", "Rating", "Evidence"],
            [
                "Explaining bills, tariffs and estimated reads",
                "Skill",
                "4",
                "QA average 91% (April to June 2025). AHT 7:10 against the centre target of 7:30.",
            ],
            [
                "Resolving the query at first contact",
                "Skill",
                "2",
                "FCR 71% for Q2 against a team average of 76% and a centre target of 78%. 14 repeat contacts in June "
                "were about meter reading disputes I had not fully closed.",
            ],
            [
                "Ofgem complaint standards and the Priority Services Register (PSR)",
                "Knowledge",
                "2",
                "Two QA fails in May 2025 for not offering PSR registration to customers who mentioned a medical condition.",
            ],
            [
                "Payment plans and affordability",
                "Knowledge",
                "3",
                "I set up plans correctly but still ask the floor walker about the affordability checks about twice a week.",
            ],
            [
                "Staying calm with escalated customers",
                "Behaviour",
                "3",
                "Call listens with Mark on 12 June: good empathy, but I talked over the customer twice when they were angry.",
            ],
            [
                "Using my own data to plan improvement",
                "Behaviour",
                "3",
                "I check my dashboard weekly but have not used it to spot patterns until now.",
            ],
        ]
    )
    doc.p(
        "Summary: my strengths are clear explanations, accuracy and keeping calls efficient, and customers "
        "say so (CSAT 4.2 out of 5, with several verbatims mentioning that I 'explained the bill properly'). "
        "My main gaps for the specialist role are closing issues fully first time, my knowledge of the "
        "regulatory side of complaints and vulnerability, and holding my ground calmly when a call becomes heated."
    )

    doc.h("3. SMART objectives", 1)
    doc.p("Each objective links to a Northvale customer operations KPI for 2025.")
    doc.numbers(
        [
            "Raise my first contact resolution from 71% (Q2 2025 average) to 77% by 30 September 2025, "
            "contributing to the centre KPI of 78% FCR on billing lines.",
            "Score 90% or more in every monthly QA check from July to October 2025 and pass the vulnerability "
            "section (PSR offered where relevant) on every evaluated call from 1 August 2025, supporting the "
            "quality KPI of 88% and our Ofgem obligations.",
            "Increase my post-call CSAT from 4.2 to 4.5 out of 5 by 31 October 2025, in line with the centre "
            "target of 4.5.",
            "Handle 20 Stage 1 complaints end to end under supervision by 31 October 2025, with none escalated to "
            "Stage 2 because of a handling error, supporting the business target of resolving 80% of complaints at Stage 1.",
        ]
    )

    doc.h("4. Personal development plan", 1)
    doc.table(
        [
            [
                "Learning need",
                "Development activity",
                "Resources and support",
                "Target date",
                "Success measure",
            ],
            [
                "Close meter reading disputes first time (obj. 1)",
                "Shadow two specialists for half a day each; build a personal checklist for estimated read calls; "
                "weekly review of my repeat contacts",
                "Complaints team (arranged by Mark); repeat contact report from the MI team",
                "31/08/2025",
                "FCR of 77% by 30/09/2025; repeat contacts on meter reads under 6 a month",
            ],
            [
                "PSR and vulnerability knowledge (obj. 2)",
                "Complete the 'Supporting customers in vulnerable circumstances' e-learning and the PSR refresher; "
                "two call listens focused on vulnerability",
                "Learning Hub modules; QA coach Asha Patel",
                "31/07/2025",
                "Both modules passed at 80%+; vulnerability section passed on every QA call from August",
            ],
            [
                "De-escalation with angry customers (obj. 3)",
                "Attend the in-house 'Difficult conversations' workshop; practise the acknowledge-pause-explain "
                "technique; monthly call listen with Mark",
                "L&D team workshop (one day); Mark for call listens",
                "30/09/2025",
                "CSAT 4.5 by 31/10/2025; no talking over customers noted in call listens",
            ],
            [
                "Complaint handling process and Ofgem standards (obj. 4)",
                "Read the complaints procedure and Ofgem standards summary; handle Stage 1 cases with a specialist "
                "checking each one",
                "Complaints team buddy (Dean Foster); complaints procedure on the intranet",
                "31/10/2025",
                "20 cases handled; none escalated due to handling errors; buddy sign-off",
            ],
        ]
    )

    doc.h("5. Reviews of progress", 1)
    doc.table(
        [
            ["Date", "With", "Progress", "Adjustments and reasons"],
            [
                "04/07/2025",
                "Mark Ellison",
                "FCR 72.5% in June. Both vulnerability modules passed (86% and 90%) on 27/06. CSAT 4.25.",
                "No changes. Shadowing booked for 15 and 22 July.",
            ],
            [
                "15/08/2025",
                "Mark Ellison",
                "FCR 74.0% in July. QA 93% and 92%, vulnerability passed on all evaluated calls. Only 6 of 20 complaints "
                "handled because the complaints team was short over the summer holidays.",
                "Complaint cases moved to Tuesday and Thursday mornings when a buddy is free. Kept the 31/10 deadline "
                "but agreed to review it in September.",
            ],
            [
                "26/09/2025",
                "Mark Ellison",
                "FCR 76.1% in September, so objective 1 not met by 30/09. Calls about the October price cap change "
                "raised repeat contacts across the whole team. CSAT 4.41. Complaints 13 of 20.",
                "Objective 1 deadline moved to 30/11/2025 because of the price cap volumes. Added an action: write a "
                "short price cap explanation script and get it checked by QA.",
            ],
            [
                "31/10/2025",
                "Mark Ellison and Dean Foster",
                "CSAT 4.52 in October: objective 3 met. 21 complaints handled, one went to Stage 2 over a pricing "
                "dispute, not my handling (confirmed by Dean): objective 4 met. QA 94% in October: objective 2 met.",
                "Objective 4 closed. New action: apply for the specialist vacancy when it is advertised in December.",
            ],
            [
                "14/11/2025",
                "Mark Ellison",
                "FCR 77.4% month to date. Repeat contacts on meter reads down to 4 in October.",
                "Next review 05/12/2025 to confirm objective 1 over the full month.",
            ],
        ]
    )

    doc.h("6. Reflection", 2)
    doc.p(
        "Looking at my repeat contacts every week made the biggest difference. I found that most came from me "
        "promising a call back about a reading rather than sorting it on the call. Shadowing the specialists "
        "showed me how they request a meter read and adjust the bill in one go. I was disappointed to miss the "
        "September FCR date, but the price cap calls affected everyone and moving the deadline was the right call. "
        "I now feel ready to apply for the specialist role."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: strong_energy_styled_pdp_table.docx
summary: "Energy billing adviser aiming for complaints specialist. Word Heading styles, a self-rating table with KPI evidence, four numbered SMART objectives, a five-column PDP table and a review table of five dated reviews (04/07 to 14/11/2025)."
layout: [styled-headings, ratings-matrix, list-number, pdp-table, review-table]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "Six skills, knowledge areas and behaviours rated against the Complaints Resolution Specialist goal, each with evidence (QA 91%, AHT 7:10 vs 7:30, FCR 71% vs 78% target, two PSR QA fails, call-listen feedback), plus a summary of strengths and gaps."}
  smart-objectives:  {verdict: met, why: "All four objectives are specific, measurable and dated and name a centre KPI: FCR 71% to 77% by 30/09/2025 (KPI 78%), QA 90%+ monthly July to October (KPI 88%), CSAT 4.2 to 4.5 by 31/10/2025, 20 Stage 1 complaints by 31/10/2025 (80% Stage 1 target)."}
  development-plan:  {verdict: met, why: "PDP table gives each learning need an activity, resources and support, a target date and a measurable success measure (e.g. repeat meter-read contacts under 6 a month, modules passed at 80%+)."}
  monitoring:        {verdict: met, why: "Five dated reviews with the team leader about every 5-6 weeks (04/07 to 14/11/2025) with figures, and documented adjustments with reasons: complaint cases moved to buddy slots, FCR deadline moved to 30/11/2025 because of price cap volumes, a script action added."}
findings: []
""",
    )


# --------------------------------------------------------------------------- 2 strong


def strong_bank_team_leader_bold_reviews() -> None:
    stem = "strong_bank_team_leader_bold_reviews"
    doc = Doc("bold", "PDP - Marcus Adeyemi")
    doc.h("Personal Development Plan 2025: Marcus Adeyemi", 1)
    doc.p(
        "Team Leader, Current Accounts servicing line, Everdene Bank contact centre, Cardiff. "
        "I lead 12 advisers. Reviewer: Helen Roper, Operations Manager."
    )

    doc.h("Where I want to get to", 1)
    doc.p(
        "In the next 18 months I want to become a Senior Team Leader, which at Everdene means running a "
        "shift of three teams, owning the intraday plan with workforce management and leading the quality "
        "calibration sessions. Longer term I would like an Operations Manager role."
    )

    doc.h("How I measure up today", 1)
    doc.p(
        "I used three sources for this: my 360 feedback from March 2025 (eight responses from advisers and "
        "peers), the team scorecard for January to March 2025 and Helen's notes from my year-end review."
    )
    doc.p(
        "Coaching is my strongest skill. Since I introduced weekly side-by-sides last autumn the team's "
        "average QA score has gone from 86% to 91%, and six of the eight 360 responses named my feedback as "
        "specific and useful. I know the current account products and the complaints process very well and "
        "I am the team's go-to for Consumer Duty questions after completing the bank's foundation module."
    )
    doc.p(
        "My weaker areas are operational. Team schedule adherence was 84% in Q1 against the centre target "
        "of 90%, and I have let late returns from breaks slide because I find those conversations awkward. "
        "Our internal transfer rate is 14% (target under 10%), mostly overdraft and fraud queries that "
        "advisers could handle with better knowledge. I have little knowledge of workforce planning: I cannot "
        "yet read an intraday forecast or explain why the planners move breaks. Two 360 comments also said I "
        "can be slow to follow up absence and lateness, which is a behaviour I need to change before I step up."
    )

    doc.h("My objectives", 1)
    doc.bullets(
        [
            "Improve team schedule adherence from 84% (Q1 2025) to 90% by 30 June 2025 and hold it at 90% or more "
            "to 30 September 2025 (centre adherence KPI 90%).",
            "Reduce the team's internal transfer rate from 14% to 9% by 31 August 2025 (centre KPI: under 10%).",
            "Raise the team's Net Promoter Score on the current accounts line from +31 to +40 by 30 September 2025 "
            "(bank service target +40 for 2025).",
            "Hold two logged coaching sessions per adviser per month from April to September 2025 so that every "
            "adviser scores 85% or more in QA by 30 September 2025 (quality KPI 85%).",
        ]
    )

    doc.h("Development plan", 1)
    doc.table(
        [
            [
                "Development need",
                "What I will do",
                "Support / resources",
                "By when",
                "How I will know",
            ],
            [
                "Understand workforce planning and intraday management",
                "Complete the WFM fundamentals course; spend two days with the planning team; run the intraday "
                "position for my shift for two weeks",
                "WFM team lead Gareth Lewis; internal LMS course",
                "31/05/2025",
                "Course passed; I can explain the forecast to my team; adherence at 90% by 30/06",
            ],
            [
                "Confidence with adherence and absence conversations",
                "Use the bank's attendance framework; role-play two conversations with HR; hold return-to-work and "
                "adherence conversations within 48 hours",
                "HR business partner; Helen as mentor",
                "30/04/2025",
                "All conversations logged within 48 hours (tracker); no 360 comments on slow follow-up at the next round",
            ],
            [
                "Team knowledge of overdraft and fraud first-line queries",
                "Run four 30-minute huddles using transfer data; create a one-page overdraft guide with the product team",
                "Transfer report from MI; product team; huddle time agreed with planning",
                "31/07/2025",
                "Transfer rate 9% by 31/08; guide signed off by product team",
            ],
            [
                "Using NPS verbatims to coach",
                "Read detractor comments weekly; pick one theme per month for team coaching",
                "Customer feedback portal; quality team",
                "Monthly to 30/09/2025",
                "NPS +40 by 30/09; theme and action recorded each month",
            ],
        ]
    )

    doc.h("Progress reviews", 1)
    doc.p(
        " Adherence up to 87% in April. I have held nine adherence conversations, all logged within two "
        "days. Transfer rate 13%. NPS +33. WFM course passed on 30 April. Helen pointed out that two "
        "advisers account for most of the late returns, so I have set them individual adherence goals rather "
        "than repeating messages to the whole team.",
        bold_lead="9 May 2025 (with Helen Roper).",
    )
    doc.p(
        " Adherence 88.5% in May and 89% for June to date, so I will probably miss 90% by 30 June. The new "
        "staggered lunch rota introduced on 2 June has pushed breaks later and advisers are returning late "
        "from the 14:30 slot. We agreed to move the adherence deadline to 31 July and I will ask planning to "
        "review the rota. Transfer rate 11.2% after the first two huddles. QA: 10 of 12 advisers at 85%+.",
        bold_lead="20 June 2025 (with Helen Roper).",
    )
    doc.p(
        " Planning changed the 14:30 slot on 7 July and adherence for July was 90.4%, so objective 1 is met "
        "(a month later than planned). Transfer rate 9.8%. NPS fell to +29 in July because of the mobile app "
        "outage on 16 to 18 July, which drove complaints that had nothing to do with the team. Helen agreed to "
        "keep the +40 target but judge it on August and September only. I swapped the remaining WFM shadowing "
        "day for running the intraday plan myself with Gareth on call.",
        bold_lead="1 August 2025 (with Helen Roper).",
    )
    doc.p(
        " Transfer rate 8.6% in August: objective 2 met. The overdraft guide was signed off on 22 July and "
        "is now used by the other two teams on the shift. NPS +37 in August. One adviser is still at 82% in QA; "
        "I have added a weekly side-by-side for him until the end of September.",
        bold_lead="12 September 2025 (with Helen Roper).",
    )
    doc.p(
        " NPS +41 for September: objective 3 met. All 12 advisers at 85%+ in September QA: objective 4 met. "
        "Adherence held at 90.1% over August and September. The 360 round in October had no comments about "
        "slow follow-up. Next step agreed: I will cover the Senior Team Leader role on the late shift for four "
        "weeks from 3 November and we will set new objectives based on shift-level KPIs.",
        bold_lead="24 October 2025 (with Helen Roper).",
    )
    doc.p(
        " First two weeks of cover going well: shift abandonment 3.8% against the 5% target. New objectives "
        "will be written with Helen on 1 December.",
        bold_lead="14 November 2025 (with Helen Roper).",
    )

    doc.h("What I have learned", 1)
    doc.p(
        "The biggest lesson was that the adherence problem was partly a planning problem, and I would not have "
        "seen that without understanding how the rota was built. Dealing with late returns quickly also turned "
        "out to be easier than I expected once I had the framework in front of me."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: strong_bank_team_leader_bold_reviews.docx
summary: "Bank contact-centre team leader aiming for senior team leader. Bold Normal lines as headings, a prose self-assessment using 360 feedback and the team scorecard, bulleted SMART team objectives, a PDP table and six dated review paragraphs (9 May to 14 November 2025)."
layout: [bold-headings, team-leader, prose-self-assessment, list-bullet, pdp-table, review-paragraphs]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "Prose assessment against a defined Senior Team Leader goal covering skills (coaching, QA 86% to 91%), knowledge (products, Consumer Duty, no WFM knowledge) and behaviours (slow follow-up of lateness), evidenced by 360 feedback, the team scorecard (adherence 84% vs 90%, transfers 14% vs under 10%) and the year-end review."}
  smart-objectives:  {verdict: met, why: "Four team objectives, each with baseline, target and deadline and linked to a named centre KPI: adherence 84% to 90% by 30/06/2025, transfer rate 14% to 9% by 31/08/2025, NPS +31 to +40 by 30/09/2025, every adviser 85%+ QA by 30/09/2025."}
  development-plan:  {verdict: met, why: "PDP table sets out each development need with activities, named support and resources, a completion date and measurable indicators (course passed, conversations logged within 48 hours, transfer rate 9%, NPS +40)."}
  monitoring:        {verdict: met, why: "Six dated reviews with the operations manager roughly every six weeks, each with figures, reflection and adjustments: adherence deadline moved to 31/07 because of the lunch rota, NPS judged on August-September after the app outage, WFM shadowing replaced, extra coaching added."}
findings: []
""",
    )


# --------------------------------------------------------------------------- 3 strong


def strong_insurance_workbook_three_sheets() -> None:
    stem = "strong_insurance_workbook_three_sheets"
    wb = new_workbook()
    ws = wb.active
    ws.title = "Self-assessment"
    fill(
        ws,
        [
            ["My development workbook", None, None, None],
            ["Name", "Tomasz Nowak", None, None],
            ["Role", "Claims Adviser, first notification of loss (home claims)", None, None],
            ["Employer", "Harbourline Insurance, Bristol contact centre", None, None],
            [
                "Career goal",
                "Desk-based Claims Handler (home escape-of-water and storm claims) by June 2026. "
                "Agreed with my team leader, Rachel Kemp, on 2 April 2025.",
                None,
                None,
            ],
            [None, None, None, None],
            ["Area", "Skill / knowledge / behaviour", "Rating (1-5)", "Evidence"],
            [
                "Taking a full and accurate first notification",
                "Skill",
                4,
                "QA average 89% Jan-Mar 2025; claims handlers returned 3 of my 410 notifications for missing details.",
            ],
            [
                "Policy wording: escape of water, storm, accidental damage",
                "Knowledge",
                2,
                "Referred 22% of calls to the technical helpdesk in March (team average 12%).",
            ],
            [
                "Setting expectations on next steps and timescales",
                "Skill",
                3,
                "CSAT 4.1/5 (target 4.4). Verbatims mention not knowing when a loss adjuster will call.",
            ],
            [
                "Average handling time",
                "Skill",
                3,
                "AHT 14:50 in Q1 against a target of 13:00, mainly due to helpdesk holds.",
            ],
            [
                "Supporting customers in distress (flood, fire)",
                "Behaviour",
                4,
                "Two customer compliments in February; Rachel's call listen on 18 March rated empathy 'excellent'.",
            ],
            [
                "Fraud indicators and Consumer Duty fair value",
                "Knowledge",
                2,
                "Not yet completed the counter-fraud module; unsure when to refer to the SIU.",
            ],
            [None, None, None, None],
            [
                "Summary",
                "Strong on empathy and accurate notifications. To become a handler I need much better policy "
                "knowledge so I stop relying on the helpdesk, clearer expectation setting for customers and an "
                "understanding of fraud indicators.",
                None,
                None,
            ],
            [None, None, None, None],
            ["Objective", "KPI it supports", "Baseline", "Target and deadline"],
            [
                "1. Reduce my referrals to the technical helpdesk",
                "Average handling time (target 13:00) and FCR",
                "22% of calls (March 2025)",
                "12% or lower by 31 July 2025",
            ],
            [
                "2. Reduce my average handling time",
                "AHT target 13:00",
                "14:50 (Q1 2025)",
                "13:30 by 31 August 2025, 13:00 by 31 October 2025",
            ],
            [
                "3. Improve customer satisfaction on notification calls",
                "CSAT target 4.4/5",
                "4.1/5 (Q1 2025)",
                "4.4/5 by 30 September 2025",
            ],
            [
                "4. Pass the counter-fraud and Consumer Duty modules and apply them on calls",
                "Quality score (target 85%) and SIU referral accuracy",
                "Modules not started; QA 89%",
                "Both modules passed at 80%+ by 30 June 2025; QA 90%+ each month July-October 2025",
            ],
        ],
        header_row=None,
        widths=[46, 34, 26, 60],
    )
    for cell in ws[1]:
        cell.font = Font(bold=True, size=13)
    for r in (7, 17):
        for cell in ws[r]:
            cell.font = Font(bold=True)

    ws2 = wb.create_sheet("Development plan")
    fill(
        ws2,
        [
            [
                "Obj.",
                "Learning need",
                "Activity",
                "Resources / support",
                "Start",
                "Target date",
                "Success measure",
                "Status",
            ],
            [
                1,
                "Policy wording for escape of water, storm and accidental damage",
                "Work through the policy wording module; one half-day a fortnight sitting with a claims handler; keep a "
                "log of every helpdesk referral and the answer",
                "Harbourline Academy module; handler buddy Sian Evans; Rachel",
                D(2025, 4, 14),
                D(2025, 7, 31),
                "Helpdesk referrals 12% or lower for July",
                "Complete",
            ],
            [
                2,
                "Shorter holds and better call structure",
                "Use the notification call flow; build a quick-reference sheet for excess and cover limits",
                "Quality coach; call flow on the intranet",
                D(2025, 5, 1),
                D(2025, 10, 31),
                "AHT 13:30 by 31/08 and 13:00 by 31/10",
                "Complete",
            ],
            [
                3,
                "Setting clear expectations on next steps",
                "Agree a standard close with the handler team (what happens next, who calls, when); two call listens a month",
                "Rachel; claims handler team leader",
                D(2025, 5, 1),
                D(2025, 9, 30),
                "CSAT 4.4/5 for September",
                "Complete",
            ],
            [
                4,
                "Fraud indicators and Consumer Duty",
                "Complete counter-fraud and Consumer Duty modules; attend the SIU lunch-and-learn",
                "Harbourline Academy; Special Investigations Unit",
                D(2025, 4, 14),
                D(2025, 6, 30),
                "Both modules 80%+; QA 90%+ July-October",
                "Complete",
            ],
        ],
        widths=[6, 34, 50, 34, 12, 12, 34, 12],
    )

    ws3 = wb.create_sheet("Reviews")
    fill(
        ws3,
        [
            [
                "Review date",
                "Reviewed with",
                "Progress (with figures)",
                "What I learned",
                "Adjustment to plan",
                "Next review",
            ],
            [
                D(2025, 5, 14),
                "Rachel Kemp",
                "Referrals 18% in April. Counter-fraud module passed (84%). Consumer Duty module not started. AHT 14:35.",
                "Most referrals are about trace-and-access cover. Sitting with Sian helped more than the module.",
                "Added trace-and-access to my quick-reference sheet. Booked Consumer Duty module for 2 June.",
                D(2025, 6, 25),
            ],
            [
                D(2025, 6, 25),
                "Rachel Kemp",
                "Referrals 14% in June to date. Consumer Duty module passed (88%). CSAT 4.2. AHT 14:05.",
                "My close is still too vague; customers ask the same questions again.",
                "Agreed a standard close with the handler team leader. Two call listens booked for July.",
                D(2025, 8, 6),
            ],
            [
                D(2025, 8, 6),
                "Rachel Kemp",
                "Referrals 11.5% in July: objective 1 met. AHT 13:55. CSAT 4.3. QA 91%.",
                "Fewer referrals has cut my holds, but AHT is still above 13:30.",
                "Storm event on 28 July raised volumes and long calls across the team. AHT 13:30 target moved from 31/08 to 30/09; 13:00 by 31/10 kept.",
                D(2025, 9, 17),
            ],
            [
                D(2025, 9, 17),
                "Rachel Kemp",
                "AHT 13:24 in August and September to date. CSAT 4.45 for September to date. QA 92%.",
                "The standard close is working: repeat calls asking 'what happens next' have dropped.",
                "No change. Added one extra half-day with Sian on subsidence so I am ready for the handler assessment.",
                D(2025, 10, 29),
            ],
            [
                D(2025, 10, 29),
                "Rachel Kemp and Sian Evans",
                "CSAT 4.46 for September: objective 3 met. AHT 12:58 in October: objective 2 met. QA 90%+ every month "
                "July-October: objective 4 met.",
                "I can now answer most cover questions without help.",
                "All objectives met. Rachel will put me forward for the handler assessment centre in January 2026. "
                "New objectives to be set for the handler probation period.",
                D(2025, 12, 10),
            ],
        ],
        widths=[13, 20, 50, 42, 50, 13],
    )
    save_workbook(wb, f"{stem}.xlsx")

    write_expectation(
        stem,
        """
file: strong_insurance_workbook_three_sheets.xlsx
summary: "Home insurance claims adviser aiming for claims handler. Workbook: a self-assessment sheet (label rows, a rated evidence table and an objectives table with baselines), the plan on a second sheet with date cells and five dated reviews on a third sheet (14/05 to 29/10/2025)."
layout: [xlsx, label-value-sheet, ratings-sheet, plan-second-sheet, reviews-sheet, date-cells]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "Six skills, knowledge areas and behaviours rated against the claims handler goal with evidence for each (QA 89%, helpdesk referrals 22% vs 12% team average, CSAT 4.1 vs 4.4, AHT 14:50 vs 13:00, call-listen feedback) and a summary of strengths and gaps."}
  smart-objectives:  {verdict: met, why: "Four objectives each with the KPI supported, a baseline and a dated target: referrals 22% to 12% by 31/07/2025, AHT 14:50 to 13:00 by 31/10/2025, CSAT 4.1 to 4.4 by 30/09/2025, modules at 80%+ by 30/06 and QA 90%+ July-October."}
  development-plan:  {verdict: met, why: "Plan sheet gives each objective a learning need, activities, resources and named support, start and target dates and a measurable success measure."}
  monitoring:        {verdict: met, why: "Five dated reviews with the team leader about every six weeks (14/05 to 29/10/2025) with figures, reflection and adjustments: trace-and-access added, standard close agreed, AHT target moved to 30/09 because of a storm surge, extra subsidence shadowing."}
findings: []
""",
    )


# --------------------------------------------------------------------------- 4 mixed


def mixed_telecoms_no_headings_plan_prose() -> None:
    stem = "mixed_telecoms_no_headings_plan_prose"
    doc = Doc("none", "My PDP")
    doc.p(
        "Connor Walsh - Technical Support Adviser, Brightwave Broadband, Glasgow. Started March 2024."
    )
    doc.p(
        "I want to move up to Tier 2 network support within about a year. Tier 2 deal with the faults that "
        "first line can't fix, so they need a much deeper knowledge of line testing, the fibre network and "
        "how engineer appointments work, and they need to be confident making a diagnosis rather than passing "
        "the customer on. I spoke to my team leader, Jade Murray, about this at my one-to-one on 3 March 2025 "
        "and she agreed it was realistic if I work on a few things first."
    )
    doc.p(
        "Looking at where I am now, I think my strengths are the customer side of the job. My CSAT has been "
        "4.4 out of 5 for the last three months against a team target of 4.2, and my average handling time is "
        "9:40, which is under the 10:30 target for broadband faults. Jade's QA feedback on 3 March said my call "
        "control and explanations are good and that customers 'feel looked after'. I am also good with the "
        "router set-up guides and I can talk people through resetting and re-syncing quickly."
    )
    doc.p(
        "The weaker side is actually fixing things first time. My first contact resolution is 62% and the "
        "team target is 70%. My transfer rate to Tier 2 is 18%, which is one of the highest on the team, and "
        "when I look back at the calls a lot of them were line faults I could have tested myself if I was more "
        "confident reading the line test results. I also know I rush to transfer when a call gets complicated "
        "because I'm worried about my handling time, which is a habit rather than a knowledge gap. Jade said "
        "the same thing in my QA: 'good diagnosis started, then handed over too early'. I don't know much about "
        "the fibre to the premises network either, and more of our customers are on it every month."
    )
    doc.p("So for this year my objectives are:")
    doc.bullets(
        [
            "Get my transfer rate to Tier 2 down from 18% to 12% by the end of June 2025.",
            "Improve my first contact resolution.",
            "Learn more about the fibre network.",
            "Keep my CSAT high while I'm doing all this.",
        ]
    )
    doc.p(
        "The transfer rate one is the main one because it feeds into the centre's cost per contact and Tier 2 "
        "waiting times, and if I get that right my FCR should go up too."
    )
    doc.p(
        "To do this I'm going to sit with the Tier 2 team for a couple of sessions so I can see how they read "
        "line tests and decide when to book an engineer. I'll also do the line testing and FTTP modules on the "
        "Brightwave Academy, and ask Jade for a call listen every month focusing on calls I transferred. "
        "I'll keep a note of every transfer and why, so I can see if there's a pattern. Jade has said she can "
        "ask the Tier 2 manager about the shadowing. I'm hoping to get most of this done over the spring and "
        "summer, depending on how busy we are."
    )
    doc.p(
        "Update - 2 May 2025. Had my one-to-one with Jade. Transfer rate was 15% in April, so it's moving in "
        "the right direction. I've done the line testing module (passed 78%) but not started the FTTP one yet. "
        "The first Tier 2 shadowing session was cancelled because of the outage in the north east on 17 April "
        "and hasn't been rebooked yet. My transfer log shows that nearly half of my transfers are 'no sync' "
        "faults, so Jade suggested I focus on those first. I'm going to read the no-sync knowledge articles "
        "this month."
    )
    doc.p(
        "Update - 10 September 2025. It's been a while since the last update because of holidays and the busy "
        "period in the summer. Transfer rate was 13% in August, so I didn't quite get to 12% by June, but it's "
        "much closer. I think my FCR is much better now as well and customers seem happier. I still haven't "
        "managed the Tier 2 shadowing - it got cancelled again in July because they were short. I've started "
        "the FTTP module. I'm going to keep going with the same plan and hopefully get the shadowing done "
        "before Christmas."
    )
    doc.p(
        "Overall I feel like I've learned a lot this year, especially about reading line tests. I've stopped "
        "panicking about handling time when I'm in the middle of a diagnosis, and I'm transferring fewer calls "
        "just to get them off my screen. I want to sit down with Jade properly before the end of the year and "
        "agree what else I need to do before I can apply for Tier 2."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: mixed_telecoms_no_headings_plan_prose.docx
summary: "Broadband technical support adviser aiming for Tier 2. No headings at all: a good prose self-assessment with figures, four bulleted objectives of which only one is SMART, the plan as a prose paragraph and two dated updates four months apart (2 May and 10 September 2025)."
layout: [no-headings, prose-self-assessment, list-bullet, pdp-prose, review-paragraphs]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "Prose assessment against a defined Tier 2 goal covering skills (call control, diagnosis), knowledge (line tests, FTTP) and behaviour (rushing to transfer), evidenced by CSAT 4.4 vs 4.2, AHT 9:40 vs 10:30, FCR 62% vs 70%, transfer rate 18% and QA feedback of 3 March."}
  smart-objectives:  {verdict: partially_met, why: "Only 'transfer rate from 18% to 12% by the end of June 2025' is SMART and linked to a KPI. 'Improve my first contact resolution' has no target or date, 'Learn more about the fibre network' is vague and 'Keep my CSAT high' has no measure or deadline."}
  development-plan:  {verdict: partially_met, why: "Prose plan names activities (Tier 2 shadowing, academy modules, monthly call listens, transfer log) and some support, but learning needs are only implied, the timescale is 'over the spring and summer' and there are no measurable success criteria beyond the one objective."}
  monitoring:        {verdict: partially_met, why: "Two dated updates (2 May and 10 September 2025), four months apart, not regular. The first has figures and a sensible change of focus; the second claims FCR is 'much better' with no figure, and the repeatedly cancelled shadowing and missed June deadline are not re-planned ('keep going with the same plan')."}
findings:
  - vague-objective        # 'Improve my first contact resolution', 'Learn more about the fibre network', 'Keep my CSAT high'
  - uncorroborated-claim   # September update: 'my FCR is much better now' with no figure
""",
    )


# --------------------------------------------------------------------------- 5 mixed


def mixed_council_styled_vague_objectives() -> None:
    stem = "mixed_council_styled_vague_objectives"
    doc = Doc("styled", "Development plan - Sandra Okafor")
    doc.h("My Development Plan", 0)
    doc.p(
        "Sandra Okafor, Customer Services Adviser, Kirkbrook Borough Council Customer Contact Centre "
        "(council tax, benefits and general enquiries lines)."
    )

    doc.h("About me and where I am now", 1)
    doc.p(
        "I have worked in the contact centre for six years, the first four on the general enquiries line "
        "(bins, parking permits, missed collections) and the last two mainly on council tax. I would like to "
        "progress at some point, possibly into a senior adviser or a training role, but I haven't decided "
        "which yet."
    )
    doc.h("Strengths", 2)
    doc.bullets(
        [
            "I know council tax inside out: bands, discounts, exemptions, arrangements and reminders.",
            "I am good with upset residents and I stay patient, even at the busy times after bills go out in March.",
            "I'm reliable and the team often come to me with questions.",
            "I'm careful with data protection and always follow the security questions.",
        ]
    )
    doc.h("Areas to develop", 2)
    doc.bullets(
        [
            "Housing Benefit and Council Tax Reduction, especially for pension-age residents, as I still pass a lot "
            "of these calls to the benefits team.",
            "Speed on council tax calls, as I sometimes over-explain.",
            "Knowing when and how to refer residents to Universal Support and the welfare rights service.",
            "Confidence using the new Civica system screens since the upgrade.",
        ]
    )

    doc.h("My objectives for 2025", 1)
    doc.numbers(
        [
            "Reduce my average handling time on council tax calls from 9:20 to 8:30 by 31 July 2025, in line with "
            "the service standard of 8:30.",
            "Achieve a quality score of 90% or more in each monthly check from June to October 2025 (service standard 85%).",
            "Get better at benefits calls.",
            "Help the team more.",
        ]
    )

    doc.h("Development plan", 1)
    doc.table(
        [
            [
                "What I need to learn",
                "How I will learn it",
                "Who or what will help",
                "When by",
                "How I will measure success",
            ],
            [
                "Council Tax Reduction and Housing Benefit for pension-age residents",
                "Complete the CTR e-learning; two half-days sitting with the benefits assessment team; practise calculations on test cases",
                "Benefits team leader (Paul Hughes); council e-learning portal",
                "31/07/2025",
                "Pass the CTR assessment at 80%+; refer no more than 1 in 5 benefits calls to the benefits team by September (currently about 3 in 5)",
            ],
            [
                "A shorter, clearer structure for council tax calls",
                "Use the call structure from the quality team; listen back to three of my longest calls each month with my team leader",
                "Team leader (Claire Dunn); call recordings",
                "31/07/2025",
                "AHT 8:30 or less for July",
            ],
            [
                "Referrals to Universal Support and welfare rights",
                "Attend the partner briefing from the welfare rights service; read the referral guidance",
                "Welfare rights officer; intranet referral guide",
                "30/06/2025",
                "Referral form completed correctly on every eligible call checked in QA",
            ],
            [
                "Using the upgraded Civica screens",
                "Complete the Civica upgrade workbook; ask the super-user for a 30-minute session",
                "Super-user (Imran Ali); ICT training workbook",
                "31/05/2025",
                "Workbook finished; no QA points lost for wrong screen or missed notes from June",
            ],
        ]
    )

    doc.h("Review log", 1)
    doc.table(
        [
            ["Date", "Reviewed with", "What has happened", "Changes to the plan"],
            [
                "05/06/2025",
                "Claire Dunn",
                "AHT 9:02 in May. Civica workbook finished 28/05. Welfare rights briefing attended 3 June. QA 88% in May.",
                "Sitting with the benefits team has not been booked. Claire to contact Paul.",
            ],
            [
                "17/07/2025",
                "Claire Dunn",
                "AHT 8:41 in June. QA 91% in June. Benefits sitting done on 9 July, CTR e-learning 60% complete. "
                "About 2 in 5 benefits calls now referred.",
                "AHT deadline moved to 31/08/2025: June had the annual billing appeal calls, which are long. "
                "Second benefits sitting booked for 6 August.",
            ],
            [
                "29/08/2025",
                "Claire Dunn",
                "AHT 8:27 in August, target met. QA 92% in July. CTR assessment passed 84%.",
                "Added a new activity: shadow Imran on the 'new starter' buddy rota so I can see if training suits me.",
            ],
            [
                "10/10/2025",
                "Claire Dunn",
                "QA 93% in August and 90% in September. 1 in 5 benefits calls referred in September. Two referrals to "
                "Universal Support completed, both correct in QA.",
                "Objectives 1 and 2 met or on track; benefits measure met. Next review 05/12/2025 to look at the training route.",
            ],
        ]
    )
    doc.h("Reflection", 2)
    doc.p(
        "The sessions with the benefits team made much more difference than the e-learning. Being able to see "
        "how a claim is worked out means I can explain it myself rather than passing the resident on. I also "
        "enjoyed buddying a new starter, which makes me think the training route might be right for me."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: mixed_council_styled_vague_objectives.docx
summary: "Council tax adviser at a borough council contact centre. Word Heading styles, bulleted strengths and areas to develop with no evidence and no firm career goal, four numbered objectives (two SMART, two vague), a five-column PDP table and a review table of four dated reviews (05/06 to 10/10/2025)."
layout: [styled-headings, list-bullet, list-number, pdp-table, review-table]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: partially_met, why: "Sensible strengths and areas to develop (council tax knowledge, benefits and CTR gaps, call length, referrals, Civica), but the career goal is undecided ('senior adviser or a training role') and no data, QA feedback or other evidence backs the assessment."}
  smart-objectives:  {verdict: partially_met, why: "Two objectives are SMART and tied to service standards (AHT 9:20 to 8:30 by 31/07/2025; QA 90%+ monthly June-October against the 85% standard); 'Get better at benefits calls' and 'Help the team more' have no measure, target or date."}
  development-plan:  {verdict: met, why: "PDP table gives each learning need activities, named people and resources, a target date and a measurable success measure (CTR assessment 80%+, 1 in 5 benefits calls referred, AHT 8:30, correct referral forms in QA)."}
  monitoring:        {verdict: met, why: "Four dated reviews with the team leader about every six weeks (05/06 to 10/10/2025) with figures and adjustments with reasons: benefits sitting chased, AHT deadline moved to 31/08 because of billing appeal calls, a buddying activity added."}
findings:
  - vague-objective   # 'Get better at benefits calls', 'Help the team more'
""",
    )


# --------------------------------------------------------------------------- 6 mixed


def mixed_retail_bold_no_reviews() -> None:
    stem = "mixed_retail_bold_no_reviews"
    doc = Doc("bold", "Aisha Rahman - PDP")
    doc.h("PERSONAL DEVELOPMENT PLAN - Aisha Rahman", 1)
    doc.p(
        "Customer Service Adviser (phone and webchat), Hollins & Reed online homeware, Nottingham customer "
        "service centre. Plan started 15 September 2025."
    )

    doc.h("My career goal", 1)
    doc.p(
        "I would like to become a Customer Experience Quality Coach within the next 12 to 18 months. Quality "
        "coaches evaluate phone and chat contacts, run calibration sessions and coach advisers one to one, so I "
        "need to be consistently strong in my own quality, confident with the full range of contacts (including "
        "sales calls), and able to give feedback that helps people improve."
    )

    doc.h("Self-assessment", 1)
    doc.p(
        "I looked at my scorecard for June to August 2025, my last three QA evaluations and feedback from my "
        "team leader, Ben Carter."
    )
    doc.p(
        "Strengths. My quality is consistently high: my QA average for June to August was 94% against a "
        "target of 85%, and I was asked to share two of my chat transcripts at the team huddle as good examples. "
        "My CSAT is 4.7 out of 5 on phone contacts. I have good product knowledge on furniture delivery and "
        "returns, and I know the Consumer Rights Act rules on faulty goods well enough that other advisers ask me.",
    )
    doc.p(
        "Areas to develop. On webchat I only handle two chats at a time, while the target concurrency is three, "
        "so my chats per hour are 5.1 against a target of 6.5. On phone my sales conversion on 'where is my order' "
        "calls (offering protection plans and upgrades) is 9% against a target of 12%; Ben's feedback was that I "
        "avoid making the offer when the customer is unhappy, even when it would genuinely help. I have no "
        "experience of giving feedback to other people, apart from helping new starters informally, and I have "
        "never been part of a calibration session. My behaviour under pressure is good on calls, but on chat I "
        "tend to spend too long perfecting every message."
    )

    doc.h("SMART objectives", 1)
    doc.numbers(
        [
            "Increase my webchat concurrency from 2 to 3 chats and my chats per hour from 5.1 to 6.5 by 31 December "
            "2025, while keeping chat QA at 90% or above (supports the digital productivity KPI of 6.5 chats per hour).",
            "Raise my protection plan and upgrade conversion from 9% to 12% by 28 February 2026 (supports the "
            "contact centre sales conversion KPI of 12%).",
            "Keep my QA average at 92% or above every month from October 2025 to February 2026 (quality KPI 85%).",
            "Take part in at least three calibration sessions and score within 5 percentage points of the quality "
            "team's score on 8 out of 10 calibrated contacts by 31 January 2026, to prepare for the quality coach role.",
        ]
    )

    doc.h("Development plan", 1)
    doc.table(
        [
            ["Development need", "Activity", "When"],
            [
                "Managing three chats at once",
                "Use saved replies more; watch a high-concurrency adviser working",
                "October to December 2025",
            ],
            [
                "Making offers on difficult calls",
                "Sales skills e-learning; call listens with Ben",
                "October 2025 onwards",
            ],
            [
                "Evaluating contacts and calibration",
                "Join calibration sessions; read the quality framework",
                "November 2025 to January 2026",
            ],
            [
                "Giving feedback to others",
                "Coaching skills course; buddy a new starter in the January intake",
                "January 2026",
            ],
        ]
    )
    doc.p(
        "I have asked Ben if I can join calibration and he said he would speak to the quality manager."
    )

    doc.h("Progress so far", 1)
    doc.p(
        "I've started the sales skills e-learning and I'm about halfway through. I've been trying to take a third "
        "chat when it's quiet. My first review with Ben is booked for 4 December 2025 and I'll update this "
        "document after that."
    )

    doc.h("Why this matters", 1)
    doc.p(
        "Hollins & Reed has been growing its webchat channel since the spring and the business wants more "
        "contacts handled by chat rather than phone, so getting my chat productivity up is important for the "
        "team as well as for me. The protection plan and upgrade offers are part of the centre's sales target "
        "for the year, and the quality coach role needs someone who can handle every type of contact, not just "
        "the ones they are comfortable with. Being part of calibration will also show me whether I would enjoy "
        "the quality role before I apply."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: mixed_retail_bold_no_reviews.docx
summary: "Online retailer phone and webchat adviser aiming for quality coach. Bold Normal headings, a strong evidenced prose self-assessment, four numbered SMART objectives, a thin three-column plan table and no review yet (first review booked for 4 December 2025)."
layout: [bold-headings, prose-self-assessment, list-number, pdp-table]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "Assessment against a defined quality coach goal covering skills, knowledge and behaviours with evidence: QA 94% vs 85%, CSAT 4.7, chat concurrency 2 vs 3 and 5.1 vs 6.5 chats per hour, sales conversion 9% vs 12%, team leader feedback on avoiding offers, no calibration experience."}
  smart-objectives:  {verdict: met, why: "Four objectives with baselines, targets and deadlines each linked to a named KPI: chats per hour 5.1 to 6.5 by 31/12/2025, conversion 9% to 12% by 28/02/2026, QA 92%+ monthly, calibration within 5 points on 8 of 10 contacts by 31/01/2026."}
  development-plan:  {verdict: partially_met, why: "The plan table lists development needs, activities and broad timescales, but resources and support are barely mentioned (only a request to join calibration) and there are no success criteria in the plan itself."}
  monitoring:        {verdict: not_met, why: "No review has taken place: 'Progress so far' is an undated note of started activities, and the first review with the team leader is only booked for 4 December 2025."}
findings:
  - plan-not-reviewed   # no review yet; first review only booked for 04/12/2025
""",
    )


# --------------------------------------------------------------------------- 7 mixed


def mixed_bank_workbook_single_review() -> None:
    stem = "mixed_bank_workbook_single_review"
    wb = new_workbook()
    ws = wb.active
    ws.title = "About me"
    fill(
        ws,
        [
            ["Name", "Gemma Price"],
            [
                "Role",
                "Mortgage Servicing Adviser, Calder Vale Building Society (Halifax contact centre)",
            ],
            ["Time in role", "14 months"],
            [
                "Where I want to be",
                "Mortgage Arrears Specialist in the Collections and Recoveries team by the end of 2026",
            ],
            ["Team leader", "Owen Blake"],
            [
                "Why this role",
                "I joined Calder Vale from a high street bank branch, where I saw a lot of customers who "
                "were struggling with payments and did not know where to turn. The arrears team at Calder Vale "
                "handles those conversations on the phone, and I think I would be good at it because I am "
                "patient and I like sorting things out properly for people. Owen and I talked about it at my "
                "probation review and he thinks it is a realistic move if I build up the technical knowledge "
                "and get CeMAP, which everyone in Collections has to hold.",
            ],
            [
                "What the society needs",
                "Calder Vale's service plan for 2025 talks about helping members in financial "
                "difficulty earlier, cutting repeat contacts and meeting the Consumer Duty outcomes. "
                "Arrears calls are expected to rise while rates stay high, so Collections are recruiting "
                "from servicing next year.",
            ],
            [None, None],
            ["Skill / area", "My rating (1 = low, 5 = high)", "Comment"],
            [
                "Product knowledge (redemptions, overpayments, rate switches)",
                4,
                "Comfortable with most calls",
            ],
            ["Arrears and forbearance knowledge", 2, "Need to learn this for the role I want"],
            ["Talking to customers in financial difficulty", 3, "OK but not confident"],
            ["Call control", 3, "Calls can run on"],
            ["Systems", 4, "Fine"],
            ["Vulnerability and Consumer Duty", 3, "Done the basic module"],
            ["Attitude / teamwork", 5, "Always willing to help"],
            [None, None, None],
            [
                "Overall",
                "I am strong on the day-to-day servicing calls and work well with the team. The main gaps for "
                "the arrears role are the technical and regulatory knowledge and feeling confident when a member "
                "is upset about money. I also need to keep my calls tighter.",
                None,
            ],
        ],
        header_row=9,
        widths=[52, 30, 40],
    )
    for cell in ws["A"][:7]:
        cell.font = Font(bold=True)

    ws2 = wb.create_sheet("Objectives and plan")
    fill(
        ws2,
        [
            [
                "Objective",
                "KPI link",
                "Baseline",
                "Target",
                "Deadline",
                "Learning need",
                "Activities",
                "Resources / support",
                "Success measure",
                "Review date",
                "Review notes",
            ],
            [
                "Reduce AHT on redemption and overpayment calls",
                "Mortgage servicing AHT target 8:00",
                "9:15 (Apr-Jun 2025)",
                "8:00",
                D(2025, 9, 30),
                "Faster navigation of redemption screens and a tighter call structure",
                "Build a redemption quick guide; two call listens a month with Owen; use the system shortcuts list",
                "Owen Blake; system super-user; call recordings",
                "AHT 8:00 or below for September",
                D(2025, 7, 15),
                "AHT 8:50 in June. Quick guide done. Super-user session cancelled, moved to August. "
                "I feel much quicker on redemption calls now that I have the guide next to me and I am not searching "
                "the intranet for the redemption fee rules every time.",
            ],
            [
                "Improve first contact resolution",
                "FCR target 80%",
                "74% (Apr-Jun 2025)",
                "80%",
                D(2025, 10, 31),
                "Knowing which requests I can complete myself instead of referring to the back office",
                "Shadow the back-office team for a day; keep a referral log",
                "Back-office team leader; referral report",
                "FCR 80% for October; referrals to back office down by a third",
                D(2025, 7, 15),
                "FCR 76% in June. Shadowing booked for 12 August.",
            ],
            [
                "Complete the CeMAP Module 1 qualification",
                "Competence KPI: all arrears staff CeMAP qualified",
                "Not started",
                "Pass Module 1",
                D(2025, 12, 12),
                "Mortgage regulation and lending knowledge needed for arrears work",
                "Study 3 hours a week using the LIBF materials; book exam through L&D",
                "L&D funding; LIBF study pack; study buddy in Collections",
                "Exam passed by 12/12/2025",
                D(2025, 7, 15),
                "Funding approved 1 July. Studying 2-3 hours a week, mostly on my days off. Owen agreed I can use "
                "one hour of quiet time on Wednesday afternoons when the queue allows.",
            ],
            [
                "Handle arrears-related calls with confidence",
                "Customer outcome QA score target 90%",
                "QA 86% on financial difficulty calls",
                "90% or above",
                D(2025, 11, 30),
                "Forbearance options, income and expenditure, signposting to debt advice",
                "Complete the financial difficulty e-learning; two half-days in Collections; use the I&E tool on calls with support",
                "Collections team leader; e-learning portal; MoneyHelper signposting guide",
                "QA 90%+ on financial difficulty calls in November",
                D(2025, 7, 15),
                "E-learning done (passed 90%). Collections days not yet arranged because their team leader "
                "is on leave until August. Owen will chase.",
            ],
            [
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "Next review",
                "September - TBC",
            ],
            [None, None, None, None, None, None, None, None, None, None, None],
            [
                "Notes",
                "I will keep this sheet updated after every one-to-one with Owen so I can use it as evidence for "
                "my qualification portfolio and for my application to Collections.",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
        ],
        widths=[34, 28, 20, 14, 12, 34, 44, 34, 30, 12, 44],
    )
    save_workbook(wb, f"{stem}.xlsx")

    write_expectation(
        stem,
        """
file: mixed_bank_workbook_single_review.xlsx
summary: "Building society mortgage servicing adviser aiming for arrears specialist. Workbook: an 'About me' sheet of label rows and self-ratings with one-word comments, and one wide 'Objectives and plan' sheet (date cells) with a single review dated 15/07/2025 and 'September - TBC'."
layout: [xlsx, label-value-sheet, ratings-sheet, header-not-row-1, pdp-table, review-column, date-cells]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: partially_met, why: "A defined career goal (arrears specialist by end of 2026), self-ratings of seven areas and a short overall summary of strengths and gaps, but the comments are brief ('Fine', 'Comfortable with most calls') and nothing is backed by data, QA or feedback; figures only appear later as baselines on the objectives sheet."}
  smart-objectives:  {verdict: met, why: "Each objective has a named KPI, a baseline, a target and a deadline: AHT 9:15 to 8:00 by 30/09/2025, FCR 74% to 80% by 31/10/2025, CeMAP Module 1 by 12/12/2025, QA on financial difficulty calls 86% to 90% by 30/11/2025. The first row's wording is loose but the columns make it SMART."}
  development-plan:  {verdict: met, why: "For every objective the sheet gives a learning need, activities, resources and support, a deadline and a measurable success measure."}
  monitoring:        {verdict: partially_met, why: "Only one review, all rows dated 15/07/2025, with some figures (AHT 8:50, FCR 76%) and a rescheduled session; the next review is 'September - TBC' and none followed, so nothing after July and no reflection on the deadlines that have since passed. 'I feel much quicker' is not evidenced."}
findings:
  - plan-not-reviewed      # reviewed once (15/07/2025); 'September - TBC' never happened
  - uncorroborated-claim   # 'I feel much quicker on redemption calls'
""",
    )


# --------------------------------------------------------------------------- 8 weak


def weak_energy_hobbies_no_headings() -> None:
    stem = "weak_energy_hobbies_no_headings"
    doc = Doc("none", "my development")
    doc.p("Jordan Pike - Greenmoor Power - smart meter bookings")
    doc.p(
        "I have worked at Greenmoor Power for just over a year now on the smart meter bookings team. Before that "
        "I worked in a phone shop and then in a warehouse for a bit. I really enjoy the job most days, especially "
        "when the customers are nice and the team is good. We have a laugh on our bank of desks and everyone "
        "helps each other out, which makes a big difference on a long shift."
    )
    doc.p(
        "I think I am a good listener and I am friendly on the phone. I'm easy to get on with and I don't mind "
        "doing overtime when they need people. People say I have a nice voice for the phones. I am always on time "
        "and I have not had any sick days this year. I think I am good at my job and I get on with my team leader. "
        "Sometimes I find the angry customers a bit hard, especially when the engineer hasn't turned up, but "
        "that's not really my fault because we don't control the engineers."
    )
    doc.p(
        "In the future I might like to do something different, maybe go into the office side of things or "
        "something with more money, but I'm not sure yet. I'll see what comes up."
    )
    doc.p("My goals for this year are:")
    doc.bullets(
        [
            "Pass my driving test so I can get to work easier, the bus takes ages and it's not reliable after 8pm.",
            "Go to the gym at least four times a week.",
            "Learn some Spanish before my holiday to Tenerife in August.",
            "Be better on the phones.",
            "Get on with everyone at work and be a good team member.",
            "Save up for a car.",
        ]
    )
    doc.p("How I am going to do it:")
    doc.bullets(
        [
            "Driving lessons every Saturday morning with my instructor, and my dad will take me out in his car.",
            "I've joined the PureGym near my house and I'm doing a programme from an app.",
            "Duolingo every day - I've got a streak going.",
            "Listen to some of my calls when I get time.",
            "Ask people for help if I need it.",
            "Put some money away every payday.",
        ]
    )
    doc.p(
        "I think these goals are important because if I can drive I will be less stressed getting to work and "
        "I won't be late, and going to the gym is good for my mental health which helps with the job. Learning "
        "Spanish is something I've always wanted to do and it will be good for my confidence. Being better on "
        "the phones is obviously important because that's my job, and being a good team member is important "
        "because we all have to work together, especially when it's busy and the queue is really long."
    )
    doc.p(
        "I want to get all of these done by the end of the year really, apart from the gym which is ongoing."
    )
    doc.p("Progress")
    doc.p(
        "Everything is going well. I passed my theory test first time and I have my practical booked for "
        "January. I've been going to the gym three or four times a week and I feel loads better. My Spanish was "
        "good enough to order food on holiday which was great. My calls are loads better now as well and "
        "I'm booking more appointments than before. My team leader said I'm doing well. I get on with everyone "
        "at work. I've saved nearly half of what I need for the car."
    )
    doc.p(
        "Next year I would like to maybe look at doing a course of some kind, possibly something in fitness "
        "because I'm really into that now, or maybe something to do with computers. I might ask my team leader "
        "if there's anything the company would pay for. I'd also like to go on another holiday and keep the "
        "Spanish going."
    )
    doc.p(
        "Overall I'm happy with how this year has gone and I think I've achieved most of what I wanted to. "
        "I've learned that if you set yourself goals and stick to them you can do anything."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: weak_energy_hobbies_no_headings.docx
summary: "Smart meter bookings adviser at an energy supplier. No headings at all: chatty paragraphs, a bulleted list of goals that are mostly personal (driving test, gym, Spanish, saving for a car), a bulleted list of how, and an undated 'Progress' paragraph of unevidenced claims."
layout: [no-headings, list-bullet, pdp-prose]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: not_met, why: "Only general traits ('good listener', 'friendly', 'always on time') and a wish to do 'something different'; no defined career goal, no contact-centre skills or knowledge assessed against one, no evidence, and difficulty with angry customers is explained away rather than assessed."}
  smart-objectives:  {verdict: not_met, why: "The only work aims, 'Be better on the phones' and 'Get on with everyone at work', have no KPI, target or date; the rest are personal (driving test, gym, Spanish, saving for a car)."}
  development-plan:  {verdict: not_met, why: "Activities are driving lessons, a gym programme, Duolingo and saving, plus 'listen to some of my calls when I get time' and 'ask people for help'; no work learning needs, resources, timelines beyond 'the end of the year' or success criteria."}
  monitoring:        {verdict: not_met, why: "A single undated 'Progress' paragraph with no review meeting recorded; 'My calls are loads better' and 'booking more appointments than before' have no figures and nothing in the plan is adjusted."}
findings:
  - vague-objective         # 'Be better on the phones', 'Get on with everyone at work'
  - no-kpi-link             # no objective mentions bookings, AHT, QA or any other KPI
  - hobby-not-professional  # driving test, gym, Spanish for a holiday, saving for a car
  - plan-not-reviewed       # no review with anyone; one undated progress paragraph
  - uncorroborated-claim    # 'My calls are loads better now', 'booking more appointments than before'
""",
    )


# --------------------------------------------------------------------------- 9 weak


def weak_insurance_irrelevant_courses() -> None:
    stem = "weak_insurance_irrelevant_courses"
    doc = Doc("styled", "Natalie Brooks PDP")
    doc.h("Personal Development Plan", 0)
    doc.p("Name: Natalie Brooks")
    doc.p("Job: Renewals Sales Adviser, motor insurance, Pennant Direct Insurance (Swansea)")

    doc.h("Self-assessment", 1)
    doc.p(
        "I've been in renewals for about eighteen months. Long term I'd like to move into underwriting, or "
        "possibly HR, because I like the idea of a job that's more office-based and less on the phones."
    )
    doc.p(
        "My job is calling customers whose motor policy is coming up for renewal, going through the new price "
        "and trying to keep them with us, and offering add-ons like breakdown cover, legal expenses and a courtesy "
        "car. It can be hard when prices have gone up a lot, because customers are often annoyed before you even "
        "start, and a lot of them have already been on the comparison sites."
    )
    doc.p("What I'm good at:")
    doc.bullets(
        [
            "Building rapport - customers like talking to me and I can usually get them to stay with us.",
            "My sales are good.",
            "I'm organised and I never miss a callback.",
            "I keep calm.",
        ]
    )
    doc.p("What I need to work on:")
    doc.bullets(
        [
            "Sometimes I talk too much and calls go on.",
            "I could be more confident when customers push back on price.",
            "I don't know a lot about how underwriting works.",
        ]
    )

    doc.h("Objectives", 1)
    doc.numbers(
        [
            "Sell more policies and add-ons.",
            "Be more confident on the phone.",
            "Do more courses to build up my CV.",
            "Get a promotion in the next year or two.",
            "Have a better work-life balance.",
        ]
    )

    doc.h("My plan", 1)
    doc.p(
        "I've looked at a few courses that I think will help me. Some of them are through the local college "
        "and some are online. I've tried to pick things that I'm interested in, because I think you learn more "
        "when you enjoy it."
    )
    doc.table(
        [
            ["Course / activity", "Where", "When"],
            ["Level 2 Food Hygiene certificate", "Online", "May 2025"],
            [
                "Introduction to Digital Photography (10 weeks)",
                "Gower College evening class",
                "September - November 2025",
            ],
            ["Make-up artistry taster day", "Local salon", "Summer"],
            ["Read 'The Chimp Paradox'", "Book", "Ongoing"],
            ["Ask about underwriting", "Work", "Sometime this year"],
        ]
    )
    doc.p(
        "The food hygiene certificate is because I sometimes help out at my cousin's café at the weekend and "
        "it's good to have on my CV. Photography is something I've always wanted to get into and it would be "
        "nice to have a creative hobby outside of work, and it might help with my confidence. The make-up day is "
        "for fun really but you never know where it could lead. I've heard The Chimp Paradox is good for managing "
        "your emotions, so I think it will help me keep calm with difficult customers. I will ask my team leader if "
        "I can spend some time with the underwriting team at some point so I can see what they do."
    )
    doc.p(
        "I'm also going to try to take proper lunch breaks and not check my phone in the evenings, to help "
        "with work-life balance."
    )

    doc.h("Update", 1)
    doc.p(
        "June - I've done the food hygiene certificate and passed. My sales have gone up a lot since I wrote "
        "this plan and I'm more confident now, my team leader has noticed. I've booked the photography course "
        "for September. I haven't asked about underwriting yet because we've been really busy with the renewals "
        "backlog, but I will."
    )
    doc.p(
        "I've been reading The Chimp Paradox and I'm about halfway through. It's made me think about why I get "
        "stressed when a customer starts shouting about the price and I'm trying to use some of the ideas. "
        "I'm still not great at taking lunch breaks."
    )

    doc.h("Next steps", 1)
    doc.p(
        "Finish the photography course and the book. Keep my sales up. Have a chat with my manager about "
        "promotion at my next one-to-one. I'd also like to look at doing a counselling skills course next year "
        "because I think it would be interesting and might be useful if I go into HR. Overall I think I'm "
        "heading in the right direction and I've already achieved a lot this year."
    )
    doc.save(f"{stem}.docx")

    write_expectation(
        stem,
        """
file: weak_insurance_irrelevant_courses.docx
summary: "Motor insurance renewals sales adviser. Word Heading styles, short bulleted strengths and weaknesses with a loose career goal, five numbered vague objectives, a three-column table of unrelated courses and hobbies, and a single 'June' update claiming sales are up."
layout: [styled-headings, list-bullet, list-number, pdp-table]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: partially_met, why: "States a career direction (underwriting 'or possibly HR') and lists strengths and areas to work on (call length, confidence on price objections, underwriting knowledge), but briefly and with no sales figures, QA results or feedback as evidence ('My sales are good')."}
  smart-objectives:  {verdict: not_met, why: "'Sell more policies and add-ons', 'Be more confident on the phone', 'Do more courses', 'Get a promotion' and 'better work-life balance' have no baseline, target, deadline or link to a KPI such as retention or conversion rate."}
  development-plan:  {verdict: not_met, why: "The plan is food hygiene, a photography evening class, a make-up taster day and a self-help book, chosen out of interest; the one relevant action (time with underwriting) is 'sometime this year'. No learning needs tied to the role, no resources and no success criteria."}
  monitoring:        {verdict: not_met, why: "One update dated only 'June' with no review meeting; 'My sales have gone up a lot' and 'my team leader has noticed' have no figures, and the underwriting action is not re-planned."}
findings:
  - vague-objective         # 'Sell more policies', 'Be more confident on the phone', 'Get a promotion'
  - no-kpi-link             # no objective names retention, conversion or any other KPI
  - irrelevant-activity     # food hygiene certificate, make-up artistry day
  - hobby-not-professional  # photography evening class as a 'creative hobby'
  - plan-not-reviewed       # one 'June' update, no review with anyone
  - uncorroborated-claim    # 'My sales have gone up a lot', 'my team leader has noticed'
""",
    )


# --------------------------------------------------------------------------- 10 weak


def weak_telecoms_team_leader_workbook() -> None:
    stem = "weak_telecoms_team_leader_workbook"
    wb = new_workbook()
    ws = wb.active
    ws.title = "About me"
    fill(
        ws,
        [
            ["PDP 2025", None],
            ["Name", "Darren Hall"],
            [
                "Role",
                "Team Leader - Pay Monthly customer services, Northpoint Mobile (Sunderland site)",
            ],
            ["Team", "14 advisers"],
            [
                "About me",
                "I've been a team leader for just over two years now after being an adviser for four. "
                "I think I'm a good team leader, my team like me and I have a good relationship with them. "
                "I'm approachable and I always have time for people, and I'd like to think I lead by example. "
                "I know the job inside out because I've done it myself, so I can help with pretty much any query.",
            ],
            [
                "Strengths",
                "People skills, approachable, good sense of humour, hard working, know the systems really well, "
                "stay calm when it's busy.",
            ],
            [
                "Anything to improve",
                "Probably my organisation, my inbox gets out of hand sometimes. I could also be better "
                "at the admin side, like getting return-to-work forms and one-to-one notes done on time, "
                "but I'd rather be on the floor with the team than sat at my desk.",
            ],
            [
                "Future",
                "Would like to be an ops manager one day. I think I'd be good at it because I'm good with people "
                "and I know how the floor works. I'll probably go for it when a job comes up.",
            ],
            [
                "This year",
                "It's been a busy year with the billing system migration in the summer, which caused a lot of "
                "extra calls and long queues, and a couple of people leaving the team. I've tried to keep "
                "everyone's spirits up and make sure people still enjoy coming to work, because if the team are "
                "happy the stats will look after themselves. I want this plan to be about making the team the "
                "best on the floor and getting myself ready for the next step.",
            ],
        ],
        header_row=None,
        widths=[22, 110],
    )
    for cell in ws["A"]:
        cell.font = Font(bold=True)

    ws2 = wb.create_sheet("My PDP")
    fill(
        ws2,
        [
            ["Goal", "How I'll do it", "When", "Done?"],
            [
                "Improve team morale",
                "Team night out every couple of months, bring treats in on a Friday, "
                "monthly team quiz",
                "Ongoing",
                "In progress - night out in March went really well",
            ],
            [
                "Get the team's stats up",
                "Keep an eye on the stats and talk to people who are struggling, "
                "put the leaderboard up on the big screen",
                "This year",
                "In progress",
            ],
            [
                "Be a better leader",
                "Read some leadership books (Simon Sinek 'Leaders Eat Last'), "
                "listen to podcasts on the drive in",
                "2025",
                "Reading it now",
            ],
            [
                "Sort out my work-life balance",
                "Headspace app, stop answering Teams messages on my days off",
                "ASAP",
                "Sort of",
            ],
            [
                "Do the Great North Run for charity with the team",
                "Couch to 5K, then training runs with some of the team on Sunday mornings",
                "September 2025",
                "Done! Raised £1,240 for the hospice",
            ],
            [
                "Be more organised",
                "Use a to-do list, clear my inbox every Friday",
                "Ongoing",
                "Getting there",
            ],
            [
                "Get my advisers more involved",
                "Ask for ideas in huddles, maybe a suggestions box",
                "When I get time",
                "Not started",
            ],
            [
                "Get better at one-to-ones",
                "Try to do them more regularly, maybe every month if the queue allows, "
                "and use the template HR sent round",
                "When things calm down",
                "Not started - too busy with the migration",
            ],
            [
                "Learn more about the new system",
                "Pick it up as I go and ask IT when I'm stuck",
                "Ongoing",
                "Getting there",
            ],
        ],
        widths=[34, 60, 16, 40],
    )

    ws3 = wb.create_sheet("Reviews")
    fill(
        ws3,
        [
            ["Date", "Who with", "Notes"],
            [
                "TBC",
                "Dave (ops manager)",
                "Need to book this in - kept getting moved because of the system migration.",
            ],
            [
                None,
                None,
                "Overall the team are in a much better place than last year and morale has massively improved "
                "since the night out. Stats are better too. Dave is happy with how things are going.",
            ],
            [
                None,
                None,
                "The Great North Run was the highlight of the year - eight of us did it and it really brought "
                "the team together. I think that's the kind of thing that makes a difference, more than "
                "targets. I'll add more goals for next year once I've had my review with Dave.",
            ],
        ],
        widths=[14, 24, 90],
    )
    save_workbook(wb, f"{stem}.xlsx")

    write_expectation(
        stem,
        """
file: weak_telecoms_team_leader_workbook.xlsx
summary: "Mobile network team leader. Workbook: an 'About me' sheet of label and answer rows, a 'My PDP' sheet of vague goals mixed with social and personal aims ('Ongoing', 'ASAP', 'This year') and a 'Reviews' sheet whose only entry is dated 'TBC', followed by undated, unevidenced claims."
layout: [xlsx, label-value-sheet, text-dates, reviews-sheet, team-leader]
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: not_met, why: "Self-praise ('I think I'm a good team leader, my team like me') and generic strengths; the only gaps are inbox and admin, the career goal is 'ops manager one day', and there is no team or personal data, feedback or other evidence."}
  smart-objectives:  {verdict: not_met, why: "'Improve team morale', 'Get the team's stats up', 'Be a better leader', 'Be more organised' name no KPI, baseline, target or date; the rest are personal or social (work-life balance, Great North Run)."}
  development-plan:  {verdict: not_met, why: "Activities are a team night out, Friday treats, a quiz, a popular leadership book, podcasts, the Headspace app and running; no leadership learning needs, no resources, no dates for work activities beyond 'Ongoing', 'ASAP' and 'This year', and no success criteria."}
  monitoring:        {verdict: not_met, why: "No review has taken place: the Reviews sheet's only entry is dated 'TBC' (the meeting kept being moved), and 'morale has massively improved' and 'Stats are better' are claims without figures; nothing is adjusted."}
findings:
  - vague-objective         # 'Improve team morale', 'Get the team's stats up', 'Be a better leader'
  - no-kpi-link             # no AHT, FCR, CSAT, adherence or other KPI anywhere in the goals
  - hobby-not-professional  # Great North Run training, Headspace, team night out as development
  - plan-not-reviewed       # Reviews sheet entry dated 'TBC'; no meeting held
  - uncorroborated-claim    # 'morale has massively improved', 'Stats are better too'
""",
    )


# --------------------------------------------------------------------------- main


BUILDERS = [
    strong_energy_styled_pdp_table,
    strong_bank_team_leader_bold_reviews,
    strong_insurance_workbook_three_sheets,
    mixed_telecoms_no_headings_plan_prose,
    mixed_council_styled_vague_objectives,
    mixed_retail_bold_no_reviews,
    mixed_bank_workbook_single_review,
    weak_energy_hobbies_no_headings,
    weak_insurance_irrelevant_courses,
    weak_telecoms_team_leader_workbook,
]


def main() -> None:
    PORTFOLIOS.mkdir(parents=True, exist_ok=True)
    EXPECTATIONS.mkdir(parents=True, exist_ok=True)
    for build in BUILDERS:
        build()
    print(f"wrote {len(BUILDERS)} portfolios to {PORTFOLIOS} and expectations to {EXPECTATIONS}")


if __name__ == "__main__":
    main()
