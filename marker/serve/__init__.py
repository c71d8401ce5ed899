"""`marker serve`: a local web app where learners pre-check a draft and assessors review.

Server-rendered pages (Starlette, Jinja2) with their CSS shipped in the package: no
scripts, no CDN, so it works offline and a strict Content-Security-Policy holds. Marking
runs in the batch's isolated worker processes; the audit database is the one `marker
audit` reads and writes.
"""
