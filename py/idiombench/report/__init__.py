"""idiombench.report: make report, a run folder's REPORT.md."""
