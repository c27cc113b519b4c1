"""New arrivals from the library catalogue, harvested over OAI-PMH.

SLiMS (`oai.php`), INLISLite (`/oai-pmh`) and Koha (`/cgi-bin/koha/oai.pl`) all speak OAI-PMH.
`sources` keeps the catalogues to harvest, `oai` talks to them (Sickle, with timeouts and
retries), `records` turns their Dublin Core or MARC 21 records into collection items the way
the MARC import does, `harvest` writes a whole harvest or nothing, `arrivals` proposes the
weekly "Koleksi baru pekan ini" draft for review, and `schedule` runs the due harvests.
"""
