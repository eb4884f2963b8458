"""Reports: the appointment summary (plain data, charts, PDF) built without Qt; matplotlib object API only."""
