"""Generate the development set of marked learner portfolios (deterministic).

Writes 14 portfolios (11 .docx, 3 .xlsx) to ``portfolios/`` and one expectation
YAML per portfolio to ``expectations/``, next to this script.  No randomness is
used and every Office zip is rewritten with fixed timestamps, so two runs give
byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import io
import json
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
REFERENCE_DATE = "2025-11-20"
POINTS = ("self-assessment", "smart-objectives", "development-plan", "monitoring")
D = dt.date


# --------------------------------------------------------------------------- helpers


def normalise_zip(path: Path) -> None:
    """Rewrite an Office zip with fixed dates, sorted entries and fixed core dates."""
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    core = "docProps/core.xml"
    if core in items:
        text = items[core].decode("utf-8")
        text = re.sub(
            r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
            r"\g<1>2025-11-20T00:00:00Z\g<3>",
            text,
        )
        items[core] = text.encode("utf-8")
    names = sorted(items, key=lambda n: (n != "[Content_Types].xml", n))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            zout.writestr(info, items[name])
    path.write_bytes(buf.getvalue())


def _heading(doc, text: str, level: int, mode: str) -> None:
    if mode == "styled":
        doc.add_heading(text, level)
    elif mode == "bold":
        para = doc.add_paragraph()
        run = para.add_run(text)
        run.bold = True
        if level == 0:
            run.font.size = Pt(14)
    elif level == 0:
        doc.add_paragraph(text)
    # mode "none": section headings are simply absent


def build_docx(path: Path, blocks: list, mode: str) -> None:
    """blocks: ("title", t) ("h", t) ("h2", t) ("p", t) ("bullets", [..]) ("numbers", [..]) ("table", [rows])."""
    doc = Document()
    props = doc.core_properties
    props.author = "Learner"
    props.last_modified_by = "Learner"
    props.created = FIXED
    props.modified = FIXED
    props.revision = 1
    for kind, content in blocks:
        if kind == "title":
            _heading(doc, content, 0, mode)
        elif kind == "h":
            _heading(doc, content, 1, mode)
        elif kind == "h2":
            _heading(doc, content, 2, mode)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "bullets":
            for item in content:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "numbers":
            for item in content:
                doc.add_paragraph(item, style="List Number")
        elif kind == "table":
            header, *rows = content
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            doc.add_paragraph("")
        else:
            raise ValueError(kind)
    doc.save(path)
    normalise_zip(path)


def build_xlsx(path: Path, sheets: list[dict]) -> None:
    """sheets: dicts with name, rows, optional hidden, merge, widths, title_rows."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Learner"
    wb.properties.lastModifiedBy = "Learner"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    for spec in sheets:
        ws = wb.create_sheet(spec["name"])
        header_row = spec.get("header_row")
        for r, row in enumerate(spec["rows"], start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                if isinstance(value, tuple) and value[0] == "%":
                    cell = ws.cell(row=r, column=c, value=value[1])
                    cell.number_format = "0%"
                else:
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.date):
                        cell.number_format = "DD/MM/YYYY"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r == header_row or (r == 1 and spec.get("title")):
                    cell.font = Font(bold=True)
        for rng in spec.get("merge", []):
            ws.merge_cells(rng)
        for col, width in spec.get("widths", {}).items():
            ws.column_dimensions[col].width = width
        if spec.get("hidden"):
            ws.sheet_state = "hidden"
    wb.save(path)
    normalise_zip(path)


def write_expectation(stem: str, spec: dict) -> None:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731  (JSON string = YAML double-quoted)
    lines = [
        f"file: {spec['file']}",
        f"summary: {q(spec['summary'])}",
        f"layout: [{', '.join(spec['layout'])}]",
        f"reference_date: {REFERENCE_DATE}",
        "marking_points:",
    ]
    for point in POINTS:
        verdict, why = spec["points"][point]
        pad = " " * (18 - len(point))
        lines.append(f"  {point}:{pad}{{verdict: {verdict}, why: {q(why)}}}")
    lines.append(f"findings: [{', '.join(spec['findings'])}]")
    (EXPECTATIONS / f"{stem}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- portfolios


def p01_strong_energy_billing_styled():
    blocks = [
        ("title", "Personal Development Portfolio – Billing and Payments Adviser"),
        (
            "p",
            "Name: Priya Nair. Employer: Northwold Energy, Leeds customer operations centre. Role: Billing and Payments Adviser (inbound calls and webchat), in post since October 2023. Line manager: Gemma Hartley, Team Leader.",
        ),
        ("h", "1. Self-assessment against my career goal"),
        (
            "p",
            "My career goal is to move into the Level 2 Complaints Resolution team within the next twelve months and, longer term, to apply for an acting team leader post. Complaints specialists need excellent knowledge of billing rules, strong call control and the ability to calm a customer down without escalating. I have assessed myself against those requirements using my own dashboard figures for April to June 2025, my QA reports and the comments customers leave in post-call surveys.",
        ),
        (
            "table",
            [
                ["Skill / behaviour", "My rating (1–5)", "Evidence"],
                [
                    "Rapport and empathy",
                    "4",
                    'CSAT 4.6/5 over Q2 against a team average of 4.3. Customer comment 14/05/2025: "Priya explained my bill properly for the first time in a year."',
                ],
                [
                    "Accuracy and compliance",
                    "4",
                    "QA average 88% over the last three monthly evaluations; no data protection fails since January.",
                ],
                [
                    "Call control and handling time",
                    "2",
                    "AHT 9:45 in June 2025 against the site target of 8:30. QA feedback on 20/06 said I let calls drift while I check tariffs.",
                ],
                [
                    "Resolving first time",
                    "2",
                    "FCR 68% (seven-day repeat contact measure) against the company target of 75%.",
                ],
                [
                    "Back-billing and payment plan rules",
                    "2",
                    "I still ask the floor walker about back-billing limits and Ofgem debt rules on roughly three calls a week.",
                ],
                [
                    "De-escalation",
                    "3",
                    "6% of my handled calls were escalated to a team leader in Q2; the team figure is 4%.",
                ],
            ],
        ),
        (
            "p",
            "In summary, my strengths are rapport and accuracy, which the figures above support. My main areas to develop are handling time, first contact resolution, technical knowledge of billing regulations and de-escalation – all of which I will need as a complaints specialist.",
        ),
        ("h", "2. SMART work objectives"),
        (
            "numbers",
            [
                "Reduce my average handling time from 9:45 to 8:30 or below by 31 October 2025, measured on my weekly performance dashboard, while keeping my QA score at 85% or above. This supports the site target of an 8:30 AHT in the Customer Operations balanced scorecard.",
                "Increase my first contact resolution from 68% to 75% by 30 September 2025, measured by the seven-day repeat contact report. This contributes to the company FCR target of 75% and to reducing avoidable demand.",
                "Reduce the proportion of my calls escalated to a team leader from 6% to 4% by 30 November 2025, measured in the monthly escalation log. This supports the organisational objective of cutting Ofgem-reportable complaints by 10% this financial year.",
            ],
        ),
        ("h", "3. Personal development plan"),
        (
            "table",
            [
                [
                    "Learning need",
                    "Development activity",
                    "Resources / support",
                    "Timeline",
                    "Success measure",
                ],
                [
                    "Back-billing and payment plan rules",
                    "Complete the internal 'Billing Codes of Practice' e-learning; two shadowing sessions with the Complaints team",
                    "LMS module; Sam Okafor (complaints SME); two hours off-phone agreed by Gemma",
                    "2 June – 30 June 2025",
                    "Module assessment passed at 85%+; fewer than one floor-walker query a week",
                ],
                [
                    "Call control",
                    "Fortnightly call listening with my team leader using the five-step call structure checklist",
                    "Gemma Hartley; recorded calls in the QA system",
                    "June – October 2025",
                    "AHT at or below 8:30 for four consecutive weeks",
                ],
                [
                    "System navigation",
                    "Learn CRM shortcuts and practise in the training sandbox for 30 minutes each week",
                    "Super-user Dan Whitley; CRM sandbox login; shortcuts guide",
                    "By 31 July 2025",
                    "Average hold time under 60 seconds",
                ],
                [
                    "De-escalation",
                    "'Handling Difficult Conversations' workshop; weekly buddy session with a senior adviser",
                    "L&D workshop place (booked 15 July); senior adviser Kerry Ross",
                    "July – November 2025",
                    "Escalations at or below 4% by 30 November 2025",
                ],
            ],
        ),
        ("h", "4. Reviews of progress"),
        (
            "p",
            "I review the plan with Gemma in my monthly one-to-one. Figures are taken from the dashboard on the day of the review.",
        ),
        (
            "table",
            [
                ["Date", "Progress", "Reflection", "Adjustment and reason"],
                [
                    "30/06/2025",
                    "E-learning passed (91%). AHT 9:20, FCR 70%, escalations 5.8%.",
                    "Most of my long calls are holds while I look up old tariffs.",
                    "Added a tariff quick-reference sheet to my desk so I stop searching the intranet mid-call.",
                ],
                [
                    "31/07/2025",
                    "AHT 9:05, FCR 72%, escalations 5.5%. Shortcuts practice complete; hold time 58 seconds.",
                    "Progress is steady but the workshop was cancelled by L&D.",
                    "Workshop moved to 16 September. Buddy sessions increased from one to two a week until then so that I do not lose momentum on de-escalation.",
                ],
                [
                    "29/08/2025",
                    "AHT 8:50, FCR 74%, escalations 5.0%.",
                    "The call structure checklist is now a habit; I recap actions before closing.",
                    "No change needed.",
                ],
                [
                    "30/09/2025",
                    "FCR 74.5% – narrowly missed the 75% target. AHT 8:41. Workshop attended 16/09.",
                    "The October price-cap change drove a spike in repeat contacts across the whole site in late September.",
                    "FCR deadline extended to 31 October and I have added a check of open cases before ending every call. Agreed with Gemma because the miss was partly outside my control.",
                ],
                [
                    "31/10/2025",
                    "AHT 8:28 for four weeks running – objective met. FCR 76% – met. Escalations 4.4%.",
                    "Call control has clearly improved; QA stayed at 89%.",
                    "Escalation objective continues to 30 November. Next step: express interest in the December Complaints Resolution intake.",
                ],
            ],
        ),
    ]
    spec = {
        "summary": "Energy billing adviser. Word Heading styles; skills ratings table with KPI and QA evidence; three numbered SMART objectives; five-column plan table with resources; five monthly reviews in a table with dated adjustments and reasons.",
        "layout": ["styled-headings", "ratings-matrix", "list-number", "pdp-table", "review-table"],
        "points": {
            "self-assessment": (
                "met",
                "Career goal (Level 2 Complaints team, then acting TL) with strengths and areas to develop rated and evidenced: CSAT 4.6/5, QA 88%, AHT 9:45 vs 8:30, FCR 68% vs 75%, escalations 6% vs 4%, and a dated customer comment.",
            ),
            "smart-objectives": (
                "met",
                "Three objectives with baseline, target, deadline and measure, each tied to a named organisational KPI: AHT 9:45 to 8:30 by 31/10/2025, FCR 68% to 75% by 30/09/2025, escalations 6% to 4% by 30/11/2025.",
            ),
            "development-plan": (
                "met",
                "Table gives learning needs, activities, named resources and support (SME, team leader, super-user, L&D place), timelines and measurable success criteria for every row.",
            ),
            "monitoring": (
                "met",
                "Five monthly dated reviews with KPI figures and reflection; plan adjusted with reasons (workshop cancelled so buddy sessions doubled; FCR deadline extended after price-cap spike, with an extra open-case check).",
            ),
        },
        "findings": [],
    }
    return "strong_energy_billing_styled", "docx", blocks, "styled", spec


def p02_strong_housing_repairs_bold_prose():
    blocks = [
        ("title", "Calderbrook Homes – Repairs Contact Centre: My Development Portfolio"),
        (
            "p",
            "Adviser: Tom Kershaw, Repairs Line Adviser, Bradford. Portfolio period: July to December 2025. Supervisor: Aisha Begum.",
        ),
        ("h", "Where I am now and where I want to get to"),
        (
            "p",
            "I have worked on the repairs line for eighteen months, taking calls from tenants reporting faults and booking jobs for our in-house trades. My aim is to become a Repairs Planner in 2026, which means scheduling operatives, understanding trade diagnosis in depth and working to the Housing Ombudsman's Complaint Handling Code. I looked at what the planners do, spoke to the planning manager and compared this with my own performance data and feedback.",
        ),
        (
            "p",
            "Strengths: my quality score averaged 91% from March to May 2025, and in the May calibration session my call on a vulnerable tenant with no heating was used as a good example of checking vulnerability and priority. Tenant satisfaction with my calls was 87% in the last quarter (team 82%). A tenant wrote in on 3 June to thank me for 'actually listening' about her daughter's asthma and the damp in her bedroom.",
        ),
        (
            "p",
            "Areas to develop: 9% of the jobs I book are returned by operatives as the wrong trade or wrong job description (the target is 5%), which costs a second visit. My first-time appointment booking rate – where the tenant gets a booked slot on the first call – is 79% against the team target of 85%, usually because I do not know the planners' diary rules. I also have limited knowledge of damp and mould triage, which is now a priority for the organisation after the change in regulation.",
        ),
        ("h", "My objectives"),
        (
            "bullets",
            [
                "Reduce my wrong-trade / incorrect diagnosis rate from 9% to 5% by 31 December 2025, measured by the monthly operative return report. This supports the organisation's 'right first time repairs' KPI of 92%.",
                "Increase my first-time appointment booking rate from 79% to 85% by 30 November 2025, measured on the repairs dashboard. This is the contact centre's first contact resolution measure.",
                "Keep my quality score at 90% or above every month from July to December 2025, including full marks on the vulnerability and priority section, which supports our compliance with the Complaint Handling Code.",
            ],
        ),
        ("h", "Development plan"),
        (
            "p",
            "Learning need 1 – repairs diagnosis. I will spend one afternoon a month from July to October shadowing a multi-trade operative on visits, and I will complete the 'Diagnosing Common Repairs' module on the learning portal by 31 August. The shadowing has been agreed by Aisha and the repairs manager, Phil Dowd; cover for my shifts is arranged through the workforce planning team. I will know this has worked when my wrong-trade rate is at 5% or below on the December report.",
        ),
        (
            "p",
            "Learning need 2 – diary and scheduling rules. I will sit with a planner, Joanne Reid, for two hours every fortnight from mid-July to the end of September, and I will use the planners' diary rules guide as a desk reference. Resources: Joanne's time, read-only access to the scheduling system (requested via IT on 7 July). Success measure: first-time booking rate of 85% by 30 November and being able to book emergency and routine slots without asking for help.",
        ),
        (
            "p",
            "Learning need 3 – damp and mould triage. I will complete the external 'Damp and Mould Awareness' half-day course run by our housing federation by 30 September, paid from the team training budget (£95), and read the new internal damp and mould policy. Success measure: 100% of damp and mould calls in my QA sample correctly categorised, and my quality score staying at 90% or more.",
        ),
        ("h", "Progress reviews"),
        (
            "p",
            "4 August 2025 (with Aisha). Diagnosis module half done. Wrong-trade rate for July was 8.2%, first-time booking 80%, quality 92%. Two shadowing sessions with Joanne completed. I realised most of my wrong-trade returns are plumbing versus heating, so we agreed I will focus my operative shadowing on a heating engineer rather than a general multi-trader. Reason: that is where most of the errors come from.",
        ),
        (
            "p",
            "8 September 2025. Module completed on 28 August. Wrong-trade 7.1%, first-time booking 82%, quality 90%. The scheduling system access still has not come through because IT are migrating the system, so the planner sessions have been less useful. Adjustment: instead of practising on the system I will sit in on the planners' morning allocation meeting on Tuesdays until access is sorted, and the booking target date stays the same.",
        ),
        (
            "p",
            "13 October 2025. Damp and mould course attended 24 September; all four damp calls in my QA sample were categorised correctly. Wrong-trade 6.0%, first-time booking 84%, quality 93%. Access to the scheduling system arrived on 1 October. Reflection: I now ask two more questions on every heating call and this is working. No change to the plan except adding one more heating shadow day in November because I missed the October one through sickness.",
        ),
        (
            "p",
            "10 November 2025. Wrong-trade 5.4% for October, first-time booking 86% – objective met ahead of the November deadline. Quality 91%. I am on track for the 5% wrong-trade target by December. Aisha and I agreed to add a new objective for the first quarter of 2026 on planning accuracy, to prepare for the planner vacancy expected in February.",
        ),
    ]
    spec = {
        "summary": "Housing association repairs-line adviser. Bold-line section headings; prose self-assessment with QA, satisfaction and complaint evidence; bulleted SMART objectives; plan written as prose paragraphs covering need, activity, resources, dates and measures; four dated review paragraphs with adjustments.",
        "layout": [
            "bold-headings",
            "prose-self-assessment",
            "list-bullet",
            "pdp-prose",
            "review-paragraphs",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Repairs Planner in 2026 set against strengths and areas to develop, evidenced by QA 91%, satisfaction 87% vs 82%, calibration example, tenant letter, wrong-trade 9% vs 5% and first-time booking 79% vs 85%.",
            ),
            "smart-objectives": (
                "met",
                "Wrong-trade 9% to 5% by 31/12/2025 (right-first-time KPI 92%), first-time booking 79% to 85% by 30/11/2025 (FCR measure), quality 90%+ monthly July–December: specific, measured, dated and linked to organisational KPIs.",
            ),
            "development-plan": (
                "met",
                "Although written in prose, each of the three needs has activities, named people and resources (planner, repairs manager, system access, £95 course budget), dates and a measurable success criterion.",
            ),
            "monitoring": (
                "met",
                "Four dated monthly reviews with figures and reflection; adjustments with reasons (shadow a heating engineer because most errors are heating; attend allocation meetings while system access is delayed; extra shadow day after sickness).",
            ),
        },
        "findings": [],
    }
    return "strong_housing_repairs_bold_prose", "docx", blocks, "bold", spec


def p03_strong_team_leader_broadband():
    blocks = [
        ("title", "Team Leader Development Portfolio"),
        (
            "p",
            "Fiona McLeod – Team Leader, Customer Retention, Brightwave Broadband (Glasgow). I lead a team of 12 advisers handling calls from customers who want to cancel or downgrade. Reporting to: Craig Dunlop, Operations Manager.",
        ),
        ("h", "Self-assessment"),
        (
            "p",
            "My career goal is to become an Operations Manager within two years. To test myself against that role I used the company's leadership competency framework, a 360 feedback exercise completed in May 2025 (my manager, two peers and six of my advisers), Craig's observation notes from two team huddles, and my team's scorecard.",
        ),
        ("h2", "Strengths"),
        (
            "bullets",
            [
                "Coaching individuals: 360 feedback scored me 4.5/5 on 'gives useful feedback'. Two advisers I coached through the 2024 quality drive moved from below 75% QA to above 85%.",
                "Building morale: team attrition was 8% in the last twelve months against 19% for the retention department.",
                "Customer focus: my own calibration scores match the QA team within 3 percentage points in 10 of the last 12 sessions.",
            ],
        ),
        ("h2", "Areas to develop"),
        (
            "bullets",
            [
                "Using data to plan: my team's schedule adherence is 86% against a target of 92%, and Craig noted that I react to the intraday report rather than planning ahead.",
                "Difficult performance conversations: the 360 scored me 2.8/5 on 'tackles poor performance promptly'. I have one adviser whose save rate has been below 25% for three months without a formal plan.",
                "Commercial awareness: our team save rate is 38% against the department target of 42%, and I am not confident explaining the offer margins that Operations Managers are expected to manage.",
            ],
        ),
        ("h", "SMART objectives"),
        (
            "p",
            "Three of my objectives are team-level, because as a team leader my results are my team's results; the fourth is about my own qualification.",
        ),
        (
            "numbers",
            [
                "Raise the team save rate from 38% to 43% by 31 December 2025, measured on the weekly retention scorecard, contributing to the department target of 42%.",
                "Improve team schedule adherence from 86% to 92% by 30 September 2025, measured on the workforce management adherence report, supporting the centre's service level of 80% of calls answered in 30 seconds.",
                "Hold a documented one-to-one coaching session with every adviser each fortnight from 1 July 2025, with 95% completion in the coaching log, and raise the team QA average from 82% to 87% by 30 November 2025.",
                "Complete the ILM Level 3 unit 'Leading a team to improve performance', including the work-based assignment, by 31 October 2025.",
            ],
        ),
        ("h", "Personal development plan"),
        (
            "table",
            [
                [
                    "What I need to learn",
                    "How",
                    "Support / resources",
                    "By when",
                    "How I will know",
                ],
                [
                    "Workforce planning and adherence",
                    "Two days shadowing the WFM analyst; build a weekly adherence review into my Monday huddle",
                    "WFM analyst Ross Gillespie; WFM reporting access",
                    "Shadowing by 31 July; huddle from 4 August",
                    "Adherence 92% by 30 September",
                ],
                [
                    "Managing under-performance",
                    "HR 'Performance Conversations' workshop; role-play with Craig; apply the capability policy to one live case",
                    "HR business partner; capability policy; Craig's time (30 min a week)",
                    "Workshop 22 July; live case by 31 August",
                    "Formal plan in place and adviser at 35% save rate by 31 October",
                ],
                [
                    "Commercial awareness",
                    "Monthly session with the pricing team on offer margins; read the retention P&L summary",
                    "Pricing manager Leanne Ward; monthly P&L pack",
                    "July – December 2025",
                    "Able to present the team's cost per save at the December ops review",
                ],
                [
                    "Coaching at scale",
                    "ILM Level 3 unit; GROW model practice in fortnightly one-to-ones",
                    "ILM tutor (company-funded); coaching log template",
                    "Assignment due 31 October",
                    "Unit passed; QA average 87% by 30 November",
                ],
            ],
        ),
        ("h", "Monitoring and reflection"),
        ("p", "Craig and I review the plan at our monthly one-to-one; I keep the notes here."),
        (
            "p",
            "29 July 2025: Save rate 39%, adherence 87%, QA 83%. Coaching log 100% for July. WFM shadowing done. Workshop attended on 22 July. Reflection: I found the role-play uncomfortable but useful. No changes.",
        ),
        (
            "p",
            "26 August 2025: Save rate 40%, adherence 88%. The under-performing adviser is now on a formal plan. Two new starters joined on 11 August and their adherence is pulling the team down (74% and 71%). Adjustment: the new starters will sit with buddies for their first six weeks and I will review their schedules daily. I have asked to move the adherence deadline to 31 October because the team's make-up has changed; Craig agreed.",
        ),
        (
            "p",
            "30 September 2025: Adherence 90% (new starters now 85%+). Save rate 41%. QA 85%. The ILM assessor can only mark assignments submitted by 24 October, so I brought my deadline forward by a week.",
        ),
        (
            "p",
            "28 October 2025: Adherence 92.4% – met. ILM assignment submitted 22 October. Save rate 42%, QA 86%. The adviser on the plan reached 33%, close to the 35% target; we agreed to continue the plan for one more month rather than escalate, because the trend is improving.",
        ),
        (
            "p",
            "18 November 2025: ILM unit passed. QA average 87.5% – met. Save rate 42.6%, on track for 43% by December.",
        ),
    ]
    spec = {
        "summary": "Retention team leader, broadband. Word Heading styles with sub-headings; bulleted strengths and areas with 360, scorecard and attrition evidence; three team-level SMART objectives plus a personal qualification objective; plan table with support; five dated review paragraphs with adjustments.",
        "layout": [
            "styled-headings",
            "team-leader",
            "list-bullet",
            "list-number",
            "pdp-table",
            "review-paragraphs",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Operations Manager in two years, assessed against the competency framework with 360 scores (4.5/5, 2.8/5), attrition 8% vs 19%, calibration record, adherence 86% vs 92% and save rate 38% vs 42%.",
            ),
            "smart-objectives": (
                "met",
                "Team-level objectives are legitimately the team leader's own work objectives and each is SMART and KPI-linked (save rate 38% to 43% by 31/12, adherence 86% to 92% by 30/09, QA 82% to 87% by 30/11); plus a dated ILM objective.",
            ),
            "development-plan": (
                "met",
                "Four learning needs with activities, named support and resources, dates and measurable success criteria.",
            ),
            "monitoring": (
                "met",
                "Five dated monthly reviews with figures; adjustments with reasons (buddies and daily review for new starters, adherence deadline moved to 31/10, ILM deadline brought forward, under-performance plan extended because the trend is improving).",
            ),
        },
        "findings": [],
    }
    return "strong_team_leader_broadband", "docx", blocks, "styled", spec


def p04_strong_workbook_motor_claims():
    sa_rows = [
        ["Harlow Mutual – Motor Claims FNOL: Self-assessment (Callum Price)", None, None],
        [None, None, None],
        ["Item", "My assessment", "Evidence"],
        [
            "Current role",
            "First Notification of Loss (FNOL) claims handler, inbound calls, since March 2024",
            "Job description v3",
        ],
        [
            "Career goal",
            "Move to Motor Claims Negotiator (handling liability disputes) by mid-2026",
            "Discussed at appraisal 02/05/2025",
        ],
        [
            "Strength – accuracy",
            "I capture claim details accurately and rarely need to call customers back",
            "Data quality audit: 97% of my claims complete at first notification (target 95%)",
        ],
        [
            "Strength – empathy after accidents",
            "I handle distressed customers well and follow the vulnerable customer process",
            "CSAT 4.7/5 for Q1 2025; QA empathy section 100% in four of the last five evaluations",
        ],
        [
            "Develop – handling time",
            "My calls run long because I type notes during silences instead of summarising at the end",
            "AHT 14:10 in April 2025 vs team target 12:30",
        ],
        [
            "Develop – liability knowledge",
            "I cannot yet explain fault and split liability clearly, which negotiators must do",
            "3 complaints in Q1 about unclear explanations of fault; QA comment 11/04/2025",
        ],
        [
            "Develop – transfers",
            "I transfer too many calls to the Third Party Capture team instead of dealing with them myself",
            "Transfer rate 11% vs team 6%",
        ],
    ]
    obj_rows = [
        ["SMART objectives", None, None, None, None, None],
        [None, None, None, None, None, None],
        ["Objective", "KPI", "Baseline", "Target", "Deadline", "Organisational goal supported"],
        [
            "Shorten my FNOL calls by summarising notes at the end of the call and using claim templates",
            "AHT",
            "14:10",
            "12:30",
            D(2025, 9, 30),
            "Claims centre AHT 12:30; service level 85% in 20 seconds",
        ],
        [
            "Handle third-party capture myself instead of transferring",
            "Transfer rate",
            ("%", 0.11),
            ("%", 0.06),
            D(2025, 8, 31),
            "Reduce internal transfers by 30% (Claims plan 2025)",
        ],
        [
            "Explain fault and liability clearly so that customers understand next steps",
            "Complaints about explanations (per quarter)",
            "3",
            "0",
            D(2025, 12, 31),
            "Complaints per 1,000 claims below 4",
        ],
        [
            "Keep data quality high while reducing AHT",
            "First-notification completeness",
            ("%", 0.97),
            ("%", 0.95),
            D(2025, 12, 31),
            "Claims leakage reduction",
        ],
    ]
    plan_rows = [
        ["Personal development plan", None, None, None, None, None],
        [None, None, None, None, None, None],
        [
            "Learning need",
            "Activity",
            "Resources / support",
            "Start",
            "Target date",
            "Success measure",
        ],
        [
            "Note-taking and call structure",
            "Use the new FNOL note templates; weekly call review with my team leader",
            "Team leader Natalie Shaw; template library; QA recordings",
            D(2025, 5, 12),
            D(2025, 9, 30),
            "AHT 12:30 or lower for a full month",
        ],
        [
            "Third-party capture",
            "Complete TPC e-learning and three sit-alongs with the TPC team",
            "LMS module TPC-02; TPC lead Amir Hussain",
            D(2025, 5, 19),
            D(2025, 7, 31),
            "Transfer rate 6% or below",
        ],
        [
            "Liability principles",
            "Internal 'Liability Basics' course and monthly case discussion with a negotiator mentor",
            "Course place (Claims Academy); mentor Joanne Platt",
            D(2025, 6, 2),
            D(2025, 11, 28),
            "No complaints about fault explanations in Q4; pass course quiz 80%+",
        ],
        [
            "Keyboard efficiency",
            "Practise claim system shortcuts in the training environment, 20 minutes a week",
            "Training environment login; super-user cheat sheet",
            D(2025, 5, 12),
            D(2025, 7, 31),
            "Fewer than 30 seconds of silence per call in QA samples",
        ],
    ]
    rev_rows = [
        ["Reviews", None, None, None, None],
        [None, None, None, None, None],
        ["Date", "Reviewed with", "Progress (figures)", "Reflection", "Adjustment and reason"],
        [
            D(2025, 6, 16),
            "Natalie Shaw",
            "AHT 13:40; transfer rate 9%; TPC e-learning passed",
            "Templates help, but I still type during silences on complex multi-vehicle claims.",
            "Added a 'summarise at the end' prompt to my screen. No change to targets.",
        ],
        [
            D(2025, 7, 21),
            "Natalie Shaw",
            "AHT 13:05; transfer rate 6.5%; shortcuts practice complete",
            "Sit-alongs with TPC were the most useful part; confident on single third-party claims.",
            "Added a fourth sit-along focused on multi-vehicle claims because those still get transferred.",
        ],
        [
            D(2025, 8, 29),
            "Natalie Shaw",
            "AHT 12:50; transfer rate 5.8% (met); completeness 96%",
            "Completeness slipped one point as AHT fell.",
            "Added a completeness check to my weekly review so speed does not cost accuracy.",
        ],
        [
            D(2025, 9, 30),
            "Natalie Shaw",
            "AHT 12:41 – missed 12:30 by 11 seconds",
            "September had a storm surge with long multi-claim calls; my non-storm AHT was 12:22.",
            "Deadline for AHT extended to 31 October, agreed with Natalie because of the storm volumes.",
        ],
        [
            D(2025, 10, 31),
            "Natalie Shaw / Joanne Platt",
            "AHT 12:24 (met); Liability course passed 86%; no fault complaints so far in Q4",
            "I can now explain split liability using the mentor's examples.",
            "Mentor sessions continue to December; start negotiator secondment application.",
        ],
    ]
    sheets = [
        {
            "name": "Self-assessment",
            "rows": sa_rows,
            "title": True,
            "header_row": 3,
            "merge": ["A1:C1"],
            "widths": {"A": 28, "B": 60, "C": 60},
        },
        {
            "name": "Objectives",
            "rows": obj_rows,
            "title": True,
            "header_row": 3,
            "merge": ["A1:F1"],
            "widths": {"A": 50, "B": 22, "F": 40},
        },
        {
            "name": "PDP",
            "rows": plan_rows,
            "title": True,
            "header_row": 3,
            "merge": ["A1:F1"],
            "widths": {"A": 28, "B": 50, "C": 40, "F": 40},
        },
        {
            "name": "Reviews",
            "rows": rev_rows,
            "title": True,
            "header_row": 3,
            "merge": ["A1:E1"],
            "widths": {"C": 40, "D": 50, "E": 50},
        },
    ]
    spec = {
        "summary": "Motor claims FNOL handler. Four-sheet workbook with merged titles and headers in row 3: label/value self-assessment with evidence column; objectives table with KPI, baseline, target, date cells and organisational goal; plan sheet with resources; reviews sheet with five dated rows and adjustments.",
        "layout": [
            "xlsx",
            "label-value-sheet",
            "header-not-row-1",
            "merged-title",
            "date-cells",
            "percent-cells",
            "plan-second-sheet",
            "reviews-sheet",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal (Motor Claims Negotiator by mid-2026) with strengths and areas to develop each backed by evidence: completeness 97% vs 95%, CSAT 4.7/5, AHT 14:10 vs 12:30, three complaints, transfer rate 11% vs 6%.",
            ),
            "smart-objectives": (
                "met",
                "Each objective has a KPI, baseline, target, deadline and the organisational goal it supports (AHT 14:10 to 12:30 by 30/09/2025, transfers 11% to 6% by 31/08/2025, complaints 3 to 0 by 31/12/2025).",
            ),
            "development-plan": (
                "met",
                "PDP sheet lists needs, activities, named resources and support, start and target dates and measurable success criteria.",
            ),
            "monitoring": (
                "met",
                "Reviews sheet holds five dated reviews with figures and reflection and records adjustments with reasons (extra multi-vehicle sit-along, completeness check, AHT deadline extended after storm surge).",
            ),
        },
        "findings": [],
    }
    return "strong_workbook_motor_claims", "xlsx", sheets, None, spec


def p05_mixed_selfassessment_no_evidence():
    blocks = [
        ("title", "Severnside Water – Customer Services Development Portfolio"),
        (
            "p",
            "Learner: Kirsty Evans, Customer Services Adviser (billing and metering), Gloucester contact centre.",
        ),
        ("h", "Self-assessment"),
        (
            "p",
            "My long-term goal is to become a Quality Assurance Analyst in the contact centre. QA analysts listen to calls, score them against the quality framework and give feedback to advisers, so they need very good knowledge of our processes and the ability to explain things clearly.",
        ),
        (
            "p",
            "I think my strengths are that I am patient and calm with customers, even when they are upset about high bills or leaks. I know the billing system well and other advisers often ask me for help with metering queries. I am reliable and I am rarely off sick. I also think I am good at explaining things in plain English, which would help me as a QA analyst.",
        ),
        (
            "p",
            "The areas I need to develop are my speed on calls, because I sometimes spend too long on one customer, and resolving queries first time, because now and again customers ring back about the same thing. I am also not very confident with the Priority Services Register and the rules about vulnerable customers, and I have never given feedback to a colleague in a formal way. I would like to learn how the quality framework is scored.",
        ),
        ("h", "Objectives"),
        (
            "numbers",
            [
                "Bring my average handling time down to 7:00 minutes or under by 31 October 2025, as shown on my monthly scorecard. The site target is 7:00 and shorter calls help us meet the Ofwat-linked service level.",
                "Achieve first contact resolution of 80% or more by 30 November 2025, measured by the 7-day repeat call report, supporting the company's C-MeX customer experience target.",
                "Score 100% on the vulnerability section of every QA evaluation from August to December 2025, supporting our Priority Services Register commitments.",
                "Complete two peer-feedback sessions each month from September 2025 using the QA framework, with my team leader observing at least one, to prepare for a QA role.",
            ],
        ),
        ("h", "Development plan"),
        (
            "table",
            [
                ["Need", "Activity", "Resources / support", "Timescale", "Success measure"],
                [
                    "Call efficiency",
                    "Weekly call listening with team leader; use billing call flow",
                    "Team leader Rhys Morgan; QA call recordings",
                    "July – October 2025",
                    "AHT 7:00 or under on October scorecard",
                ],
                [
                    "First contact resolution",
                    "Complete 'Getting it right first time' e-learning; keep a log of repeat calls and their causes",
                    "Learning hub module; repeat call report from MI team",
                    "By 31 August 2025 (module); log to November",
                    "FCR 80%+ by 30 November",
                ],
                [
                    "Vulnerable customers",
                    "Priority Services Register training; buddy with the Customer Care team for a day",
                    "PSR training (L&D); Customer Care team leader",
                    "August 2025",
                    "100% on QA vulnerability section",
                ],
                [
                    "Giving feedback",
                    "Shadow a QA analyst in two calibration sessions; run peer-feedback sessions",
                    "QA analyst Bethan Lloyd; QA framework document",
                    "September – December 2025",
                    "Two sessions a month; positive observation from team leader",
                ],
            ],
        ),
        ("h", "Reviews"),
        (
            "table",
            [
                ["Date", "What has happened", "What I learned", "Changes to the plan"],
                [
                    "05/08/2025",
                    "AHT 7:40, FCR 74%. PSR training done on 1 August. Started repeat call log.",
                    "Most of my repeat calls are about meter readings I promised to pass on.",
                    "Added an action to complete meter reading requests while the customer is on the line.",
                ],
                [
                    "09/09/2025",
                    "AHT 7:25, FCR 77%. QA vulnerability section 100% in August. E-learning completed.",
                    "Calibration with Bethan showed me I was marking too generously.",
                    "Calibration moved to fortnightly for September only, at Bethan's suggestion, so I learn the scoring faster.",
                ],
                [
                    "14/10/2025",
                    "AHT 7:05, FCR 79%. One peer-feedback session done in September instead of two because of a system outage week.",
                    "I need to book sessions earlier in the month.",
                    "Booked October and November sessions in the diary in advance; AHT target kept at 31 October.",
                ],
                [
                    "11/11/2025",
                    "AHT 6:55 (met). FCR 80.5% (met early). Two peer sessions in October, one observed by Rhys.",
                    "Rhys said my feedback was balanced and specific.",
                    "Applying for the QA secondment in January; plan continues to December.",
                ],
            ],
        ),
    ]
    spec = {
        "summary": "Water utility billing adviser. Bold-line headings; prose self-assessment with a clear QA-analyst goal but no figures, feedback or examples; numbered SMART objectives with targets and dates; plan table with resources; four dated reviews in a table with adjustments.",
        "layout": [
            "bold-headings",
            "prose-self-assessment",
            "list-number",
            "pdp-table",
            "review-table",
        ],
        "points": {
            "self-assessment": (
                "partially_met",
                "Career goal (QA Analyst) is defined and strengths and areas to develop are named against it, but nothing is evidenced: no KPI figures, QA results or customer/manager feedback ('I think my strengths are…', 'now and again customers ring back').",
            ),
            "smart-objectives": (
                "met",
                "AHT 7:00 by 31/10/2025, FCR 80% by 30/11/2025, 100% QA vulnerability section Aug–Dec, two peer sessions a month from September: specific, measured, dated and tied to site KPIs, C-MeX and PSR commitments.",
            ),
            "development-plan": (
                "met",
                "Four needs with activities, named support and resources, timescales and measurable success criteria.",
            ),
            "monitoring": (
                "met",
                "Four dated monthly reviews with figures and reflection, and adjustments with reasons (meter-reading action from repeat-call log, fortnightly calibration, booking sessions earlier after an outage).",
            ),
        },
        "findings": [],
    }
    return "mixed_selfassessment_no_evidence", "docx", blocks, "bold", spec


def p06_mixed_objectives_no_dates_two_reviews():
    blocks = [
        ("title", "Development Portfolio – Card Services"),
        (
            "p",
            "Daniel Adeyemi, Card Services Adviser, Thamesgate Bank contact centre, Reading. Team leader: Sarah Quinn.",
        ),
        ("h", "Self-assessment against my career goal"),
        (
            "p",
            "I want to join the Fraud Operations team as a fraud investigator within the next eighteen months. Investigators handle suspected fraud calls, so they need strong questioning skills, a solid grasp of the Consumer Duty and card scheme dispute rules, and the ability to stay accurate under pressure.",
        ),
        (
            "p",
            "What is going well: my QA score for the last quarter of 2024 averaged 89%, and the QA team highlighted my identification and verification checks as 'consistently excellent' in their December report. My customer satisfaction score is 4.4 out of 5 against a team average of 4.1. In January a customer emailed the complaints team to praise the way I handled a lost card abroad.",
        ),
        (
            "p",
            "What I need to work on: my average handling time is 11:20 against the team target of 10:00, mainly because I over-explain the dispute process. My first contact resolution is 70% against a target of 78%; chargeback disputes are where I most often need a callback. Finally, I have had no exposure to fraud cases, and the fraud team told me that applicants are expected to know the basics of fraud typologies such as authorised push payment scams.",
        ),
        ("h", "My objectives"),
        (
            "numbers",
            [
                "Reduce my average handling time from 11:20 to 10:00, measured on my monthly scorecard, supporting the contact centre's AHT target and service level.",
                "Increase my first contact resolution from 70% to 78%, measured by the repeat-contact report, in line with the Card Services FCR target.",
                "Maintain a QA score of 90% or more, supporting the bank's Consumer Duty quality standard.",
                "Learn the main fraud typologies so that I am ready to apply for a fraud investigator role.",
            ],
        ),
        ("p", "I will work on these over the coming months and check them with Sarah."),
        ("h", "Personal development plan"),
        (
            "table",
            [
                ["Learning need", "Activity", "Resources / support", "Dates", "Success criteria"],
                [
                    "Explaining disputes concisely",
                    "Rewrite my dispute explanation into a short script; two call-listening sessions a month",
                    "Team leader Sarah Quinn; dispute process guide",
                    "March – June 2025",
                    "AHT at or below 10:00 on the scorecard",
                ],
                [
                    "Chargeback rules",
                    "Complete the card scheme chargeback module; spend a morning with the Disputes team",
                    "Learning portal module CS-14; Disputes team leader",
                    "Module by 30 April 2025; visit May 2025",
                    "FCR at 78% or more; fewer than two callbacks a week",
                ],
                [
                    "Fraud typologies",
                    "Complete 'Recognising Fraud and Scams' e-learning; shadow a fraud investigator for a day",
                    "Fraud awareness module; Fraud Operations manager Ian Park",
                    "June – July 2025",
                    "Pass module assessment at 80%+; shadowing feedback form completed",
                ],
                [
                    "Quality",
                    "Review my QA reports monthly and act on one improvement point each month",
                    "QA reports; QA analyst drop-in sessions",
                    "Monthly from March 2025",
                    "QA 90% or more each month",
                ],
            ],
        ),
        ("h", "Reviews"),
        (
            "p",
            "Review 1 – 12 March 2025. Sarah and I agreed the objectives and the plan at this meeting. My figures for February were AHT 11:05, FCR 71% and QA 88%. I rewrote my dispute script and Sarah listened to two of my calls using it. Reflection: the script cut about a minute from dispute calls but I still lose time on balance enquiries. No changes were made to the plan.",
        ),
        (
            "p",
            "Review 2 – 9 September 2025. This was the next time we had a one-to-one, because Sarah was on secondment over the summer. My August figures were AHT 10:20, FCR 76% and QA 91%. I completed the chargeback module in April and visited the Disputes team in May, which made the biggest difference to my FCR. The fraud shadowing did not happen because Fraud Operations stopped taking visitors during their system migration. Adjustment: we replaced the shadowing with the fraud team's monthly case-study webinar from October, and I will ask again in the new year. Reason: the original activity is unavailable and the webinar covers the same typologies.",
        ),
    ]
    spec = {
        "summary": "Bank card-services adviser. Word Heading styles; evidenced prose self-assessment; numbered objectives with KPI, baseline and target but no deadline ('over the coming months'); full plan table; only two review paragraphs six months apart, the second adjusting the plan with a reason.",
        "layout": [
            "styled-headings",
            "prose-self-assessment",
            "list-number",
            "pdp-table",
            "review-paragraphs",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of fraud investigator within 18 months assessed against the role, with evidence: QA 89%, QA report comment, CSAT 4.4 vs 4.1, customer email, AHT 11:20 vs 10:00, FCR 70% vs 78%.",
            ),
            "smart-objectives": (
                "partially_met",
                "Objectives are specific, measured and KPI-linked (AHT 11:20 to 10:00, FCR 70% to 78%, QA 90%) but none is time-bound – no deadline is given ('over the coming months'); the fraud-typology objective has no measure either. Dates appear only in the plan.",
            ),
            "development-plan": (
                "met",
                "Plan table gives needs, activities, named resources and support, dated timelines and success criteria for each row.",
            ),
            "monitoring": (
                "partially_met",
                "Only two dated reviews, 12/03 and 09/09/2025, six months apart, so monitoring is not regular; the second review does record figures, reflection and an adjustment with a reason (webinar replaces unavailable shadowing).",
            ),
        },
        "findings": [],
    }
    return "mixed_objectives_no_dates_two_reviews", "docx", blocks, "styled", spec


def p07_mixed_plan_no_resources_no_adjustment():
    blocks = [
        ("title", "Personal Development Portfolio"),
        (
            "p",
            "Name: Jade Whitfield. Role: Customer Contact Adviser (phone and webchat), Larkfield Home & Garden online store, Northampton. Portfolio dates: June – November 2025.",
        ),
        ("h", "Self-assessment"),
        (
            "p",
            "I would like to become a Sales Team Coach by the end of 2026. Coaches support advisers to convert enquiries into orders, so I need to be a strong seller myself and be able to explain why something works.",
        ),
        (
            "p",
            "Strengths. My customer satisfaction on webchat is 92% for April and May 2025 against a team target of 88%, and my QA score averaged 90% over the same period. My team leader's observation note from 28 May said I 'build trust quickly and never push'. I also know our garden furniture range well; I was asked to write the product crib sheet for the summer season.",
        ),
        (
            "p",
            "Areas to develop. My sales conversion on inbound enquiry calls is 12% against the team target of 15%. My team leader's feedback is that I answer the question but do not suggest related products or delivery upgrades. On webchat I can only handle two chats at once while the standard is three, so my chats per hour is 5.1 against a target of 6.5. I also have no experience of coaching others.",
        ),
        ("h", "SMART objectives"),
        (
            "bullets",
            [
                "Increase my sales conversion on enquiry calls from 12% to 15% by 30 November 2025, measured on the weekly sales report. This supports the contact centre's contribution target of £1.2m online-assisted sales this year.",
                "Handle three concurrent webchats and reach 6.5 chats per hour by 30 September 2025 while keeping webchat CSAT at 88% or above.",
                "Keep my QA score at 88% or above each month to the end of November 2025, so that conversion is not improved at the expense of quality and compliance with the Consumer Contracts Regulations.",
            ],
        ),
        ("h", "Development plan"),
        (
            "table",
            [
                ["Learning need", "What I will do", "Target date", "How I will measure success"],
                [
                    "Recommending related products",
                    "Learn the top 20 'goes with' product pairings and use one suggestion on every suitable call",
                    "31 July 2025",
                    "Conversion 13.5% on the weekly sales report",
                ],
                [
                    "Handling objections",
                    "Practise the 'acknowledge, ask, answer' objection technique on calls",
                    "31 August 2025",
                    "Conversion 15% by 30 November",
                ],
                [
                    "Managing three webchats",
                    "Move from two to three concurrent chats, one week at a time",
                    "30 September 2025",
                    "6.5 chats per hour; CSAT 88%+",
                ],
                [
                    "Coaching skills",
                    "Buddy a new starter during their first month on the phones",
                    "31 October 2025",
                    "New starter passes their probation QA checks",
                ],
            ],
        ),
        ("h", "Reviews"),
        (
            "table",
            [
                ["Review date", "Progress", "Comments", "Next steps"],
                [
                    "01/08/2025",
                    "Conversion 12.6%. Chats per hour 5.6. QA 91%.",
                    "I learned the product pairings and use them, but customers often say 'no thanks'.",
                    "Continue with the plan.",
                ],
                [
                    "02/09/2025",
                    "Conversion 12.4%. Chats per hour 6.1. QA 89%. Webchat CSAT 90%.",
                    "Conversion has gone slightly backwards. I still find objections awkward and tend to drop the suggestion.",
                    "Continue with the plan.",
                ],
                [
                    "06/10/2025",
                    "Conversion 12.5%. Three concurrent chats now; 6.6 chats per hour (met). QA 90%.",
                    "Chat objective achieved. Conversion still well below target with under two months to go.",
                    "Continue with the plan.",
                ],
                [
                    "10/11/2025",
                    "Conversion 12.8%. Buddying with new starter completed; she passed her QA checks.",
                    "I enjoyed buddying and think I would be a good coach.",
                    "Keep going to the end of November.",
                ],
            ],
        ),
    ]
    spec = {
        "summary": "Online home-and-garden retailer contact adviser. Bold-line headings; evidenced prose self-assessment; bulleted SMART objectives on sales conversion, chats per hour and QA; four-column plan table with dates and measures but no resources or support; review table recording progress with 'Continue with the plan' each time while conversion stalls.",
        "layout": [
            "bold-headings",
            "prose-self-assessment",
            "list-bullet",
            "pdp-table",
            "review-table",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Sales Team Coach by end of 2026 with strengths and gaps evidenced: webchat CSAT 92% vs 88%, QA 90%, dated observation note, conversion 12% vs 15%, chats per hour 5.1 vs 6.5.",
            ),
            "smart-objectives": (
                "met",
                "Conversion 12% to 15% by 30/11/2025 (linked to £1.2m assisted-sales target), 6.5 chats per hour by 30/09/2025 with CSAT 88%+, QA 88%+ monthly to November: SMART and KPI-linked.",
            ),
            "development-plan": (
                "partially_met",
                "Needs, activities, target dates and measures are all present, but no resources or support are identified anywhere – no column, no named coach, course or materials for learning objection handling or coaching.",
            ),
            "monitoring": (
                "partially_met",
                "Four dated monthly reviews record figures and some reflection, but although conversion stalls at 12.4–12.8% against 15% every review says 'Continue with the plan'; nothing is adjusted when the objective is clearly not being met.",
            ),
        },
        "findings": [],
    }
    return "mixed_plan_no_resources_no_adjustment", "docx", blocks, "bold", spec


def p08_mixed_personal_smart_goal():
    blocks = [
        ("title", "My Personal Development Plan 2025"),
        (
            "p",
            "Ryan Doherty – Holiday Sales and Service Consultant, Skyline Holidays, Manchester contact centre. Manager: Lauren Fox.",
        ),
        ("h", "Self-assessment"),
        (
            "p",
            "Career goal: to be promoted to Senior Consultant on the Tailor-Made Holidays desk within a year. Senior consultants handle high-value bookings and complex itineraries, and they also mentor newer consultants.",
        ),
        (
            "p",
            "Strengths: I have strong destination knowledge of Spain and Portugal and my customers say so – my post-call NPS for March to May 2025 was +52 against a department average of +41. My QA score over the same period was 87%. I won 'consultant of the month' in April for a customer compliment about arranging a wheelchair transfer at short notice.",
        ),
        (
            "p",
            "Areas to develop: my booking conversion is 21% against the desk target of 25%, because I tend to quote and let the customer go away to think rather than agree a follow-up. I have limited knowledge of long-haul destinations, which Tailor-Made sells a lot of. I also find the busy Saturday shifts draining; my schedule adherence on Saturdays drops to 84% compared with 93% on weekdays, mostly from late returns from breaks when I feel flat.",
        ),
        ("h", "Objectives"),
        (
            "bullets",
            [
                "Increase my booking conversion from 21% to 25% by 31 October 2025, measured on the weekly sales league, contributing to the contact centre's summer 2026 early-booking revenue target.",
                "Keep my post-call NPS at +45 or higher every month until December 2025, supporting the company NPS goal of +40.",
                "Run the Manchester 10k in under 55 minutes on 12 October 2025, training three times a week using a 12-week plan. I want to improve my fitness and energy, which I think will help me on long Saturday shifts.",
            ],
        ),
        ("h", "Development plan"),
        (
            "table",
            [
                ["Learning need", "Activity", "Resources / support", "When", "Success measure"],
                [
                    "Closing and follow-up",
                    "Sales closing workshop; agree a call-back time on every quote",
                    "L&D sales workshop (booked 24 June); team leader call reviews",
                    "June – October 2025",
                    "Conversion 25% by 31 October",
                ],
                [
                    "Long-haul knowledge",
                    "Complete supplier training for Thailand, Mexico and the Caribbean; one familiarisation webinar a month",
                    "Supplier e-learning portals; Tailor-Made team mentor Hannah Cole",
                    "July – November 2025",
                    "Pass all three supplier certificates; handle long-haul quotes without transferring",
                ],
                [
                    "Customer experience",
                    "Listen to two top-NPS calls a month from the best practice library",
                    "QA best practice library",
                    "Monthly to December 2025",
                    "NPS +45 or higher each month",
                ],
                [
                    "Fitness and energy",
                    "Couch to 10k app, three runs a week; join parkrun on Saturdays",
                    "Running app; parkrun; new trainers (£80)",
                    "July – 12 October 2025",
                    "Finish the 10k in under 55 minutes",
                ],
            ],
        ),
        ("h", "Progress reviews"),
        (
            "table",
            [
                ["Date", "Progress", "Reflection", "Adjustments"],
                [
                    "28/07/2025",
                    "Conversion 22%. NPS +49. Workshop done. Thailand certificate passed. Running 3x a week.",
                    "Agreeing a call-back time is working when I remember to do it.",
                    "Added a call-back prompt to my quote template because I forget on busy days.",
                ],
                [
                    "26/08/2025",
                    "Conversion 23%. NPS +47. Mexico certificate passed. Parkrun PB 27:10.",
                    "Conversion lower on Saturdays when queues are long.",
                    "Lauren moved me to two Saturdays a month from September so I can concentrate on quality of quotes; agreed because Saturday queues push me into short quotes.",
                ],
                [
                    "29/09/2025",
                    "Conversion 24%. NPS +44 – just under target. Caribbean module started.",
                    "NPS dipped after the airline strike cancellations; most detractors were about the airline, not me.",
                    "Kept NPS target; added a line in my script explaining strike rebooking options.",
                ],
                [
                    "27/10/2025",
                    "Conversion 25.4% – met. NPS +50. Caribbean certificate passed. 10k finished in 53:40.",
                    "Long-haul quotes now handled without transfer.",
                    "Next: ask to shadow the Tailor-Made desk in December.",
                ],
            ],
        ),
    ]
    spec = {
        "summary": "Holiday sales consultant. Word Heading styles; evidenced self-assessment; two KPI-linked SMART objectives plus a fully SMART but personal 10k-running objective, carried into a plan row; monthly review table with adjustments and reasons.",
        "layout": [
            "styled-headings",
            "prose-self-assessment",
            "list-bullet",
            "pdp-table",
            "review-table",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Senior Consultant on Tailor-Made within a year, with evidenced strengths and gaps: NPS +52 vs +41, QA 87%, consultant-of-the-month compliment, conversion 21% vs 25%, Saturday adherence 84% vs 93%.",
            ),
            "smart-objectives": (
                "partially_met",
                "Conversion 21% to 25% by 31/10/2025 and NPS +45 monthly to December are SMART and KPI-linked, but the third objective (10k under 55 minutes by 12/10/2025) is a personal fitness goal; the appeal to 'energy on Saturdays' is not tied to adherence or any workplace measure.",
            ),
            "development-plan": (
                "partially_met",
                "Three work rows are complete with needs, activities, resources, dates and measures, but one of four rows is running training (Couch to 10k, parkrun, trainers) with no link to the job; the Saturday adherence gap the learner identified gets no work-based activity.",
            ),
            "monitoring": (
                "met",
                "Four dated monthly reviews with figures and reflection; adjustments with reasons (call-back prompt, fewer Saturday shifts, strike rebooking line in the script).",
            ),
        },
        "findings": ["hobby-not-professional", "irrelevant-activity"],
    }
    return "mixed_personal_smart_goal", "docx", blocks, "styled", spec


def p09_mixed_no_headings_claims_no_figures():
    blocks = [
        (
            "title",
            "Eastmoor District Council – Customer Contact Centre – development portfolio of Sophie Marsh",
        ),
        (
            "p",
            "I have been a Customer Contact Officer on the council tax and benefits line for just over a year. My career goal is to become a Revenues Officer in the back-office team within eighteen months, where I would be assessing discounts, exemptions and arrears arrangements rather than passing them on. To do that I need a deeper technical knowledge of council tax and to be able to resolve more of my calls myself.",
        ),
        (
            "p",
            "Looking at my performance for April to June 2025, my quality score averages 81% against a target of 88%; the QA team's comments say I give correct information but miss the data protection verification wording on about one call in five. My average handling time is 12:10 against a target of 10:00, partly because I put customers on hold to check single person discount rules. I transfer 15% of my calls to the back office against a team rate of 9%. On the positive side, my customer satisfaction score is 4.3 out of 5, which is above the team's 4.0, and I had a compliment in May from a carer whose direct debit I rearranged.",
        ),
        (
            "p",
            "From this I have set three objectives. First, to raise my quality score from 81% to 88% by 30 September 2025, measured in the monthly QA report, which supports the council's customer service standard and our GDPR obligations. Second, to reduce my average handling time from 12:10 to 10:30 by 31 October 2025, measured on the telephony dashboard, to help the centre bring its abandonment rate under 8% at peak times. Third, to reduce my transfer rate from 15% to 10% by 30 November 2025, measured in the transfer report, which supports the revenues service aim of resolving more contacts at first point.",
        ),
        (
            "p",
            "My plan to achieve these is as follows. For the verification wording I will use the DPA checklist card on every call and ask my team leader, Mark Ellis, to listen to two calls a week during July; I will know it is working when the QA report shows no verification errors in August. For council tax knowledge I will complete the 'Council Tax Discounts and Exemptions' course from the Institute of Revenues, Rating and Valuation, which the council is paying for (£150), by 30 September, and I will spend one morning a fortnight with the Revenues team from July to October with the agreement of their manager, Helen Byrne. The success measure is a transfer rate of 10% or lower. To speed up my calls I will learn the revenues system shortcuts with our super-user, Asif, by 31 July and keep the discount rules summary open on my second screen, aiming for an AHT of 10:30 by the end of October.",
        ),
        (
            "p",
            "15 July 2025 – first review with Mark. I have started using the checklist card and I feel much more confident with the verification wording now. I have booked the IRRV course. My calls feel quicker already since I stopped putting people on hold so much. Plan stays as it is.",
        ),
        (
            "p",
            "19 August 2025 – review with Mark. Mark said my quality has improved a lot and he is pleased with the calls he listened to. I have been to two Revenues mornings and they have really helped; I am transferring far fewer calls than before. The IRRV course dates moved to October so I have swapped the order and will do extra Revenues shadowing in September instead, because the course provider cancelled the September cohort.",
        ),
        (
            "p",
            "23 September 2025 – review. I think I am on track for my quality objective. My handling time is definitely better and customers seem happier. I am still sometimes unsure about student exemptions so I will ask Helen for a session on those.",
        ),
        (
            "p",
            "21 October 2025 – review. I attended the IRRV course on 8 and 9 October and passed. I feel I am now resolving most council tax queries myself and only transferring the really complicated ones. Mark agreed I have come on well and said he would support my application when a Revenues Officer post comes up. I will keep going with the plan until the end of November.",
        ),
    ]
    spec = {
        "summary": "Council tax and benefits contact officer. No headings at all; evidenced prose self-assessment; SMART objectives in prose; plan in prose with resources, dates and measures; four dated review paragraphs that claim improvement ('much quicker', 'far fewer') without a single figure, and one adjustment with a reason.",
        "layout": [
            "no-headings",
            "prose-self-assessment",
            "objectives-in-prose",
            "pdp-prose",
            "review-paragraphs",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Revenues Officer within 18 months with evidence from April–June 2025: QA 81% vs 88% and QA comments, AHT 12:10 vs 10:00, transfers 15% vs 9%, CSAT 4.3 vs 4.0, a carer's compliment.",
            ),
            "smart-objectives": (
                "met",
                "QA 81% to 88% by 30/09/2025, AHT 12:10 to 10:30 by 31/10/2025 (linked to abandonment under 8%), transfers 15% to 10% by 30/11/2025: SMART and KPI-linked, though written as prose.",
            ),
            "development-plan": (
                "met",
                "Prose plan covers each need with activities, named support and funded resources (team leader, IRRV course £150, Revenues manager, super-user), dates and measurable success criteria.",
            ),
            "monitoring": (
                "partially_met",
                "Four dated reviews at roughly monthly intervals and one adjustment with a reason (extra shadowing while the course moved to October), but progress is never measured: no QA, AHT or transfer figure is recorded, only feelings and second-hand praise ('much quicker', 'far fewer calls', 'on track').",
            ),
        },
        "findings": ["uncorroborated-claim"],
    }
    return "mixed_no_headings_claims_no_figures", "docx", blocks, "none", spec


def p10_mixed_workbook_hidden_draft_single_review():
    about = [
        ["About me", None],
        ["Name", "Hannah Osei"],
        [
            "Employer / role",
            "Fernhill Pharmacy Direct – Patient Services Adviser, prescription delivery helpline (Stockport)",
        ],
        ["Time in role", "14 months"],
        [
            "Career goal",
            "Become a Patient Services Team Leader within 18 months (next TL recruitment expected spring 2026)",
        ],
        [
            "Strength 1",
            "Knowledge of the repeat prescription process – I am the team's go-to person for NHS exemption queries; team leader asked me to run a briefing on exemptions in April 2025",
        ],
        [
            "Strength 2",
            "Calm with anxious patients – CSAT 4.6/5 for Q1 2025 against 4.2 team average; two patient compliments logged in March",
        ],
        [
            "To develop 1",
            "Call efficiency – AHT 8:55 vs target 7:30 (May 2025 scorecard) because I re-check stock on every call",
        ],
        [
            "To develop 2",
            "Resolving delivery problems first time – FCR 72% vs 80% target; I pass missed-delivery cases to the logistics desk rather than rebooking them myself",
        ],
        [
            "To develop 3",
            "Leading others – I have never run a team huddle or given formal feedback; a TL needs both",
        ],
        [
            "Evidence sources",
            "Monthly scorecard, QA reports, CSAT survey, compliments log, one-to-one notes",
        ],
    ]
    old_plan = [
        ["PLAN – first draft (replaced by 'Plan' tab 12/06/2025)", None, None],
        ["What", "When", "Notes"],
        ["Get better at time management", "ASAP", "apps?"],
        ["Leadership book", "summer", "library"],
        ["Pilates for posture/back at desk", "weekly", "gym near work"],
        ["Be more confident", "ongoing", None],
    ]
    objectives = [
        [
            "SMART objectives (agreed with Dave Lomax, Team Leader, 12/06/2025)",
            None,
            None,
            None,
            None,
        ],
        ["Objective", "KPI", "From", "To", "By"],
        [
            "Cut my average handling time by using the live stock screen instead of re-checking with the dispensary",
            "AHT",
            "8:55",
            "7:30",
            D(2025, 10, 31),
        ],
        [
            "Rebook missed deliveries myself on the first call instead of passing them to logistics",
            "FCR",
            ("%", 0.72),
            ("%", 0.80),
            D(2025, 11, 30),
        ],
        [
            "Keep quality and patient safety checks right while getting faster",
            "QA score",
            ("%", 0.88),
            ("%", 0.90),
            D(2025, 11, 30),
        ],
        [
            "Lead the Monday team huddle once a fortnight and give structured peer feedback, to prepare for the team leader role",
            "Huddles led / feedback sessions logged",
            "0",
            "6 huddles, 4 feedback sessions",
            D(2025, 11, 30),
        ],
        [
            "Why these matter",
            "The pharmacy's service plan targets 80% FCR and a 7:30 AHT to keep abandoned calls below 6% during the winter repeat-prescription peak.",
            None,
            None,
            None,
        ],
    ]
    plan = [
        ["Plan", None, None, None, None, None, None],
        [
            "Learning need",
            "Activity",
            "Resources / support",
            "Start",
            "Complete by",
            "Success measure",
            "Review notes 29/09/2025",
        ],
        [
            "Using the live stock screen",
            "One-hour session with the systems trainer; practise on every call for a month",
            "Systems trainer Kate Moss-Bradley; stock screen guide",
            D(2025, 6, 16),
            D(2025, 7, 31),
            "AHT 7:30 by 31/10",
            "Session done 24/06. AHT now 8:05 (Aug scorecard). Still slower on controlled drugs queries.",
        ],
        [
            "Rebooking missed deliveries",
            "Two afternoons on the logistics desk; rebooking permissions requested",
            "Logistics supervisor Paul Hart; system permission form",
            D(2025, 6, 23),
            D(2025, 8, 29),
            "FCR 80% by 30/11",
            "Permissions arrived late (8/09). FCR 74%. Added a third logistics afternoon in October because I only got two weeks of practice.",
        ],
        [
            "Quality while speeding up",
            "Monthly QA review with Dave; read the patient safety checklist before each shift for June",
            "QA reports; patient safety checklist",
            D(2025, 6, 12),
            D(2025, 11, 30),
            "QA 90%+",
            "QA 91% in August, 89% in July.",
        ],
        [
            "Leading and feedback",
            "Lead huddles fortnightly; complete the company 'Introduction to Coaching' e-learning; get feedback from Dave after each huddle",
            "Dave Lomax; LMS coaching module; huddle template",
            D(2025, 7, 7),
            D(2025, 11, 30),
            "6 huddles, 4 logged feedback sessions",
            "3 huddles led, e-learning complete, 1 feedback session logged.",
        ],
    ]
    sheets = [
        {
            "name": "About me",
            "rows": about,
            "title": True,
            "merge": ["A1:B1"],
            "widths": {"A": 20, "B": 90},
        },
        {
            "name": "Plan v1",
            "rows": old_plan,
            "title": True,
            "hidden": True,
            "header_row": 2,
            "merge": ["A1:C1"],
            "widths": {"A": 40},
        },
        {
            "name": "Objectives",
            "rows": objectives,
            "title": True,
            "header_row": 2,
            "merge": ["A1:E1", "B7:E7"],
            "widths": {"A": 60, "B": 30},
        },
        {
            "name": "Plan",
            "rows": plan,
            "title": True,
            "header_row": 2,
            "merge": ["A1:G1"],
            "widths": {"A": 26, "B": 45, "C": 35, "F": 24, "G": 55},
        },
    ]
    spec = {
        "summary": "Pharmacy prescription-delivery helpline adviser. Workbook: label/value self-assessment sheet; a hidden, superseded first-draft plan with vague and personal items; objectives sheet with KPI, from/to and date cells; current plan sheet with resources and a single 'Review notes 29/09/2025' column.",
        "layout": [
            "xlsx",
            "label-value-sheet",
            "merged-title",
            "hidden-sheet",
            "date-cells",
            "percent-cells",
            "plan-second-sheet",
            "review-column",
        ],
        "points": {
            "self-assessment": (
                "met",
                "Goal of Patient Services TL within 18 months, strengths and areas to develop evidenced: exemptions briefing, CSAT 4.6 vs 4.2, compliments, AHT 8:55 vs 7:30, FCR 72% vs 80%, no leadership experience yet.",
            ),
            "smart-objectives": (
                "met",
                "AHT 8:55 to 7:30 by 31/10/2025, FCR 72% to 80% by 30/11/2025, QA 88% to 90%, six huddles and four feedback sessions by 30/11/2025, linked to the service plan's FCR, AHT and abandonment targets.",
            ),
            "development-plan": (
                "met",
                "Current Plan sheet lists needs, activities, named support and resources, start and completion dates, and success measures. The hidden 'Plan v1' sheet (vague items, Pilates) is explicitly marked as replaced on 12/06/2025 and is not the plan being assessed.",
            ),
            "monitoring": (
                "partially_met",
                "Only one review point (29/09/2025) in a single column: it records figures and one adjustment with a reason (extra logistics afternoon after late permissions), but there is no further review before the November deadlines and no evidence of regular monitoring.",
            ),
        },
        "findings": [],
    }
    return "mixed_workbook_hidden_draft_single_review", "xlsx", sheets, None, spec


def p11_weak_irrelevant_plan_bold():
    blocks = [
        ("title", "PDP – Liam Brennan"),
        (
            "p",
            "Customer Service Agent, Pennine Parcels, Huddersfield contact centre. I take calls and emails about missing and late parcels.",
        ),
        ("h", "About me and my goals"),
        (
            "p",
            "I have been in the job since January. I would like to progress in the company in the future, maybe into a different department, but I am not sure which yet. I am also interested in travelling and possibly working abroad one day, so I have included some things for that as well.",
        ),
        (
            "p",
            "I think I am good at customer service because I am friendly and I like helping people. I get on well with my team and I am always on time. Things I could be better at are staying calm when customers shout at me, being more organised with my emails, and using the computer systems quicker. I sometimes get stressed at the end of a busy day.",
        ),
        (
            "p",
            "A normal day for me is about 60 to 70 calls plus whatever emails come in. Most of the calls are customers chasing parcels that the tracking says have been delivered but they have not received, or people who want to change the delivery address after the parcel has left the depot, which we cannot always do. Some customers get very angry because they have been waiting in all day. I try my best to sort it out but often I have to raise a case with the depot and tell them someone will call back within 48 hours, and they don't like that.",
        ),
        (
            "p",
            "I have not really had any feedback yet apart from my probation review, which I passed. My team leader said I was doing fine and should keep it up. I do not really look at my stats because there are a lot of numbers on the dashboard and I am not sure which ones matter most.",
        ),
        ("h", "My objectives"),
        (
            "bullets",
            [
                "Get better at dealing with angry customers.",
                "Be more organised with my inbox.",
                "Learn Spanish to a conversational level by summer 2026 so I can travel around South America.",
                "Improve my confidence.",
                "Get fitter and manage stress better.",
            ],
        ),
        ("h", "Development plan"),
        (
            "table",
            [
                ["Activity", "Why", "Cost / resources", "Start", "Finish"],
                [
                    "Duolingo Spanish 15 minutes a day",
                    "For travelling",
                    "Free app",
                    "September 2025",
                    "July 2026",
                ],
                [
                    "Evening photography course at the college",
                    "I enjoy it and it helps me relax",
                    "£120, Kirklees College",
                    "October 2025",
                    "December 2025",
                ],
                [
                    "Level 2 Food Hygiene certificate (online)",
                    "Might be useful if I change jobs",
                    "£25 online provider",
                    "November 2025",
                    "November 2025",
                ],
                [
                    "Read a book about mindfulness",
                    "For stress",
                    "Library",
                    "September 2025",
                    "October 2025",
                ],
                [
                    "Join a five-a-side team",
                    "Fitness and confidence",
                    "£5 a week",
                    "September 2025",
                    "Ongoing",
                ],
            ],
        ),
        ("h", "Anything else"),
        (
            "p",
            "My team leader has said I can look at the training on the learning portal if I want to, and I will try to do some when it is quiet. I think doing all of the above will make me a more confident person overall, and that will come across on the phone. I will look back at this plan at some point next year to see how I have got on.",
        ),
        (
            "p",
            "I chose these activities because they are things I am actually interested in and I think you learn better when you enjoy something. The photography course in particular is something I have wanted to do for ages, and the five-a-side will help with stress, which in turn should help with the angry customers. I know some of them are not directly about my job but I think being a more rounded person is part of personal development.",
        ),
    ]
    spec = {
        "summary": "Parcel-carrier customer service agent. Bold-line headings; prose self-assessment with no defined career goal and no evidence; bulleted objectives that are vague or personal (Spanish for travel, fitness); plan table with costs and dates whose activities are all unrelated to the job; no reviews.",
        "layout": ["bold-headings", "prose-self-assessment", "list-bullet", "pdp-table"],
        "points": {
            "self-assessment": (
                "not_met",
                "Strengths and areas to develop are listed (staying calm, email organisation, system speed) but there is no defined career goal ('progress in the company… not sure which yet') and no evidence at all – the learner says they do not look at their stats and cites only 'doing fine' at probation.",
            ),
            "smart-objectives": (
                "not_met",
                "Work objectives are vague with no KPI, target or date ('Get better at dealing with angry customers', 'Improve my confidence'); the only time-bound objective is learning Spanish for travel, a personal goal.",
            ),
            "development-plan": (
                "not_met",
                "Although it has costs and dates, every activity is unrelated to the contact-centre role (Duolingo, photography, food hygiene, mindfulness book, five-a-side); no learning needs are identified and there are no success measures. The only work resource is a vague 'look at the learning portal… when it is quiet'.",
            ),
            "monitoring": (
                "not_met",
                "No review is recorded; the learner only says they will look back 'at some point next year'.",
            ),
        },
        "findings": [
            "vague-objective",
            "no-kpi-link",
            "hobby-not-professional",
            "irrelevant-activity",
            "plan-not-reviewed",
        ],
    }
    return "weak_irrelevant_plan_bold", "docx", blocks, "bold", spec


def p12_weak_no_headings_vague_reviews():
    blocks = [
        ("title", "Development portfolio – Castleview Mobile – Connor Hughes"),
        (
            "p",
            "I work as a Customer Care Adviser for Castleview Mobile in our Swansea contact centre, where I take calls about bills, upgrades, network problems and sometimes complaints. I have been here for about ten months now. I enjoy my job and I want to keep doing well at it. The people on my team are friendly and my team leader, Nia, is really supportive.",
        ),
        (
            "p",
            "When I think about how I am doing, I would say I am a good adviser overall. I am polite, I always try my best for customers and I think most people come off the phone happy. Nia says I am doing ok. I am good at the billing side because I have had a lot of those calls. I am less good at the technical calls about network coverage and handsets, because there is a lot to remember and the systems are slow. I also sometimes struggle with customers who want to cancel, because I don't like to push them to stay.",
        ),
        ("p", "My objectives for this year are:"),
        (
            "bullets",
            [
                "Improve my AHT.",
                "Get better CSAT scores.",
                "Be more confident on technical calls.",
                "Do more training.",
                "Help the team hit its targets.",
            ],
        ),
        (
            "p",
            "To achieve these I will do some of the e-learning modules on the learning hub, especially the ones about network troubleshooting and handsets, and I will listen to calls with Nia when she has time. I will also ask the more experienced advisers for tips when I get stuck and I will try to read the knowledge base articles when there is a gap between calls. I think this should all happen over the next few months. I may also look at doing a customer service qualification at some point if the company will pay for it.",
        ),
        (
            "p",
            "I know it is important to keep checking how things are going, so I have written some updates below.",
        ),
        (
            "p",
            "Update, August 2025. Things are going well. I have done a couple of the e-learning modules and I feel more confident already. Nia listened to one of my calls and said it was good. I am going to keep doing what I am doing.",
        ),
        (
            "p",
            "Update, October 2025. My AHT is much better now and I think my customers are happier as well, as I have had some nice comments. The technical calls are still tricky sometimes, especially the ones about 5G coverage, but I am getting there. I have been asking the senior advisers for help and that has been useful. I haven't had a chance to do more of the e-learning because it has been really busy with the new iPhone launch, but I will get back to it when things calm down.",
        ),
        (
            "p",
            "Overall I think I have improved a lot since I started this portfolio and I am happy with my progress. I am more confident, I know more about the products and the systems, and I feel I can deal with most calls now without having to put the customer on hold. In the future I would like to maybe move into a different role, but for now I want to carry on improving and keep helping customers as best I can.",
        ),
    ]
    spec = {
        "summary": "Mobile network care adviser. No headings; thin prose self-assessment with no career goal or evidence; five bullet objectives naming AHT and CSAT but with no targets or dates; two-sentence plan with no dates or measures; two month-only updates claiming improvement without figures and changing nothing.",
        "layout": [
            "no-headings",
            "prose-self-assessment",
            "list-bullet",
            "pdp-prose",
            "review-paragraphs",
        ],
        "points": {
            "self-assessment": (
                "not_met",
                "No defined career goal ('I want to keep doing well… maybe move into a different role') and no evidence: 'I would say I am a good adviser', 'Nia says I am doing ok'. A few strengths and weaknesses are listed, but not assessed against any goal.",
            ),
            "smart-objectives": (
                "not_met",
                "AHT and CSAT are named but with no baseline, target or date ('Improve my AHT', 'Get better CSAT scores'); the rest are vague ('Do more training', 'Be more confident').",
            ),
            "development-plan": (
                "not_met",
                "A short paragraph of loosely described activities (some e-learning, listening with Nia 'when she has time') with no learning needs set out, no dates ('over the next few months') and no success measures; not a development plan.",
            ),
            "monitoring": (
                "not_met",
                "Two updates dated only by month (August, October) that assert improvement with no figures ('My AHT is much better now') and no adjustment even when the e-learning stops; unsupported claims dominate.",
            ),
        },
        "findings": ["vague-objective", "uncorroborated-claim"],
    }
    return "weak_no_headings_vague_reviews", "docx", blocks, "none", spec


def p13_weak_team_leader_team_targets_only():
    blocks = [
        ("title", "Team Leader Portfolio – Personal Development"),
        (
            "p",
            "Name: Marcus Bell. Team Leader, Meridian Contact Solutions (outsourced contact centre, Sunderland), leading 14 advisers on the Hollins & Grey department store account. In post since February 2025.",
        ),
        ("h", "Self-assessment"),
        (
            "p",
            "I would like to be considered for a Senior Team Leader position next year. Below is where my team currently stands against the client scorecard for Q2 2025 (April to June):",
        ),
        (
            "table",
            [
                ["KPI", "Client target", "Team actual (Q2)"],
                ["NPS", "+45", "+35"],
                ["Abandonment rate", "5%", "8%"],
                ["Average handling time", "6:30", "7:10"],
                ["Quality score", "90%", "86%"],
                ["Complaints per 1,000 contacts", "2.0", "2.6"],
            ],
        ),
        (
            "p",
            "As you can see the team is behind on most measures. The main reasons are two long-term sickness absences in May, new starters who are still learning the returns process, and the client's new order system, which went live in April and has slowed everyone down. The team works hard and morale is good. The client is happy with our attitude but wants the numbers to improve before the contract review in January.",
        ),
        (
            "p",
            "I have good relationships with my advisers and I am always available on the floor. I know the account well because I was an adviser on it for two years before becoming team leader.",
        ),
        (
            "p",
            "My main responsibilities are running the team's shifts, handling escalated calls from customers who ask for a manager, approving refunds over £50, completing return-to-work interviews, and attending the weekly client call with the account manager. I also do the monthly QA calibration with the client's quality lead. Most of my day is spent on the floor answering advisers' questions about the new order system and taking escalations, so I do not get much time away from the phones to do one-to-ones.",
        ),
        (
            "p",
            "The client has told us that the NPS and abandonment figures are the two they care most about because they feed into the service credits in the contract. If abandonment is above 6% for two months in a row Meridian pays a penalty, which happened in May and June.",
        ),
        ("h", "Objectives"),
        (
            "numbers",
            [
                "Team NPS to improve from +35 to +45 by 31 December 2025 (client scorecard).",
                "Team abandonment rate to reduce from 8% to 5% by 30 November 2025.",
                "Team AHT to reduce from 7:10 to 6:30 by 31 October 2025.",
                "Team quality score to reach 90% by 31 December 2025.",
            ],
        ),
        ("h", "Development plan"),
        ("p", "To get the team to these targets the actions are:"),
        (
            "bullets",
            [
                "Daily huddles at the start of each shift to share yesterday's figures.",
                "Post the weekly scorecard on the team board and reward the top performer with a voucher.",
                "Advisers below target to be put on an improvement plan and, if there is no improvement, referred to HR.",
                "Ask the client for more training on the new order system.",
                "Ask workforce planning to stop giving the team overtime shifts that clash with breaks.",
            ],
        ),
        (
            "p",
            "I will make sure these actions happen and keep the account manager updated. I think the team will be on target by the end of the year if everyone pulls together.",
        ),
        (
            "p",
            "I have also spoken to the other team leaders on the account and we have agreed to share ideas at the Friday team leader meeting, for example what each team does in huddles and how we deal with advisers who are regularly late back from breaks, which affects abandonment at peak times.",
        ),
        ("h", "Review"),
        ("p", "The account manager will look at the scorecard at the end of the year."),
    ]
    spec = {
        "summary": "Outsourced-centre team leader on a retail account. Word Heading styles; 'self-assessment' is a team KPI table against client targets with almost nothing about the leader's own skills; four team-level objectives with targets and dates copied from the client scorecard; 'plan' is a list of team actions with no personal learning; no review.",
        "layout": [
            "styled-headings",
            "team-leader",
            "kpi-table",
            "list-number",
            "list-bullet",
            "pdp-prose",
        ],
        "points": {
            "self-assessment": (
                "partially_met",
                "A career goal (Senior Team Leader next year) and current team KPI figures against client targets are given, but the leader's own skills, knowledge and behaviours are barely assessed (only 'good relationships', 'know the account') and no area for personal development is identified.",
            ),
            "smart-objectives": (
                "partially_met",
                "The four objectives are measurable, dated and KPI-linked (NPS +35 to +45 by 31/12, abandonment 8% to 5% by 30/11), but they are the client's team targets restated, with nothing about what the team leader will personally do or develop; no personal work objective.",
            ),
            "development-plan": (
                "not_met",
                "The 'plan' is a list of team management actions (huddles, vouchers, HR referrals) with no learning needs of the learner's own, no development activities, resources, dates or success criteria.",
            ),
            "monitoring": (
                "not_met",
                "No review has taken place; the only statement is that the account manager will look at the scorecard at the end of the year.",
            ),
        },
        "findings": ["plan-not-reviewed"],
    }
    return "weak_team_leader_team_targets_only", "docx", blocks, "styled", spec


def p14_weak_workbook_personal_goals():
    goals = [
        ["My goals 2025/26", None, None],
        [None, None, None],
        ["Goal", "Target", "Notes"],
        [
            "Save for a house deposit",
            "£5,000 in savings account by 31/12/2025 (£420 a month)",
            "Started a standing order on payday in June. On track so far.",
        ],
        ["Get fitter", "Gym 3 times a week", "Joined the gym near the office, 24/7 membership."],
        ["Learn to bake sourdough", "One loaf a week", "Starter from my aunt."],
        [
            "Be better at my job",
            "Better scores",
            "Manager said I should put something about work on here.",
        ],
        [
            "Be less nervous on the phone",
            "Soon",
            "Especially with claims where the pet has died – I find those really hard.",
        ],
        ["Maybe team leader one day?", "Not sure", "Or maybe vet nursing, still deciding."],
        [None, None, None],
        [
            "About my job",
            None,
            "I work on the claims line at Brookfield Pet Insurance in Norwich. Customers ring up to make a claim for vet treatment, check where their claim is up to, or complain when a claim is declined because of a pre-existing condition. I started in March 2025 after working in a café. I like the team and I love animals so it suits me, but some of the calls are upsetting, especially when someone's pet has just died and they need to claim for the cremation or the last treatment. I never know what to say on those calls and I sometimes end up just reading the script.",
        ],
        [
            "Why these goals",
            None,
            "My manager asked us all to fill in this workbook for our course. I have put the things that matter to me most at the moment. Buying a flat with my partner is the big one, and getting fitter because I sit down all day. I added the work ones at the end after my manager said there should be something about work on here.",
        ],
    ]
    skills = [
        ["How I rate myself (1 = poor, 5 = excellent)", None, None],
        [None, None, None],
        ["Skill", "Rating", "Comment"],
        ["Listening", 4, "I am a good listener."],
        ["Systems (claims system, CRM)", 3, "Getting there."],
        [
            "Product knowledge (policy types, exclusions)",
            3,
            "Lifetime vs time-limited policies still confuse me a bit.",
        ],
        ["Handling upset customers", 2, "Bereavement calls."],
        ["Time management", 3, None],
        ["Teamwork", 5, "Everyone says I'm a good laugh."],
        [
            "Overall",
            3,
            "Average I think. Brookfield Pet Insurance, Claims Line, Norwich – since March 2025.",
        ],
    ]
    plan = [
        ["Plan", None, None, None],
        [None, None, None, None],
        ["What I will do", "Resources", "When", "Done?"],
        [
            "Gym – 3x week, follow a beginners' programme",
            "Gym app, personal trainer induction (free)",
            "From June",
            "Mostly – missed some weeks in August",
        ],
        [
            "Budget spreadsheet and standing order",
            "Banking app, money-saving blog",
            "Monthly",
            "Yes",
        ],
        [
            "Sourdough – watch YouTube videos, bake on Sundays",
            "YouTube, flour, Dutch oven",
            "Weekends",
            "Yes – loaves getting better!",
        ],
        [
            "Some customer service e-learning",
            "Learning portal",
            "Sometime when it's quieter",
            "Not yet",
        ],
        ["Ask to sit with someone experienced on bereavement calls", "?", "Sometime", "Not yet"],
        [
            "Mindfulness app for nerves",
            "Headspace (free trial)",
            "Evenings",
            "Tried it, not really for me",
        ],
    ]
    reviews = [
        ["Reviews", None, None],
        [None, None, None],
        ["Date", "What's changed", "Next steps"],
        [
            "To do",
            "I will fill this in when I have my review with my manager. We haven't had one yet because she has been busy with the new system going in.",
            None,
        ],
        [
            None,
            "Personally I think I am doing better at work than when I started, I'm more confident and I know more about the policies.",
            "Keep going",
        ],
        [
            None,
            "Savings are on track (£2,100 so far) and I have been to the gym most weeks. The sourdough is much better than my first attempts. Work is fine, I am still finding the bereavement calls hard but I am getting used to them.",
            "Keep going",
        ],
    ]
    sheets = [
        {
            "name": "Goals",
            "rows": goals,
            "title": True,
            "header_row": 3,
            "merge": ["A1:C1"],
            "widths": {"A": 32, "B": 45, "C": 55},
        },
        {
            "name": "Skills",
            "rows": skills,
            "title": True,
            "header_row": 3,
            "merge": ["A1:C1"],
            "widths": {"A": 42, "C": 60},
        },
        {
            "name": "Plan",
            "rows": plan,
            "title": True,
            "header_row": 3,
            "merge": ["A1:D1"],
            "widths": {"A": 50, "B": 40, "C": 25, "D": 40},
        },
        {
            "name": "Reviews",
            "rows": reviews,
            "title": True,
            "header_row": 3,
            "merge": ["A1:C1"],
            "widths": {"B": 80, "C": 20},
        },
    ]
    spec = {
        "summary": "Pet-insurance claims adviser. Four-sheet workbook: goals sheet led by a SMART savings goal and hobbies with vague work aims; self-ratings with no evidence; plan of gym, budgeting, baking and undated e-learning; reviews sheet with 'To do' and an unsupported claim of improvement.",
        "layout": [
            "xlsx",
            "ratings-sheet",
            "header-not-row-1",
            "merged-title",
            "text-dates",
            "plan-second-sheet",
            "reviews-sheet",
        ],
        "points": {
            "self-assessment": (
                "not_met",
                "Only self-ratings with no evidence ('I am a good listener', 'Average I think') and no defined career goal ('Maybe team leader one day? … or maybe vet nursing'); one real development area (bereavement calls) is noted but not assessed.",
            ),
            "smart-objectives": (
                "not_met",
                "The only SMART goal is personal (£5,000 deposit by 31/12/2025); work aims are vague with no KPI, target or date ('Be better at my job – Better scores', 'Be less nervous – Soon').",
            ),
            "development-plan": (
                "not_met",
                "Activities are mostly personal (gym, budgeting, sourdough, mindfulness app); the two work activities have no date, resource or success measure ('Sometime', '?').",
            ),
            "monitoring": (
                "not_met",
                "No review has happened ('To do'); the only comment is an unsupported claim of being 'more confident' with no figures and no change to the plan.",
            ),
        },
        "findings": [
            "vague-objective",
            "no-kpi-link",
            "hobby-not-professional",
            "irrelevant-activity",
            "plan-not-reviewed",
            "uncorroborated-claim",
        ],
    }
    return "weak_workbook_personal_goals", "xlsx", sheets, None, spec


# --------------------------------------------------------------------------- main

BUILDERS = (
    p01_strong_energy_billing_styled,
    p02_strong_housing_repairs_bold_prose,
    p03_strong_team_leader_broadband,
    p04_strong_workbook_motor_claims,
    p05_mixed_selfassessment_no_evidence,
    p06_mixed_objectives_no_dates_two_reviews,
    p07_mixed_plan_no_resources_no_adjustment,
    p08_mixed_personal_smart_goal,
    p09_mixed_no_headings_claims_no_figures,
    p10_mixed_workbook_hidden_draft_single_review,
    p11_weak_irrelevant_plan_bold,
    p12_weak_no_headings_vague_reviews,
    p13_weak_team_leader_team_targets_only,
    p14_weak_workbook_personal_goals,
)


def main() -> None:
    PORTFOLIOS.mkdir(parents=True, exist_ok=True)
    EXPECTATIONS.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        stem, ext, content, mode, spec = builder()
        path = PORTFOLIOS / f"{stem}.{ext}"
        if ext == "docx":
            build_docx(path, content, mode)
        else:
            build_xlsx(path, content)
        spec["file"] = path.name
        write_expectation(stem, spec)
        print(f"wrote {path.relative_to(HERE)}")


if __name__ == "__main__":
    main()
