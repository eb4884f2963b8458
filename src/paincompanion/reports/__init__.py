"""Reports: charts (and later the appointment summary) built without Qt; matplotlib object API only."""
