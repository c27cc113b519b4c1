"""The programme's indicators: service use, attendance and feedback beside the promotion.

Staff record what only the library knows (visits, loans and new members per month, who came
to each event, what users said); the views here set those figures beside what the posts did,
aggregated in the database, for the dashboard tab, the indicators page and the monthly report.
"""
