"""The monthly report a head of library files: built once as plain values (`monthly`), worded
(`sentences`), then written as PDF, XLSX or CSV (`pdf`, `xlsx`, `csv_table`) by `files`."""
