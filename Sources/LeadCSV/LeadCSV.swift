// LeadCSV: work in progress.
